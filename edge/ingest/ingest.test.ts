/**
 * @module edge/ingest/ingest.test
 * Ingest validates once, counts drops by reason, drops duplicate ids and reports sequence gaps.
 */
import { test, expect } from 'vitest';
import { VirtualClock } from '../../core/index.ts';
import type { SequenceEvent } from './index.ts';
import { Ingest, DuplicateWindow, SequenceTracker } from './index.ts';

const T0 = Date.UTC(2026, 10, 26, 8, 0, 0);

function report(deviceId: string, seq: number, id = `msg-${deviceId}-${seq}`): string {
  return JSON.stringify({
    kind: 'det.report',
    id,
    deviceId,
    seq,
    ts: T0,
    intervalStart: T0 - 30_000,
    intervalS: 30,
    volume: 7,
    occupancyPct: 12.5,
    speedKmh: 41,
  });
}

function setup(): { ingest: Ingest; clock: VirtualClock; events: SequenceEvent[] } {
  const clock = new VirtualClock(T0);
  const events: SequenceEvent[] = [];
  const ingest = new Ingest({ region: 'r1', clock, onSequenceEvent: (e) => events.push(e) });
  return { ingest, clock, events };
}

test('accepts a valid detector report on its own topic', () => {
  const { ingest } = setup();
  const r = ingest.accept('its/v1/r1/det/d1', report('d1', 1));
  expect(r.ok).toBe(true);
  expect(ingest.stats().acceptedByKind['det.report']).toBe(1);
});

test('counts invalid messages by reason and keeps valid ones flowing', () => {
  const { ingest } = setup();
  expect(ingest.accept('its/v1/r1/det/d1', '{not json').ok).toBe(false);
  expect(ingest.accept('its/v1/r1/det/d1', JSON.stringify({ kind: 'nope' })).ok).toBe(false);
  const bad = JSON.parse(report('d1', 1)) as Record<string, unknown>;
  bad.occupancyPct = 140;
  const r = ingest.accept('its/v1/r1/det/d1', JSON.stringify(bad));
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.issues[0]?.path).toBe('occupancyPct');
  expect(ingest.accept('its/v1/r2/det/d1', report('d1', 1)).ok).toBe(false);
  expect(ingest.accept('elsewhere/x', report('d1', 1)).ok).toBe(false);
  expect(ingest.accept('its/v1/r1/det/d2', report('d1', 1)).ok).toBe(false);
  expect(ingest.accept('its/v1/r1/det/d1', report('d1', 2)).ok).toBe(true);
  expect(ingest.stats().droppedByReason).toEqual({
    'not-json': 1,
    'unknown-kind': 1,
    schema: 1,
    'wrong-region': 1,
    'bad-topic': 1,
    'topic-mismatch': 1,
  });
  expect(ingest.stats().accepted).toBe(1);
});

test('drops a message whose id was already received', () => {
  const { ingest } = setup();
  expect(ingest.accept('its/v1/r1/det/d1', report('d1', 1)).ok).toBe(true);
  const again = ingest.accept('its/v1/r1/det/d1', report('d1', 1));
  expect(again).toMatchObject({ ok: false, reason: 'duplicate' });
});

test('reports a sequence gap with the missing range', () => {
  const { ingest, events } = setup();
  ingest.accept('its/v1/r1/det/d1', report('d1', 1));
  ingest.accept('its/v1/r1/det/d1', report('d1', 2));
  ingest.accept('its/v1/r1/det/d1', report('d1', 6));
  expect(events).toHaveLength(1);
  expect(events[0]?.verdict).toEqual({ kind: 'gap', missing: 3, fromSeq: 3, toSeq: 5 });
  expect(ingest.stats().missing).toBe(3);
});

test('reports a repeated sequence number under a new id', () => {
  const { ingest, events } = setup();
  ingest.accept('its/v1/r1/det/d1', report('d1', 1));
  ingest.accept('its/v1/r1/det/d1', report('d1', 1, 'another-id-1'));
  expect(events.map((e) => e.verdict.kind)).toEqual(['repeat']);
});

test('a late message fills the gap it opened', () => {
  const t = new SequenceTracker();
  t.observe('d', 1);
  expect(t.observe('d', 3).kind).toBe('gap');
  expect(t.observe('d', 2).kind).toBe('late');
  expect(t.statsOf('d')).toMatchObject({ missing: 0, late: 1 });
});

test('a status message with seqReset restarts the count without a gap', () => {
  const t = new SequenceTracker();
  t.observe('d', 500);
  expect(t.observe('d', 0, true).kind).toBe('reset');
  expect(t.observe('d', 1).kind).toBe('in-order');
});

test('after a restart the next message sets the base, whatever its number; loss after it is a gap', () => {
  // A controller's retained status (seq 0, sent at its start) reaches an edge that subscribes later,
  // and its live SPaT follows at the number reached since: no loss, so no gap.
  const t = new SequenceTracker();
  expect(t.observe('GN01', 0, true).kind).toBe('first');
  expect(t.observe('GN01', 28).kind).toBe('rebased');
  expect(t.observe('GN01', 29).kind).toBe('in-order');
  expect(t.observe('GN01', 33)).toEqual({ kind: 'gap', missing: 3, fromSeq: 30, toSeq: 32 });
  // The same on a restart announced mid-stream, and the retained status again on a resubscribe.
  expect(t.observe('GN01', 0, true).kind).toBe('reset');
  expect(t.observe('GN01', 7).kind).toBe('rebased');
  expect(t.observe('GN01', 8).kind).toBe('in-order');
  expect(t.statsOf('GN01')).toMatchObject({ missing: 3, resets: 1, lastSeq: 8 });
});

test('an edge subscribing after its controllers started raises no sequence event for them', () => {
  const { ingest, events } = setup();
  const status = {
    kind: 'status',
    id: 'status-c1-startup',
    deviceId: 'c1',
    seq: 0,
    ts: T0,
    deviceKind: 'controller',
    online: true,
    reason: 'startup',
    seqReset: true,
    firmware: null,
  };
  expect(ingest.accept('its/v1/r1/status/c1', JSON.stringify(status)).ok).toBe(true);
  for (const seq of [41, 42, 43]) expect(ingest.accept('its/v1/r1/det/c1', report('c1', seq)).ok).toBe(true);
  expect(events).toEqual([]);
});

test('rejects a device timestamp far in the future', () => {
  const { ingest } = setup();
  const msg = JSON.parse(report('d1', 1)) as Record<string, unknown>;
  msg.ts = T0 + 3_600_000;
  expect(ingest.accept('its/v1/r1/det/d1', JSON.stringify(msg))).toMatchObject({
    ok: false,
    reason: 'future-timestamp',
  });
});

test('forgets ids after the window so memory stays bounded', () => {
  const w = new DuplicateWindow({ windowMs: 1000, maxIds: 100 });
  expect(w.seen('a', 0)).toBe(false);
  expect(w.seen('a', 500)).toBe(true);
  w.seen('b', 1500);
  expect(w.seen('a', 1600)).toBe(true);
  w.seen('c', 3100);
  expect(w.seen('a', 3200)).toBe(false);
  for (let i = 0; i < 1000; i++) w.seen(`x${i}`, 4000);
  expect(w.size).toBeLessThanOrEqual(200);
});

test("accepts a visiting region's bus positions only, and only from the regions named", () => {
  const clock = new VirtualClock(T0);
  const ingest = new Ingest({ region: 'r1', clock, visitingBusRegions: ['r2'] });
  const fix = (seq: number): string =>
    JSON.stringify({
      kind: 'bus.position',
      id: `fix-gps-7-${seq}`,
      deviceId: 'gps-7',
      seq,
      ts: T0,
      vehicleId: 'bus-7',
      routeId: '4412',
      tripId: null,
      lat: 37.498,
      lon: 127.027,
      speedMps: 8,
      headingDeg: 90,
      fixQuality: 1,
      hdop: 0.9,
      passengers: 12,
    });
  expect(ingest.accept('its/v1/r2/bus/gps-7', fix(1)).ok).toBe(true);
  // Another kind on the visiting region's topics, and a region not named, stay wrong-region.
  expect(ingest.accept('its/v1/r2/det/d1', report('d1', 1))).toMatchObject({
    ok: false,
    reason: 'wrong-region',
  });
  expect(ingest.accept('its/v1/r3/bus/gps-7', fix(2))).toMatchObject({ ok: false, reason: 'wrong-region' });
  // Validated as any field message: a malformed fix is a schema drop.
  const bad = JSON.parse(fix(3)) as Record<string, unknown>;
  bad.lat = 123;
  expect(ingest.accept('its/v1/r2/bus/gps-7', JSON.stringify(bad))).toMatchObject({
    ok: false,
    reason: 'schema',
  });
  expect(ingest.stats().droppedByReason).toEqual({ 'wrong-region': 2, schema: 1 });
});
