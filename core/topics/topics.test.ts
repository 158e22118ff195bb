/**
 * @module core/topics/topics.test
 * The MQTT topic contract `its/v1/<region>/<kind>/<deviceId>[/<detail>...]`: builders and parser agree,
 * and anything outside the contract parses to null.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ENTITY_ID_PATTERN,
  MESSAGE_KINDS,
  TOPIC_KINDS,
  TOPIC_POLICY,
  buildTopic,
  parseTopic,
  topicFilter,
  topicForMessage,
} from '../index.ts';

describe('topics', () => {
  test('builds the documented layout', () => {
    expect(buildTopic('gangnam', 'det', 'det-101-2')).toBe('its/v1/gangnam/det/det-101-2');
    expect(buildTopic('gangnam', 'det', 'det-101-2', 'act')).toBe('its/v1/gangnam/det/det-101-2/act');
  });

  test.each(TOPIC_KINDS.map((k) => [k]))('round-trips a %s topic through build and parse', (kind) => {
    for (const detail of [[], ['up'], ['a', 'b.c', 'd_e']]) {
      const topic = buildTopic('region-1', kind, 'dev.1_A', ...detail);
      expect(parseTopic(topic)).toEqual({ region: 'region-1', kind, deviceId: 'dev.1_A', detail });
    }
  });

  test('round-trips any valid region, kind, device id and detail levels', () => {
    const id = fc.stringMatching(ENTITY_ID_PATTERN);
    fc.assert(
      fc.property(
        id,
        fc.constantFrom(...TOPIC_KINDS),
        id,
        fc.array(id, { maxLength: 3 }),
        (region, kind, dev, detail) => {
          expect(parseTopic(buildTopic(region, kind, dev, ...detail))).toEqual({
            region,
            kind,
            deviceId: dev,
            detail,
          });
        },
      ),
    );
  });

  test.each([
    ['a level with a slash', () => buildTopic('a/b', 'det', 'd1')],
    ['an MQTT wildcard as device id', () => buildTopic('r1', 'det', '+')],
    ['a multi-level wildcard as detail', () => buildTopic('r1', 'det', 'd1', '#')],
    ['an empty region', () => buildTopic('', 'det', 'd1')],
    ['a space in the device id', () => buildTopic('r1', 'det', 'det 1')],
    ['more detail levels than the parser accepts', () => buildTopic('r1', 'det', 'd1', 'a', 'b', 'c', 'd')],
  ])('refuses to build a topic with %s', (_what, build) => {
    expect(build).toThrow(RangeError);
  });

  test.each([
    ['too few levels', 'its/v1/gangnam/det'],
    ['the wrong root', 'its/v2/gangnam/det/d1'],
    ['a foreign root', 'home/v1/gangnam/det/d1'],
    ['an unknown kind', 'its/v1/gangnam/gossip/d1'],
    ['a trailing slash', 'its/v1/gangnam/det/d1/'],
    ['an empty device id', 'its/v1/gangnam/det//act'],
    ['a wildcard device id', 'its/v1/gangnam/det/+'],
    ['a leading slash', '/its/v1/gangnam/det/d1'],
    ['too many levels', 'its/v1/gangnam/det/d1/a/b/c/d'],
    ['an empty string', ''],
    ['a 65-character device id', `its/v1/gangnam/det/${'d'.repeat(65)}`],
  ])('parses a topic with %s to null', (_what, topic) => {
    expect(parseTopic(topic)).toBeNull();
  });

  test('every message kind has a topic that parses back to its device', () => {
    for (const kind of MESSAGE_KINDS) {
      const topic = topicForMessage('jongno', { kind, deviceId: 'dev-7' });
      const parsed = parseTopic(topic);
      expect(parsed?.deviceId).toBe('dev-7');
      expect(parsed?.region).toBe('jongno');
    }
  });

  test('actuations and uplink batches go under their own detail level', () => {
    expect(topicForMessage('r1', { kind: 'det.actuation', deviceId: 'd1' })).toBe('its/v1/r1/det/d1/act');
    expect(topicForMessage('r1', { kind: 'det.report', deviceId: 'd1' })).toBe('its/v1/r1/det/d1');
    expect(topicForMessage('r1', { kind: 'edge.batch', deviceId: 'e1' })).toBe('its/v1/r1/edge/e1/up');
  });

  test('filters use MQTT wildcards', () => {
    expect(topicFilter('+', 'spat')).toBe('its/v1/+/spat/#');
    expect(topicFilter('gangnam', '+', '+')).toBe('its/v1/gangnam/+/+');
  });

  test('money and presence are QoS 1, presence retained, SPaT QoS 0', () => {
    expect(TOPIC_POLICY.tap.qos).toBe(1);
    expect(TOPIC_POLICY.toll.qos).toBe(1);
    expect(TOPIC_POLICY.status).toMatchObject({ qos: 1, retain: true });
    expect(TOPIC_POLICY.spat.qos).toBe(0);
  });
});
