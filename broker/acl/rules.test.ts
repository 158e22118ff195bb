/**
 * @module broker/acl/rules.test
 * Topic rules per role, and the filter arithmetic they rest on.
 */
import { describe, expect, test } from 'vitest';
import { canPublish, canSubscribe, filterWithin, identitiesForScenario, topicMatches } from '../index.ts';
import { loadScenario, MINI_SCENARIO_PATH } from '../../core/index.ts';

const ids = identitiesForScenario(loadScenario(MINI_SCENARIO_PATH));
const who = (username: string) => {
  const i = ids.find((x) => x.username === username);
  if (i === undefined)
    throw new Error(`no identity ${username}; have ${ids.map((x) => x.username).join(', ')}`);
  return i;
};

describe('topic filters', () => {
  test('+ matches one level and # the rest', () => {
    expect(topicMatches('its/v1/+/det/#', 'its/v1/r1/det/d1/act')).toBe(true);
    expect(topicMatches('its/v1/+/det/+', 'its/v1/r1/det/d1/act')).toBe(false);
    expect(topicMatches('a/#', 'a')).toBe(true);
  });
  test('a filter is within a grant only if every topic it matches is granted', () => {
    expect(filterWithin('its/v1/r1/det/+', 'its/v1/r1/#')).toBe(true);
    expect(filterWithin('its/#', 'its/v1/r1/#')).toBe(false);
    expect(filterWithin('its/v1/+/det/#', 'its/v1/r1/#')).toBe(false);
    expect(filterWithin('$share/center/its/v1/+/edge/+/up', 'its/v1/+/edge/#')).toBe(true);
  });
});

describe('device rules', () => {
  const det = who('det.gangnam.det-n-sb-0');
  test('a detector publishes under its own region, kind and id only', () => {
    expect(canPublish(det, 'its/v1/gangnam/det/det-n-sb-0')).toBe(true);
    expect(canPublish(det, 'its/v1/gangnam/det/det-n-sb-0/act')).toBe(true);
    expect(canPublish(det, 'its/v1/gangnam/status/det-n-sb-0')).toBe(true);
    expect(canPublish(det, 'its/v1/gangnam/det/det-n-sb-1')).toBe(false);
    expect(canPublish(det, 'its/v1/seocho/det/det-n-sb-0')).toBe(false);
    expect(canPublish(det, 'its/v1/gangnam/tap/det-n-sb-0')).toBe(false);
  });
  test('a detector subscribes to nothing', () => {
    expect(canSubscribe(det, 'its/#')).toBe(false);
    expect(canSubscribe(det, 'its/v1/gangnam/det/det-n-sb-0')).toBe(false);
  });
});

describe('edge and center rules', () => {
  const edge = who('edge.gangnam.edge-gangnam');
  const center = who('center.center-1');
  test("an edge reads its region and every region's buses, and publishes only its uplink", () => {
    expect(canSubscribe(edge, 'its/v1/gangnam/det/#')).toBe(true);
    expect(canSubscribe(edge, 'its/v1/gangnam/cmd/edge-gangnam/#')).toBe(true);
    expect(canSubscribe(edge, 'its/v1/seocho/det/#')).toBe(false);
    expect(canSubscribe(edge, 'its/v1/+/det/#')).toBe(false);
    // A neighbour's bus positions, for priority at this region's signals; nothing else of its.
    expect(canSubscribe(edge, 'its/v1/seocho/bus/+')).toBe(true);
    expect(canSubscribe(edge, 'its/v1/seocho/tap/+')).toBe(false);
    expect(canPublish(edge, 'its/v1/seocho/bus/gps-1')).toBe(false);
    expect(canPublish(edge, 'its/v1/gangnam/edge/edge-gangnam/up')).toBe(true);
    expect(canPublish(edge, 'its/v1/gangnam/det/det-n-sb-0')).toBe(false);
    expect(canPublish(edge, 'its/v1/gangnam/status/edge-gangnam')).toBe(true);
    expect(canPublish(edge, 'its/v1/gangnam/status/det-n-sb-0')).toBe(false);
  });
  test('the center reads uplinks (also as a shared subscription) and publishes commands', () => {
    expect(canSubscribe(center, '$share/center/its/v1/+/edge/+/up')).toBe(true);
    expect(canSubscribe(center, 'its/v1/+/status/#')).toBe(true);
    expect(canSubscribe(center, 'its/v1/+/tap/#')).toBe(false);
    expect(canPublish(center, 'its/v1/gangnam/cmd/edge-gangnam/settle')).toBe(true);
    expect(canPublish(center, 'its/v1/gangnam/tap/rdr-140-bus-1')).toBe(false);
  });
  test('wildcards and $SYS topics are never publishable', () => {
    expect(canPublish(edge, 'its/v1/gangnam/edge/edge-gangnam/#')).toBe(false);
    expect(canPublish(center, '$SYS/broker/x')).toBe(false);
  });
});
