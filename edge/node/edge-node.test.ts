/**
 * @module edge/node/edge-node.test
 * The edge node on the mini scenario with an in-process controller.
 */
import { test, expect, vi } from 'vitest';
import { loadScenario, MINI_SCENARIO_PATH, VirtualClock } from '../../core/index.ts';
import type { UplinkItem } from '../../core/index.ts';
import { createController } from '../../controllers/index.ts';
import { EdgeNode, InProcessControllerLink } from './index.ts';

const scenario = loadScenario(MINI_SCENARIO_PATH);
const START = Date.parse(scenario.startTime);
const X = 'gangnam-stn';

function setup(strategy: string, signalTimingOnChange = false) {
  const clock = new VirtualClock(START);
  const intersection = scenario.intersections.find((x) => x.id === X);
  if (intersection === undefined) throw new Error('no intersection');
  const controller = createController(intersection, { watchdogTimeoutS: 10 });
  const link = new InProcessControllerLink(X, controller);
  const items: UplinkItem[] = [];
  const node = new EdgeNode({
    scenario,
    region: 'gangnam',
    clock,
    strategy,
    tsp: true,
    controllers: new Map([[X, link]]),
    uplink: { enqueue: (batch) => items.push(...batch) },
    signalTimingOnChange,
  });
  let seq = 0;
  const actuate = (detectorId: string, state: 'on' | 'off'): void =>
    node.handle(
      `its/v1/gangnam/det/${detectorId}/act`,
      JSON.stringify({
        kind: 'det.actuation',
        id: `act-${seq}-abcdef`,
        deviceId: detectorId,
        seq: seq++,
        ts: clock.now(),
        state,
      }),
    );
  const run = (seconds: number, each: (s: number) => void = () => {}): void => {
    for (let s = 0; s < seconds; s++) {
      each(s);
      clock.advance(1000);
      controller.step(clock.now());
      node.tick();
    }
  };
  return { clock, controller, link, items, node, actuate, run };
}

test('the edge takes over a controller with its strategy and reports link and signal state', () => {
  const { controller, items, node, actuate, run } = setup('max-pressure');
  run(300, (s) => {
    // Heavy north-south through traffic on the stop-bar loops of phases 2 and 6, light east-west.
    for (const d of ['det-s-sb-1', 'det-n-sb-1']) actuate(d, s % 3 === 0 ? 'on' : 'off');
    if (s % 12 === 0) actuate('det-e-sb-1', 'on');
    if (s % 12 === 1) actuate('det-e-sb-1', 'off');
  });
  expect(controller.mode).toBe('external');
  expect(node.stats().commandsSent).toBeGreaterThan(10);
  expect(items.some((i) => i.type === 'link-state' && i.linkId === 'L-s-in')).toBe(true);
  expect(items.some((i) => i.type === 'signal-state' && i.strategy === 'max-pressure+tsp')).toBe(true);
});

test('a lost controller raises an alarm and falls back to its local plan; the alarm clears on return', () => {
  const { controller, link, items, run } = setup('webster');
  run(30);
  link.online = false;
  run(40);
  expect(
    items
      .filter((i) => i.type === 'alarm' && i.code === 'controller-lost')
      .map((i) => i.type === 'alarm' && i.state),
  ).toEqual(['raised']);
  expect(controller.mode).not.toBe('external');
  link.online = true;
  run(5);
  expect(
    items
      .filter((i) => i.type === 'alarm' && i.code === 'controller-lost')
      .map((i) => i.type === 'alarm' && i.state),
  ).toEqual(['raised', 'cleared']);
});

test('a stuck detector is reported, and its phase is then controlled from its healthy loops alone', () => {
  const { clock, controller, items, node, actuate, run } = setup('max-pressure');
  const STUCK = 'det-w-sb-0';
  // Every loop of the west approach (phase 4) reports in, so none of them is silent; STUCK stays on.
  const westLoops = ['det-w-sb-0', 'det-w-sb-1', 'det-w-sb-2', 'det-w-sb-3', 'det-w-adv-1'];
  let seq = 1_000;
  const alive = (detectorId: string): void =>
    node.handle(
      `its/v1/gangnam/status/${detectorId}`,
      JSON.stringify({
        kind: 'status',
        id: `status-${seq}-abcdef`,
        deviceId: detectorId,
        seq: seq++,
        ts: clock.now(),
        deviceKind: 'detector',
        online: true,
        reason: 'heartbeat',
        seqReset: false,
        firmware: null,
      }),
    );
  const control = node.controls.find((c) => c.intersection.id === X);
  if (control === undefined) throw new Error(`no control of ${X}`);
  const steps = vi.spyOn(control, 'step');
  actuate(STUCK, 'on');
  run(240, (s) => {
    for (const d of ['det-s-sb-1', 'det-n-sb-1']) actuate(d, s % 3 === 0 ? 'on' : 'off');
    if (s % 30 === 0) for (const d of westLoops) alive(d);
  });
  expect(
    items.some((i) => i.type === 'alarm' && i.code === 'detector-stuck-on' && i.sourceId === STUCK),
  ).toBe(true);
  // What the strategy saw of phase 4 at each step, beside what the edge knew of the stuck loop.
  const seen = steps.mock.calls.map((call, i) => {
    const result = steps.mock.results[i];
    const units = result?.type === 'return' ? result.value.units : [];
    return { loop: call[2].get(STUCK), unit: units.find((u) => u.unit === 4) };
  });
  const trusted = seen.filter((s) => s.loop?.health === 'ok' && s.loop.occupied);
  const excluded = seen.filter((s) => s.loop?.health === 'stuck-on' && s.loop.occupied);
  expect(trusted.length).toBeGreaterThan(60);
  expect(excluded.length).toBeGreaterThan(60);
  // Before the verdict the loop's "presence" was the phase's demand: occupied, no gap.
  for (const s of trusted) expect(s.unit).toMatchObject({ stopbarsOccupied: 1, gapS: 0 });
  // After it, the loop still reads occupied but the phase is timed from its healthy (idle) loops.
  for (const s of excluded) {
    expect(s.unit?.stopbarsOccupied).toBe(0);
    expect(s.unit?.gapS).not.toBe(0);
    expect(s.unit?.queueVeh).not.toBeNull();
  }
  // The edge stays in command of the controller throughout.
  expect(controller.mode).toBe('external');
});

test('invalid field messages are counted by reason and do not disturb the node', () => {
  const { node, run } = setup('actuated');
  node.handle('its/v1/gangnam/det/det-w-sb-0/act', '{"kind":"det.actuation"}');
  node.handle('its/v1/gangnam/det/det-w-sb-0/act', 'garbage');
  run(2);
  expect(node.stats().ingest.droppedByReason).toEqual({ schema: 1, 'not-json': 1 });
});

test('sends an intersection’s live unit timing whenever its green changes, SPaT-like', () => {
  const { controller, items, actuate, run } = setup('max-pressure', true);
  run(200, (s) => {
    for (const d of ['det-s-sb-1', 'det-n-sb-1']) actuate(d, s % 3 === 0 ? 'on' : 'off');
    if (s % 12 === 0) actuate('det-e-sb-1', 'on');
    if (s % 12 === 1) actuate('det-e-sb-1', 'off');
  });
  const states = items.filter((i) => i.type === 'signal-state');
  // Periodic summaries every 30 s (7 in 200 s), and one more at every change of the green units.
  expect(states.length).toBeGreaterThan(7);
  const timed = states.filter((s) => s.timing !== undefined);
  expect(timed.length).toBe(states.length);
  const last = timed[timed.length - 1]!;
  const green = last.timing!.units.filter((u) => u.green);
  expect(green.map((u) => Number(u.unit)).sort()).toEqual([...last.greenGroups].sort());
  for (const u of green) {
    // A green unit's end lies between its minimum and maximum green, counted from now.
    expect(u.minEndS).not.toBeNull();
    expect(u.maxEndS!).toBeGreaterThanOrEqual(u.minEndS!);
    expect(u.elapsedS).not.toBeNull();
  }
  // Units seen through a whole red carry its length.
  expect(last.timing!.units.some((u) => u.lastRedS !== null && u.lastRedS > 0)).toBe(true);
  expect(controller.activeUnits().length).toBeGreaterThan(0);
});
