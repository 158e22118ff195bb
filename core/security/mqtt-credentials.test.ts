/**
 * @module core/security/mqtt-credentials.test
 * A part's MQTT identity comes from the environment only, both variables or neither, and is never
 * shown with its password.
 */
import { expect, test } from 'vitest';
import { ConfigError } from '../errors/index.ts';
import { describeMqttIdentity, mqttCredentialsFromEnv, urlWithMqttCredentials } from './mqtt-credentials.ts';

test('both variables give the identity, neither gives an anonymous client', () => {
  expect(
    mqttCredentialsFromEnv({ ITS_MQTT_USERNAME: 'ctl.r1.i1', ITS_MQTT_PASSWORD: 's3cret-s3cret' }),
  ).toEqual({
    username: 'ctl.r1.i1',
    password: 's3cret-s3cret',
  });
  expect(mqttCredentialsFromEnv({})).toBeUndefined();
  expect(mqttCredentialsFromEnv({ ITS_MQTT_USERNAME: '', ITS_MQTT_PASSWORD: '' })).toBeUndefined();
});

test('one variable without the other is a configuration error naming the missing one', () => {
  expect(() => mqttCredentialsFromEnv({ ITS_MQTT_USERNAME: 'ctl.r1.i1' })).toThrow(ConfigError);
  expect(() => mqttCredentialsFromEnv({ ITS_MQTT_USERNAME: 'ctl.r1.i1' })).toThrow(/ITS_MQTT_PASSWORD/);
  expect(() => mqttCredentialsFromEnv({ ITS_MQTT_PASSWORD: 'x' })).toThrow(/ITS_MQTT_USERNAME/);
});

test('the description names the identity but never the password', () => {
  const credentials = { username: 'center.center-1', password: 'hunter2-hunter2' };
  expect(describeMqttIdentity(credentials)).toBe('as center.center-1');
  expect(describeMqttIdentity(credentials)).not.toContain('hunter2');
  expect(describeMqttIdentity(undefined)).toBe('anonymous');
});

test('credentials go into the URL userinfo, percent-encoded', () => {
  const url = urlWithMqttCredentials('mqtt://127.0.0.1:1883', { username: 'sim.demo', password: 'a/b:c' });
  const parsed = new URL(url);
  expect(decodeURIComponent(parsed.username)).toBe('sim.demo');
  expect(decodeURIComponent(parsed.password)).toBe('a/b:c');
  expect(urlWithMqttCredentials('mqtt://h:1', undefined)).toBe('mqtt://h:1');
});
