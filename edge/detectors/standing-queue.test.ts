/**
 * @module edge/detectors/standing-queue.test
 * A standing queue over the loops (vehicles stopped on them, occupancy near 100%, no vehicle
 * crossing) reads the jam speed and its loops stay healthy; an empty road reads no speed; one loop
 * occupied while the lane beside it flows is still stuck-on (issue 8, a traffic engineer's bug: the
 * queue behind an incident read as missing data, then its loops as faults).
 */
import { expect, test } from 'vitest';
import { VirtualClock } from '../../core/index.ts';
import type { DetectorTickOutput } from './index.ts';
import { DetectorProcessor, JAM_SPEED_KMH } from './index.ts';
import { advanceLoop, DetectorMessages, TEST_LINK } from './testing.ts';

const T0 = Date.UTC(2026, 10, 28, 7, 0, 0);
const messages = new DetectorMessages('q');

function setup(): { processor: DetectorProcessor; clock: VirtualClock } {
  const clock = new VirtualClock(T0);
  const processor = new DetectorProcessor({
    clock,
    detectors: [advanceLoop('d0', 0), advanceLoop('d1', 1)],
    links: [TEST_LINK],
  });
  return { processor, clock };
}

type LaneReport = {
  readonly volume: number;
  readonly occupancyPct: number;
  readonly speedKmh?: number | null;
};

/** `n` intervals from the start, each loop reporting what `lanes` gives it for interval i; the ticks' outputs. */
function run(
  n: number,
  lanes: (i: number) => Readonly<Record<'d0' | 'd1', LaneReport>>,
): { outputs: DetectorTickOutput[]; processor: DetectorProcessor } {
  const { processor, clock } = setup();
  const outputs: DetectorTickOutput[] = [];
  for (let i = 0; i < n; i++) {
    const start = T0 + i * 30_000;
    for (const [id, r] of Object.entries(lanes(i))) {
      const report = messages.report(id, start, r.volume, r.occupancyPct);
      processor.onReport(r.speedKmh === undefined ? report : { ...report, speedKmh: r.speedKmh });
    }
    clock.advanceTo(start + 32_500);
    outputs.push(processor.tick());
  }
  return { outputs, processor };
}

const standing: LaneReport = { volume: 0, occupancyPct: 100, speedKmh: null };
const flowing: LaneReport = { volume: 9, occupancyPct: 12, speedKmh: 40 };

test('a queue standing over every lane for 5 minutes reads the jam speed each interval, its loops healthy', () => {
  const { outputs, processor } = run(10, () => ({ d0: standing, d1: standing }));
  expect(outputs.map((o) => o.linkStates[0]?.speedKmh ?? null)).toEqual(Array(10).fill(JAM_SPEED_KMH));
  expect(JAM_SPEED_KMH).toBe(5);
  expect(outputs.flatMap((o) => o.alarms)).toEqual([]);
  expect(processor.view('d0')?.health).toBe('ok');
  expect(processor.view('d1')?.health).toBe('ok');
  expect(outputs[9]?.linkStates[0]).toMatchObject({ flowVph: 0, occupancyPct: 100 });
  // Held by the queue for the stuck-on window: control leaves them out (as when they were taken for
  // stuck-on), the link reads the queue.
  expect(processor.view('d0')?.heldByQueue).toBe(true);
  expect(processor.view('d1')?.heldByQueue).toBe(true);
});

test('a loop is held by a queue only once the queue has stood for the stuck-on window, and no longer after', () => {
  // 2 intervals standing (under the 120 s window), then 6 more (held), then flowing again.
  const { processor } = run(3, () => ({ d0: standing, d1: standing }));
  expect(processor.view('d0')?.heldByQueue).toBe(false);
  const held = run(8, () => ({ d0: standing, d1: standing })).processor;
  expect(held.view('d0')?.heldByQueue).toBe(true);
  const cleared = run(12, (i) => (i < 8 ? { d0: standing, d1: standing } : { d0: flowing, d1: flowing }));
  expect(cleared.processor.view('d0')).toMatchObject({ health: 'ok', heldByQueue: false });
});

test('an empty road (no vehicle, no occupancy) reads no speed, not a jam', () => {
  const { outputs } = run(4, () => ({
    d0: { volume: 0, occupancyPct: 0 },
    d1: { volume: 0, occupancyPct: 0 },
  }));
  expect(outputs.map((o) => o.linkStates[0]?.speedKmh)).toEqual([null, null, null, null]);
});

test('a queue crawling over the loops reads the g-factor speed of its few vehicles, not their spot speeds', () => {
  // One vehicle each in 30 s at 95%: 120 veh/h over 136 veh/km is 0.9 km/h, read as the jam speed.
  const crawl = run(1, () => ({
    d0: { volume: 1, occupancyPct: 95, speedKmh: 30 },
    d1: { volume: 1, occupancyPct: 95, speedKmh: 30 },
  }));
  expect(crawl.outputs[0]?.linkStates[0]?.speedKmh).toBe(JAM_SPEED_KMH);
  // Eight each at 75%: 960 veh/h over 107 veh/km (7 m a vehicle) is 9.0 km/h.
  const slow = run(1, () => ({
    d0: { volume: 8, occupancyPct: 75, speedKmh: 25 },
    d1: { volume: 8, occupancyPct: 75, speedKmh: 25 },
  }));
  expect(slow.outputs[0]?.linkStates[0]?.speedKmh).toBeCloseTo((960 * 7) / 750, 6);
  // Below the standing-queue occupancy the spot speeds stand as before.
  const dense = run(1, () => ({
    d0: { volume: 8, occupancyPct: 60, speedKmh: 25 },
    d1: { volume: 8, occupancyPct: 60, speedKmh: 25 },
  }));
  expect(dense.outputs[0]?.linkStates[0]?.speedKmh).toBe(25);
});

test('vehicles stopped on the loops (actuations, no off edge for 4 min) read the jam speed, the loops healthy', () => {
  const { processor, clock } = setup();
  processor.onActuation(messages.act('d0', 'on', T0 + 1_000));
  processor.onActuation(messages.act('d1', 'on', T0 + 2_000));
  const speeds: (number | null)[] = [];
  for (let i = 0; i < 8; i++) {
    clock.advanceTo(T0 + i * 30_000 + 32_500);
    // The devices' presence messages: heard from, so not silent.
    processor.onAlive('d0');
    processor.onAlive('d1');
    const out = processor.tick();
    expect(out.alarms).toEqual([]);
    speeds.push(out.linkStates[0]?.speedKmh ?? null);
  }
  expect(speeds).toEqual(Array(8).fill(JAM_SPEED_KMH));
  expect(processor.view('d0')).toMatchObject({ health: 'ok', occupied: true });
});

test('one loop occupied for minutes while the lane beside it flows is still stuck-on and leaves the estimate', () => {
  const { outputs, processor } = run(10, () => ({ d0: standing, d1: flowing }));
  expect(processor.view('d0')?.health).toBe('stuck-on');
  expect(processor.view('d1')?.health).toBe('ok');
  expect(outputs.flatMap((o) => o.alarms).map((a) => a.alarmId)).toEqual(['detector-stuck-on-d0']);
  // Before the test trips, the standing lane weighs as the one vehicle on it: (9 x 40 + 5) / 10.
  expect(outputs[0]?.linkStates[0]?.speedKmh).toBeCloseTo(36.5, 6);
  // Once excluded, the link is the flowing lane's.
  expect(outputs[9]?.linkStates[0]?.speedKmh).toBe(40);
});

test('a loop that stays stuck after the queue beside it clears is stuck-on once the lane flows again', () => {
  // Both lanes stand 4 minutes (a queue), then lane 1 flows while lane 0 still reads 100%.
  const { outputs, processor } = run(16, (i) => ({ d0: standing, d1: i < 8 ? standing : flowing }));
  expect(outputs.slice(0, 8).flatMap((o) => o.alarms)).toEqual([]);
  expect(processor.view('d0')?.health).toBe('stuck-on');
  expect(processor.view('d1')?.health).toBe('ok');
});
