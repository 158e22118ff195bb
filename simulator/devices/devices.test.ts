import { expect, test } from 'vitest';
import { messageSchema, shiftTimetable, type Scenario } from '../../core/index.ts';
import { loadScenario } from '../../core/scenario/index.ts';
import { prepareRun, runToEnd } from '../run/index.ts';
import type { FieldMessage } from './index.ts';

const MINI = new URL('../../core/scenario/fixtures/mini.json', import.meta.url).pathname;
const DEMO = new URL('../../scenarios/demo-city/scenario.json', import.meta.url).pathname;

function collect(sc: Scenario, endS: number, seed = 1) {
  const messages: FieldMessage[] = [];
  const run = prepareRun(
    { kind: 'scenario', scenario: sc },
    { endS, seed, sink: (_r, m) => messages.push(m) },
  );
  runToEnd(run);
  return { run, messages };
}

test('buses stop at their stops and dwell, GPS reports positions, readers tap riders in and out', () => {
  const { run, messages } = collect(loadScenario(MINI), 1800);
  expect(run.buses!.stopsServed).toBeGreaterThan(4);
  const fixes = messages.filter((m) => m.kind === 'bus.position');
  expect(fixes.length).toBeGreaterThan(20);
  const taps = messages.filter((m) => m.kind === 'tap');
  expect(taps.some((t) => t.tap === 'in')).toBe(true);
  expect(taps.some((t) => t.tap === 'out')).toBe(true);
  // The reader charges with the fare engine: a first tap-in of an adult pays the base fare.
  const firstIn = taps.find((t) => t.tap === 'in' && t.riderClass === 'adult');
  expect(firstIn!.chargedKrw).toBeGreaterThan(0);
  for (const m of messages) expect(messageSchema.safeParse(m).success, JSON.stringify(m)).toBe(true);
  // A bus that stops shows a halt near its stop's position in its GPS trail.
  expect(fixes.some((f) => f.kind === 'bus.position' && f.speedMps < 0.5)).toBe(true);
});

test('per-device sequence numbers count up by one from 0', () => {
  const { messages } = collect(loadScenario(MINI), 600);
  const last = new Map<string, number>();
  for (const m of messages) {
    expect(m.seq).toBe((last.get(m.deviceId) ?? -1) + 1);
    last.set(m.deviceId, m.seq);
  }
});

test('gps-dropout silences a route for its window; gps-jump displaces its fixes', () => {
  const base = loadScenario(MINI);
  const sc: Scenario = {
    ...base,
    events: [
      { type: 'gps-dropout', id: 'drop', routeId: '140', beginS: 600, endS: 900 },
      { type: 'gps-jump', id: 'jump', routeId: '140', distanceM: 2000, beginS: 1200, endS: 1300 },
    ],
  };
  const t0 = Date.parse(sc.startTime);
  const fixes = collect(sc, 1500).messages.filter((m) => m.kind === 'bus.position');
  const at = (m: FieldMessage) => (m.ts - t0) / 1000;
  expect(fixes.filter((m) => at(m) >= 601 && at(m) < 900)).toHaveLength(0);
  expect(fixes.some((m) => at(m) > 900)).toBe(true);
  const clean = collect(base, 1500).messages.filter((m) => m.kind === 'bus.position');
  const lonSpread = (list: FieldMessage[]) =>
    Math.max(...list.map((m) => (m.kind === 'bus.position' ? m.lon : 0)));
  const jumped = fixes.filter((m) => at(m) > 1200 && at(m) < 1300);
  expect(jumped.length).toBeGreaterThan(0);
  expect(lonSpread(jumped)).toBeGreaterThan(lonSpread(clean) + 0.01);
});

test('controller communication loss and edge link down emit offline and online status', () => {
  const base = loadScenario(MINI);
  const sc: Scenario = {
    ...base,
    events: [
      { type: 'controller-comm-loss', id: 'cl', intersectionId: 'gangnam-stn', beginS: 100, endS: 200 },
      { type: 'edge-link-down', id: 'el', region: 'gangnam', beginS: 150, endS: 250 },
    ],
  };
  const status = collect(sc, 300).messages.filter((m) => m.kind === 'status');
  expect(status.map((s) => (s.kind === 'status' ? [s.deviceId, s.online] : []))).toEqual([
    ['gangnam-stn', false],
    ['edge-gangnam', false],
    ['gangnam-stn', true],
    ['edge-gangnam', true],
  ]);
});

test('toll gantries report every passing vehicle with class, plate and OBU, the same for the same seed', () => {
  const a = collect(loadScenario(DEMO), 300, 4).messages.filter((m) => m.kind === 'toll.pass');
  const b = collect(loadScenario(DEMO), 300, 4).messages.filter((m) => m.kind === 'toll.pass');
  expect(a.length).toBeGreaterThan(20);
  expect(a).toEqual(b);
  const withObu = a.filter((m) => m.kind === 'toll.pass' && m.obuId !== null).length;
  expect(withObu / a.length).toBeGreaterThan(0.6);
  for (const m of a) expect(messageSchema.safeParse(m).success).toBe(true);
});

test('a stuck-on detector reports full occupancy for its window', () => {
  const base = loadScenario(MINI);
  const sc: Scenario = {
    ...base,
    events: [
      { type: 'detector-stuck', id: 's', detectorId: 'det-w-sb-1', state: 'on', beginS: 0, endS: 600 },
    ],
  };
  const reports = collect(sc, 600).messages.filter(
    (m) => m.kind === 'det.report' && m.deviceId === 'det-w-sb-1',
  );
  expect(reports.length).toBeGreaterThan(10);
  for (const r of reports) if (r.kind === 'det.report') expect(r.occupancyPct).toBe(100);
});

test('subway gates tap riders in and out with the ride distance, and riders transfer between bus and subway', () => {
  const { run, messages } = collect(loadScenario(DEMO), 1800, 5);
  const taps = messages.filter((m) => m.kind === 'tap');
  const subway = taps.filter((t) => t.kind === 'tap' && t.mode === 'subway');
  expect(run.subway!.taps).toBe(subway.length);
  expect(subway.some((t) => t.kind === 'tap' && t.tap === 'out' && (t.legKm ?? 0) > 0)).toBe(true);
  for (const t of subway) expect(messageSchema.safeParse(t).success).toBe(true);
  const modesByCard = new Map<string, Set<string>>();
  for (const t of taps)
    if (t.kind === 'tap')
      modesByCard.set(
        t.cardId,
        (modesByCard.get(t.cardId) ?? new Set()).add(t.mode === 'subway' ? 'subway' : 'bus'),
      );
  expect([...modesByCard.values()].some((m) => m.size === 2)).toBe(true);
});

test('a scenario starting after midnight runs the service day before’s trips timed past 24:00', () => {
  // The mini scenario's 07:00 timetable moved to 24:00-26:05 (GTFS: the day before, after midnight),
  // the scenario starting at 00:00 local: the same buses run as at 07:00.
  const base = loadScenario(MINI);
  const night: Scenario = {
    ...base,
    startTime: '2026-11-27T00:00:00+09:00',
    transit: shiftTimetable(base.transit!, 17 * 3600),
  };
  const fixesAt = (sc: Scenario): number =>
    collect(sc, 1800).messages.filter((m) => m.kind === 'bus.position').length;
  const morning = fixesAt(base);
  expect(morning).toBeGreaterThan(20);
  expect(fixesAt(night)).toBe(morning);
});
