/**
 * @module core/messages/field.test
 * Every field message schema accepts a realistic example and rejects wrong types, missing fields and
 * out-of-range values with an issue whose path names the field.
 */
import { describe, expect, test } from 'vitest';
import { MESSAGE_KINDS, parseMessageValue } from './index.ts';
import { TOPIC_KIND_OF_MESSAGE } from '../topics/index.ts';

const TS = Date.UTC(2026, 10, 26, 8, 30, 0);
const envelope = { id: '0190f3a2-7c1e-7abc-8def-0123456789ab', deviceId: 'det-gn-101-2', seq: 41, ts: TS };

/** One valid example per field message kind. */
const VALID: Record<string, Record<string, unknown>> = {
  'det.report': {
    kind: 'det.report',
    ...envelope,
    intervalStart: TS - 30_000,
    intervalS: 30,
    volume: 12,
    occupancyPct: 18.5,
    speedKmh: 42.1,
  },
  'det.actuation': { kind: 'det.actuation', ...envelope, state: 'on' },
  'bus.position': {
    kind: 'bus.position',
    ...envelope,
    deviceId: 'gps-4412',
    vehicleId: 'bus-4412',
    routeId: '146',
    tripId: '146-0-0630',
    lat: 37.4979,
    lon: 127.0276,
    speedMps: 8.3,
    headingDeg: 92,
    fixQuality: 1,
    hdop: 0.9,
    passengers: 23,
  },
  spat: {
    kind: 'spat',
    ...envelope,
    deviceId: 'ctl-gn-101',
    intersectionId: 'gn-101',
    mode: 'coordinated',
    planId: 'am-peak',
    cycleSecond: 37.5,
    fault: null,
    groups: [
      {
        signalGroup: 2,
        state: 'protected-movement-allowed',
        minEndTime: TS + 5000,
        maxEndTime: TS + 20_000,
        likelyTime: TS + 12_000,
      },
      { signalGroup: 4, state: 'stop-and-remain', minEndTime: null, maxEndTime: null, likelyTime: null },
    ],
  },
  tap: {
    kind: 'tap',
    ...envelope,
    deviceId: 'rdr-bus-4412',
    cardId: '1010-2020-3030-4040',
    tap: 'in',
    mode: 'trunkBus',
    operatorId: 'seoul-bus',
    routeId: '146',
    stopId: '22-101',
    vehicleId: 'bus-4412',
    riderClass: 'adult',
    odometerKm: 3.2,
    chargedKrw: 1500,
    balanceAfterKrw: 8500,
  },
  'toll.pass': {
    kind: 'toll.pass',
    ...envelope,
    deviceId: 'gantry-ex-in',
    gantryId: 'gantry-ex-in',
    obuId: 'OBU-99812',
    vehicleClass: '1',
    plate: '12가3456',
    lane: 2,
    balanceKrw: 42_000,
  },
  status: {
    kind: 'status',
    ...envelope,
    deviceKind: 'detector',
    online: true,
    reason: 'startup',
    seqReset: true,
    firmware: '1.4.2',
  },
};

type Case = readonly [what: string, kind: string, patch: Record<string, unknown>, path: string];

/** Invalid variants: a patch applied to the valid example (undefined = field removed), and the path. */
const INVALID: readonly Case[] = [
  ['id too short', 'det.report', { id: 'x' }, 'id'],
  ['device id with a slash', 'det.report', { deviceId: 'a/b' }, 'deviceId'],
  ['negative sequence number', 'det.report', { seq: -1 }, 'seq'],
  ['fractional sequence number', 'det.report', { seq: 1.5 }, 'seq'],
  ['timestamp as a string', 'det.report', { ts: '2026-11-26T08:30:00Z' }, 'ts'],
  ['timestamp before 2000', 'det.report', { ts: 1000 }, 'ts'],
  ['missing device id', 'det.report', { deviceId: undefined }, 'deviceId'],
  ['occupancy 120%', 'det.report', { occupancyPct: 120 }, 'occupancyPct'],
  ['negative occupancy', 'det.report', { occupancyPct: -1 }, 'occupancyPct'],
  ['volume as a string', 'det.report', { volume: '12' }, 'volume'],
  ['missing speed', 'det.report', { speedKmh: undefined }, 'speedKmh'],
  ['interval of zero seconds', 'det.report', { intervalS: 0 }, 'intervalS'],
  ['unknown extra field', 'det.report', { lane: 1 }, ''],
  ['actuation state other than on/off', 'det.actuation', { state: 'maybe' }, 'state'],
  ['latitude 91', 'bus.position', { lat: 91 }, 'lat'],
  ['latitude -90.5', 'bus.position', { lat: -90.5 }, 'lat'],
  ['longitude 181', 'bus.position', { lon: 181 }, 'lon'],
  ['latitude as a string', 'bus.position', { lat: '37.5' }, 'lat'],
  ['heading 360', 'bus.position', { headingDeg: 360 }, 'headingDeg'],
  ['negative speed', 'bus.position', { speedMps: -3 }, 'speedMps'],
  ['missing vehicle id', 'bus.position', { vehicleId: undefined }, 'vehicleId'],
  ['fix quality 9', 'bus.position', { fixQuality: 9 }, 'fixQuality'],
  ['unknown controller mode', 'spat', { mode: 'manual' }, 'mode'],
  ['cycle second 601', 'spat', { cycleSecond: 601 }, 'cycleSecond'],
  [
    'signal group 0',
    'spat',
    { groups: [{ signalGroup: 0, state: 'dark', minEndTime: null, maxEndTime: null, likelyTime: null }] },
    'groups.0.signalGroup',
  ],
  [
    'unknown phase state',
    'spat',
    { groups: [{ signalGroup: 2, state: 'green', minEndTime: null, maxEndTime: null, likelyTime: null }] },
    'groups.0.state',
  ],
  ['tap neither in nor out', 'tap', { tap: 'through' }, 'tap'],
  ['unknown transit mode', 'tap', { mode: 'ferry' }, 'mode'],
  ['fractional won', 'tap', { chargedKrw: 1500.5 }, 'chargedKrw'],
  ['negative charge', 'tap', { chargedKrw: -100 }, 'chargedKrw'],
  ['unknown rider class', 'tap', { riderClass: 'senior' }, 'riderClass'],
  ['card id too short', 'tap', { cardId: '12' }, 'cardId'],
  ['missing operator', 'tap', { operatorId: undefined }, 'operatorId'],
  ['vehicle class 6', 'toll.pass', { vehicleClass: '6' }, 'vehicleClass'],
  ['lane 0', 'toll.pass', { lane: 0 }, 'lane'],
  ['empty plate', 'toll.pass', { plate: '' }, 'plate'],
  ['online as a string', 'status', { online: 'yes' }, 'online'],
  ['unknown device kind', 'status', { deviceKind: 'toaster' }, 'deviceKind'],
];

function patched(kind: string, patch: Record<string, unknown>): Record<string, unknown> {
  const value: Record<string, unknown> = { ...VALID[kind], ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete value[k];
  return value;
}

describe('field messages', () => {
  test('every field message kind has a valid example here', () => {
    const covered = Object.keys(VALID);
    // Edge and center kinds (uplink, settlement, commands, acks) are tested beside their own schemas.
    const fieldKinds = MESSAGE_KINDS.filter((k) => !['edge', 'cmd'].includes(TOPIC_KIND_OF_MESSAGE[k]));
    expect(fieldKinds.sort()).toEqual(covered.sort());
  });

  test.each(Object.keys(VALID))('accepts a valid %s message', (kind) => {
    const result = parseMessageValue(VALID[kind]);
    expect(result).toMatchObject({ ok: true, message: { kind } });
  });

  test.each(INVALID)('rejects %s (%s) naming the field', (_what, kind, patch, path) => {
    const result = parseMessageValue(patched(kind, patch));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('schema');
    expect(result.issues.map((i) => i.path)).toContain(path);
    for (const issue of result.issues) expect(issue.message.length).toBeGreaterThan(0);
  });

  test('rejects an unrecognized key naming the key in the message', () => {
    const result = parseMessageValue(patched('det.report', { lane: 1 }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.message).toContain('lane');
  });

  test('a latitude out of range says which bound it broke', () => {
    const result = parseMessageValue(patched('bus.position', { lat: 91 }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.message).toMatch(/latitude must be <= 90/);
  });
});
