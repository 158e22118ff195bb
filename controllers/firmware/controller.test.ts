/**
 * @module controllers/firmware/controller.test
 * Behaviour of the controller facade: fixed NEMA and stage plans, permissive movements, plan validation, force-off, watchdog, gap-out, schedule, SPaT end times.
 */
import { expect, test } from 'vitest';
import { createController, type SignalController } from '../index.ts';
import { nemaIntersection, stageIntersection } from '../testing/index.ts';
import { ConfigError, NotFoundError } from '../../core/index.ts';

/** Local midnight KST as epoch ms (the cycle reference with offset 0). */
const T0 = Date.UTC(2026, 0, 1) - 9 * 3600_000;

function run(c: SignalController, fromS: number, toS: number, each?: (tS: number) => void): void {
  for (let t = fromS * 1000; t <= toS * 1000; t += 100) {
    c.step(T0 + t);
    each?.(t / 1000);
  }
}

test('a fixed-time NEMA plan starts the coordinated phases at the offset', () => {
  const c = createController(nemaIntersection());
  const starts: number[] = [];
  let was = 'r';
  run(c, 0, 400, (t) => {
    const now = c.movementState('m2');
    if (now === 'G' && was !== 'G') starts.push(t);
    was = now;
  });
  expect(starts.slice(1)).toEqual([120, 240, 360]);
  expect(c.fault).toBeNull();
});

test('stage control runs a SUMO-like stage list with its durations as is', () => {
  const c = createController(stageIntersection());
  const log: string[] = [];
  let last = '';
  run(c, 0, 270, (t) => {
    if (t < 180) return;
    const s = c
      .signalGroupStates()
      .map((g) => g.color)
      .join('');
    if (s !== last) log.push(`${t}:${s}`);
    last = s;
  });
  expect(log).toEqual([
    '180:Ggrr',
    '211:Gyrr',
    '214:Grrr',
    '216:GrGr',
    '226:yryr',
    '229:rrrr',
    '231:rrrG',
    '264:rrry',
    '268:rrrr',
    '270:Ggrr',
  ]);
});

test('a permissive movement shows g while its phase is green', () => {
  const c = createController(nemaIntersection());
  const seen = new Set<string>();
  run(c, 0, 130, () => seen.add(c.movementState('m1')));
  expect([...seen].sort()).toEqual(['G', 'g', 'r', 'y']);
});

test('a plan that leaves less than the minimum green is refused with the field named', () => {
  const x = nemaIntersection();
  const bad = { ...x, plans: [{ ...x.plans[0]!, splitsS: { ...x.plans[0]!.splitsS, 1: 8, 2: 52 } }] };
  expect(() => createController(bad)).toThrow(ConfigError);
  expect(() => createController(bad)).toThrow(/splitsS\.1/);
});

test('a plan whose rings do not meet at the barrier is refused', () => {
  const x = nemaIntersection();
  const bad = { ...x, plans: [{ ...x.plans[0]!, splitsS: { ...x.plans[0]!.splitsS, 5: 25 } }] };
  expect(() => createController(bad)).toThrow(/barrier/);
});

test('force-off ends a green only after its minimum green', () => {
  const c = createController(nemaIntersection({ mode: 'actuated' }));
  for (const d of ['d2', 'd4']) c.setDetector(d, true);
  run(c, 0, 5);
  let greenAt = -1;
  let endAt = -1;
  run(c, 5, 60, (t) => {
    const s = c.movementState('m2');
    if (s === 'G' && greenAt < 0) {
      greenAt = t;
      expect(c.forceOff(2)).toBe(true);
      expect(c.mode).toBe('external');
    }
    if (greenAt >= 0 && endAt < 0 && s !== 'G') endAt = t;
  });
  expect(endAt - greenAt).toBeGreaterThanOrEqual(10);
});

test('unknown units and plans are refused', () => {
  const c = createController(nemaIntersection());
  expect(() => c.hold(9)).toThrow(NotFoundError);
  expect(() => c.setPlan('nope')).toThrow(NotFoundError);
  expect(c.mode).toBe('fixed');
});

test('the watchdog returns external control to the local plan', () => {
  const events: string[] = [];
  const c = createController(nemaIntersection(), {
    watchdogTimeoutS: 10,
    onEvent: (e) => events.push(e.type),
  });
  run(c, 0, 1);
  c.hold(2);
  c.setPlan('p90');
  expect(c.mode).toBe('external');
  run(c, 1, 20);
  expect(c.mode).toBe('fixed');
  expect(c.planId).toBe('p120');
  expect(c.commandState(2).hold).toBe(false);
  expect(events).toContain('watchdog');
});

test('an actuated phase gaps out when its detector stops calling', () => {
  const c = createController(nemaIntersection({ mode: 'actuated' }));
  c.setDetector('d4', true);
  run(c, 0, 3.5);
  c.setDetector('d4', false);
  let served = false;
  run(c, 3.5, 120, () => {
    if (c.movementState('m4') === 'G') served = true;
  });
  expect(served).toBe(true);
  expect(c.fault).toBeNull();
});

test('the time-of-day schedule changes plan and the new offset is reached within a few cycles', () => {
  const c = createController(nemaIntersection({ schedule: [{ from: '07:00', planId: 'p90' }] }));
  const sevenAm = T0 + 7 * 3600_000;
  run(c, 0, 1);
  for (let t = sevenAm - 120_000; t <= sevenAm + 600_000; t += 100) c.step(t);
  expect(c.planId).toBe('p90');
  const target = (((c.nowMs - T0 - 37_000) % 90_000) + 90_000) % 90_000;
  expect(c.cycleSecond).toBeCloseTo(target / 1000, 3);
  expect(c.fault).toBeNull();
});

test('a stage whose groups all continue from the previous stage still runs its time', () => {
  const x = stageIntersection();
  const control = {
    ...x.control,
    stages: [
      { id: 'a', groups: [1, 2] },
      { id: 'b', groups: [1] },
      { id: 'c', groups: [4] },
    ],
  } as typeof x.control;
  const c = createController({
    ...x,
    control,
    plans: [{ id: 'sumo', cycleS: 60, offsetS: 0, splitsS: { a: 20, b: 15, c: 25 }, coordinated: [] }],
  });
  const log: string[] = [];
  let last = '';
  run(c, 0, 120, (t) => {
    const s = c
      .signalGroupStates()
      .map((g) => g.color)
      .join('');
    if (t >= 60 && s !== last) log.push(`${t}:${s}`);
    last = s;
  });
  // a: 20 s (group 2 ends: 3 s yellow + 2 s red), b: 15 s (group 1 only), c: 25 s.
  expect(log).toEqual([
    '60:Ggrr',
    '75:Gyrr',
    '78:Grrr',
    '90:yrrr',
    '93:rrrr',
    '95:rrrG',
    '114:rrry',
    '118:rrrr',
    '120:Ggrr',
  ]);
});

test('under a fixed plan a red group reports when its next green is likely to start', () => {
  for (const [c, group] of [
    [createController(nemaIntersection()), 4],
    [createController(stageIntersection()), 4],
  ] as const) {
    run(c, 0, 400);
    const at = (n: number): number | null =>
      c.signalGroupStates().find((g) => g.signalGroup === n)?.likelyEndMs ?? null;
    while (c.signalGroupStates().find((g) => g.signalGroup === group)?.color !== 'r') c.step(c.nowMs + 100);
    const predicted = at(group);
    while (c.signalGroupStates().find((g) => g.signalGroup === group)?.color === 'r') c.step(c.nowMs + 100);
    expect(predicted).toBe(c.nowMs);
  }
});

test('coordinated: the coordinated phases rest in green and yield to a side-street call only at their force-off', () => {
  const c = createController(nemaIntersection({ mode: 'coordinated' }));
  let allGreen = true;
  run(c, 0, 300, (t) => {
    if (t > 20 && c.movementState('m2') !== 'G') allGreen = false;
  });
  expect(allGreen).toBe(true);
  // Cycle second 10 of the 120 s plan: phase 2 (split 45 s, 6 s clearance) is forced off at 39 s.
  run(c, 300, 370);
  c.setDetector('d4', true);
  run(c, 370, 371);
  c.setDetector('d4', false);
  let endedAt = -1;
  run(c, 370, 480, (t) => {
    if (endedAt < 0 && c.movementState('m2') === 'y') endedAt = t;
  });
  expect(endedAt).toBe(399);
  expect(c.fault).toBeNull();
});

test('a loop shared by a through and a protected turn does not hold the turn stage for the through queue', () => {
  const x = stageIntersection({ mode: 'actuated' });
  const group = (g: number, detectorIds: string[]) => ({
    group: g,
    movements: [`s${g}`],
    minGreenS: 5,
    maxGreenS: 40,
    passageS: 2,
    yellowS: 3,
    redClearS: 2,
    detectorIds,
  });
  const control = {
    type: 'stages',
    // Group 2 turns left, protected, from the lane the through (group 1) also uses.
    groups: [group(1, ['lane', 'sd1']), group(2, ['lane']), group(4, ['sd4'])],
    stages: [
      { id: 'a', groups: [1] },
      { id: 'b', groups: [2] },
      { id: 'c', groups: [4] },
    ],
  } as unknown as typeof x.control;
  const c = createController({
    ...x,
    control,
    plans: [{ id: 'sumo', cycleS: 60, offsetS: 0, splitsS: { a: 20, b: 15, c: 25 }, coordinated: [] }],
  });
  // A through queue stands on the shared loop the whole time; the cross street keeps calling.
  c.setDetector('lane', true);
  const turnAloneS: number[] = [];
  let since: number | null = null;
  run(c, 0, 600, (t) => {
    c.setDetector('sd4', Math.floor(t) % 4 === 0);
    const [through, turn] = c.signalGroupStates().map((g) => g.color);
    const alone = through === 'r' && (turn === 'G' || turn === 'g');
    if (alone && since === null) since = t;
    if (!alone && since !== null) {
      turnAloneS.push(t - since);
      since = null;
    }
  });
  expect(turnAloneS.length).toBeGreaterThan(3);
  // Gapped out after its minimum and passage time, not held to its 40 s maximum by the through queue.
  expect(Math.max(...turnAloneS)).toBeLessThan(10);
  expect(c.fault).toBeNull();
});
