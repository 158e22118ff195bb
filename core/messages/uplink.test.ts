/**
 * @module core/messages/uplink.test
 * Edge-to-center batches: every item type is accepted when valid, and a bad item is rejected with a
 * path that names the batch item and its field.
 */
import { describe, expect, test } from 'vitest';
import { uplinkAckTopic } from '../topics/index.ts';
import { ackedBatches, parseMessageValue, uplinkItemSchema } from './index.ts';

const TS = Date.UTC(2026, 10, 26, 8, 30, 0);

/** One unit's live timing: phase 2 green for 12 s, at least 3 s and at most 78 s more. */
const UNIT_TIMING = {
  unit: '2',
  green: true,
  elapsedS: 12,
  minEndS: 3,
  maxEndS: 78,
  lastGreenS: 41,
  lastRedS: 52,
};

const ITEMS: Record<string, Record<string, unknown>> = {
  'link-state': {
    type: 'link-state',
    linkId: 'L-gn-101-102',
    intervalStart: TS - 60_000,
    intervalS: 60,
    flowVph: 1320,
    densityVpkm: 28,
    speedKmh: 47,
    occupancyPct: 14,
    source: 'fused',
  },
  'detector-health': { type: 'detector-health', detectorId: 'det-1', health: 'stuck-on', since: TS - 5000 },
  'signal-state': {
    type: 'signal-state',
    intersectionId: 'gn-101',
    mode: 'actuated',
    strategy: 'max-pressure',
    planId: null,
    cycleS: 120,
    lastSplitsS: { '2': 45, '4': 30 },
    greenGroups: [2, 6],
    fault: null,
    online: true,
  },
  'bus-progress': {
    type: 'bus-progress',
    vehicleId: 'bus-4412',
    routeId: '146',
    tripId: null,
    at: TS,
    lat: 37.5,
    lon: 127.03,
    speedMps: 6,
    distanceM: 2310,
    scheduleDeviationS: 45,
    lastStopId: '22-101',
    nextStopId: '22-102',
    onRoute: true,
    passengers: null,
  },
  'stop-event': {
    type: 'stop-event',
    vehicleId: 'bus-4412',
    routeId: '146',
    tripId: '146-0-0630',
    stopId: '22-101',
    event: 'arrive',
    at: TS,
  },
  'segment-time': {
    type: 'segment-time',
    routeId: '146',
    fromStopId: '22-101',
    toStopId: '22-102',
    vehicleId: 'bus-4412',
    departedAt: TS - 90_000,
    travelTimeS: 88,
  },
  alarm: {
    type: 'alarm',
    alarmId: 'a-1',
    state: 'raised',
    severity: 'major',
    sourceId: 'det-1',
    code: 'detector-stuck-on',
    message: 'detector det-1 on for 300 s',
    at: TS,
  },
};

function batch(items: unknown[]): Record<string, unknown> {
  return {
    kind: 'edge.batch',
    id: '0190f3a2-7c1e-7abc-8def-0123456789ab',
    deviceId: 'edge-gangnam',
    seq: 7,
    ts: TS,
    region: 'gangnam',
    items,
  };
}

describe('edge batches', () => {
  test('the examples cover every uplink item type', () => {
    const types = uplinkItemSchema.options.map((o) => o.shape.type.value).sort();
    expect(Object.keys(ITEMS).sort()).toEqual(types);
  });

  test('accepts a batch holding one of every item type', () => {
    const result = parseMessageValue(batch(Object.values(ITEMS)));
    expect(result.ok).toBe(true);
    if (result.ok && result.message.kind === 'edge.batch') expect(result.message.items).toHaveLength(7);
  });

  test('accepts a signal state with and without its live unit timing', () => {
    const timing = {
      at: TS,
      units: [UNIT_TIMING, { ...UNIT_TIMING, unit: '4', green: false, minEndS: null, maxEndS: null }],
    };
    for (const item of [ITEMS['signal-state'], { ...ITEMS['signal-state'], timing }]) {
      const result = parseMessageValue(batch([item]));
      expect(result.ok).toBe(true);
      if (result.ok && result.message.kind === 'edge.batch') expect(result.message.items[0]).toEqual(item);
    }
  });

  test('accepts a link state with and without its per-lane breakdown (older edges send none)', () => {
    const lanes = [
      { lane: 0, flowVph: 480, occupancyPct: 9 },
      { lane: 1, flowVph: 0, occupancyPct: 0 },
      { lane: 2, flowVph: 840, occupancyPct: 15.5 },
    ];
    for (const item of [ITEMS['link-state'], { ...ITEMS['link-state'], lanes }]) {
      const result = parseMessageValue(batch([item]));
      expect(result.ok).toBe(true);
      if (result.ok && result.message.kind === 'edge.batch') expect(result.message.items[0]).toEqual(item);
    }
  });

  test('accepts an empty batch', () => {
    expect(parseMessageValue(batch([])).ok).toBe(true);
  });

  test.each([
    ['occupancy 120%', { ...ITEMS['link-state'], occupancyPct: 120 }, 'items.0.occupancyPct'],
    ['speed as a string', { ...ITEMS['link-state'], speedKmh: 'fast' }, 'items.0.speedKmh'],
    ['unknown health', { ...ITEMS['detector-health'], health: 'tired' }, 'items.0.health'],
    ['latitude 91', { ...ITEMS['bus-progress'], lat: 91 }, 'items.0.lat'],
    ['negative distance', { ...ITEMS['bus-progress'], distanceM: -1 }, 'items.0.distanceM'],
    ['unknown stop event', { ...ITEMS['stop-event'], event: 'pass' }, 'items.0.event'],
    ['segment time over 2 h', { ...ITEMS['segment-time'], travelTimeS: 9000 }, 'items.0.travelTimeS'],
    ['unknown severity', { ...ITEMS.alarm, severity: 'apocalyptic' }, 'items.0.severity'],
    ['green group 0', { ...ITEMS['signal-state'], greenGroups: [0] }, 'items.0.greenGroups.0'],
    [
      'a negative green end',
      { ...ITEMS['signal-state'], timing: { at: TS, units: [{ ...UNIT_TIMING, minEndS: -1 }] } },
      'items.0.timing.units.0.minEndS',
    ],
    [
      'a unit timing with an unknown field',
      { ...ITEMS['signal-state'], timing: { at: TS, units: [{ ...UNIT_TIMING, colour: 'G' }] } },
      'items.0.timing.units.0',
    ],
    [
      'lane 8 (lanes are 0-7, 0 the rightmost)',
      { ...ITEMS['link-state'], lanes: [{ lane: 8, flowVph: 100, occupancyPct: 5 }] },
      'items.0.lanes.0.lane',
    ],
    [
      'nine lanes',
      {
        ...ITEMS['link-state'],
        lanes: Array.from({ length: 9 }, (_, i) => ({ lane: i % 8, flowVph: 100, occupancyPct: 5 })),
      },
      'items.0.lanes',
    ],
    ['unknown item type', { type: 'gossip' }, 'items.0.type'],
  ])('rejects an item with %s naming the item and field', (_what, item, path) => {
    const result = parseMessageValue(batch([item]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toContain(path);
  });

  test('rejects a batch without a region', () => {
    const value = batch([]);
    delete value.region;
    const result = parseMessageValue(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toContain('region');
  });

  test('names the position of the bad item among good ones', () => {
    const result = parseMessageValue(batch([ITEMS.alarm, ITEMS.alarm, { ...ITEMS.alarm, at: 'now' }]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toEqual(['items.2.at']);
  });
});

describe('uplink acknowledgements', () => {
  const ack = {
    kind: 'uplink.ack',
    id: '0190f3a2-7c1e-7abc-8def-0123456789ac',
    deviceId: 'center-1',
    seq: 3,
    ts: TS,
    edgeId: 'edge-gangnam',
    batchId: '0190f3a2-7c1e-7abc-8def-0123456789ab',
    batchSeq: 7,
    status: 'accepted',
  };

  test('accepts an acknowledgement and names its topic after the edge', () => {
    expect(parseMessageValue(ack).ok).toBe(true);
    expect(parseMessageValue({ ...ack, status: 'duplicate' }).ok).toBe(true);
    expect(uplinkAckTopic('gangnam', 'edge-gangnam')).toBe('its/v1/gangnam/cmd/edge-gangnam/up');
  });

  test('names further batches of the same edge in more, each as if acknowledged alone', () => {
    const more = [
      { batchId: 'b8', batchSeq: 8, status: 'duplicate' },
      { batchId: 'b9', batchSeq: 9, status: 'accepted' },
    ];
    const parsed = parseMessageValue({ ...ack, more });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || parsed.message.kind !== 'uplink.ack') return;
    expect(ackedBatches(parsed.message)).toEqual([
      { batchId: ack.batchId, batchSeq: 7, status: 'accepted' },
      ...more,
    ]);
  });

  test.each([
    ['a negative batch seq', { ...ack, batchSeq: -1 }, 'batchSeq'],
    ['an unknown status', { ...ack, status: 'maybe' }, 'status'],
    ['no edge id', { ...ack, edgeId: undefined }, 'edgeId'],
    ['an empty batch id', { ...ack, batchId: '' }, 'batchId'],
    ['a further batch without a status', { ...ack, more: [{ batchId: 'b2', batchSeq: 8 }] }, 'more.0.status'],
    [
      'more batches than one acknowledgement names',
      {
        ...ack,
        more: Array.from({ length: 1024 }, (_, i) => ({ batchId: `b${i}`, batchSeq: i, status: 'accepted' })),
      },
      'more',
    ],
  ])('rejects an acknowledgement with %s naming the field', (_what, value, path) => {
    const result = parseMessageValue(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toContain(path);
  });
});
