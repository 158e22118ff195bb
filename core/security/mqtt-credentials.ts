/**
 * @module core/security/mqtt-credentials
 * A part's MQTT identity for the `its <part>` commands: read from the environment
 * (`ITS_MQTT_USERNAME`, `ITS_MQTT_PASSWORD`), never from a flag, so the password stays out of the
 * process list and shell history, and never printed (issue 11). Both or neither must be set.
 */
import { ConfigError } from '../errors/index.ts';

/** A username and password for the broker. */
export type MqttCredentials = { readonly username: string; readonly password: string };

/** The credentials in `env`, or undefined when neither variable is set (anonymous client). */
export function mqttCredentialsFromEnv(env: NodeJS.ProcessEnv = process.env): MqttCredentials | undefined {
  const username = env['ITS_MQTT_USERNAME'];
  const password = env['ITS_MQTT_PASSWORD'];
  const hasUser = username !== undefined && username !== '';
  const hasPassword = password !== undefined && password !== '';
  if (!hasUser && !hasPassword) return undefined;
  if (!hasUser) throw new ConfigError('ITS_MQTT_USERNAME', 'must be set when ITS_MQTT_PASSWORD is');
  if (!hasPassword) throw new ConfigError('ITS_MQTT_PASSWORD', 'must be set when ITS_MQTT_USERNAME is');
  return { username, password };
}

/** How to say which identity a process uses, without its password. */
export function describeMqttIdentity(credentials: MqttCredentials | undefined): string {
  return credentials === undefined ? 'anonymous' : `as ${credentials.username}`;
}

/**
 * The broker URL with the credentials in its userinfo, for MQTT clients whose options take no
 * username/password (MQTT.js reads them from the URL). Never log the result.
 */
export function urlWithMqttCredentials(url: string, credentials: MqttCredentials | undefined): string {
  if (credentials === undefined) return url;
  const parsed = new URL(url);
  parsed.username = credentials.username;
  parsed.password = credentials.password;
  return parsed.toString();
}
