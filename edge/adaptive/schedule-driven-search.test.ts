/**
 * @module edge/adaptive/schedule-driven-search.test
 * The schedule search: hand-worked two-phase examples, and properties (fast-check) of every schedule
 * it returns — each cluster served once and in order, no green shorter than its minimum or longer
 * than its maximum, clearances kept, and the reported delay the sum of the vehicles' waits.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { SchedulePhase } from './schedule-driven-search.ts';
import { searchSchedule } from './schedule-driven-search.ts';

const phase = (clusters: SchedulePhase['clusters'], extra: Partial<SchedulePhase> = {}): SchedulePhase => ({
  clusters,
  minGreenS: 5,
  maxGreenS: 40,
  clearanceS: 4,
  ...extra,
});

test('extends the green for its short queue when the other queue would wait longer than it saves', () => {
  // A (green 10 s): 2 vehicles, 2 s. B: 10 vehicles, 5 s.
  // A first: A passes at once (0 delay); B's green starts after A ends (2 s) + 4 s clearance, its queue
  // moves 2 s later (start-up lost time): 10 x 8 = 80 veh·s.
  // B first: B at 0 + 4 + 2 = 6 s, 10 x 6 = 60; A back at 11 + 4 + 2 = 17 s, 2 x 17 = 34; 94 veh·s.
  const s = searchSchedule({
    phases: [
      phase([{ arrivalS: 0, durationS: 2, vehicles: 2 }]),
      phase([{ arrivalS: 0, durationS: 5, vehicles: 10 }]),
    ],
    currentPhase: 0,
    currentGreenS: 10,
    startupLostS: 2,
  });
  expect(s.delayVehS).toBeCloseTo(80);
  expect(s.entries.map((e) => [e.phase, e.startS, e.endS])).toEqual([
    [0, 0, 2],
    [1, 8, 13],
  ]);
});

test('switches when serving the green phase first would cost more', () => {
  // Same, but A has 1 vehicle: A first 0 + 80; B first 60 + 1 x 17 = 77.
  const s = searchSchedule({
    phases: [
      phase([{ arrivalS: 0, durationS: 2, vehicles: 1 }]),
      phase([{ arrivalS: 0, durationS: 5, vehicles: 10 }]),
    ],
    currentPhase: 0,
    currentGreenS: 10,
    startupLostS: 2,
  });
  expect(s.delayVehS).toBeCloseTo(77);
  expect(s.entries[0]?.phase).toBe(1);
  expect(s.entries[0]?.startS).toBeCloseTo(6);
});

test('a green within its minimum is not cut short', () => {
  // A has had 1 s of a 5 s minimum: B cannot start before 4 s + 4 s clearance + 2 s start-up = 10 s.
  const s = searchSchedule({
    phases: [phase([]), phase([{ arrivalS: 0, durationS: 5, vehicles: 10 }])],
    currentPhase: 0,
    currentGreenS: 1,
    startupLostS: 2,
  });
  expect(s.entries).toEqual([{ phase: 1, cluster: 0, startS: 10, endS: 15, greenStartS: 8 }]);
  expect(s.delayVehS).toBeCloseTo(100);
});

test('a cluster that would run past the maximum green waits a cycle', () => {
  // A has had 39 s of 40: 5 s more is not allowed; going round (B's minimum 5 s and clearance 4 s) A is
  // green again at 0 + 4 + 9 = 13 s and its queue moves at 15 s.
  const s = searchSchedule({
    phases: [phase([{ arrivalS: 0, durationS: 5, vehicles: 5 }]), phase([])],
    currentPhase: 0,
    currentGreenS: 39,
    startupLostS: 2,
  });
  expect(s.entries).toEqual([{ phase: 0, cluster: 0, startS: 15, endS: 20, greenStartS: 13 }]);
  expect(s.delayVehS).toBeCloseTo(75);
});

test('the cyclic order is kept: a phase in between with vehicles waiting is not skipped', () => {
  // Current 0; phase 1 has a small queue now, phase 2 a large one. Going 0 -> 2 would skip 1.
  const s = searchSchedule({
    phases: [
      phase([]),
      phase([{ arrivalS: 0, durationS: 1, vehicles: 1 }]),
      phase([{ arrivalS: 0, durationS: 10, vehicles: 20 }]),
    ],
    currentPhase: 0,
    currentGreenS: 10,
    startupLostS: 2,
  });
  expect(s.entries.map((e) => e.phase)).toEqual([1, 2]);
});

test('no clusters: an empty schedule', () => {
  expect(
    searchSchedule({ phases: [phase([]), phase([])], currentPhase: 1, currentGreenS: 3, startupLostS: 2 }),
  ).toEqual({
    delayVehS: 0,
    entries: [],
  });
});

const clusterArb = fc.record({
  arrivalS: fc.double({ min: 0, max: 40, noNaN: true }),
  durationS: fc.double({ min: 0.5, max: 12, noNaN: true }),
  vehicles: fc.double({ min: 0.2, max: 12, noNaN: true }),
});
const phaseArb = fc.record({
  clusters: fc
    .array(clusterArb, { maxLength: 4 })
    .map((cs) => [...cs].sort((a, b) => a.arrivalS - b.arrivalS)),
  minGreenS: fc.integer({ min: 3, max: 10 }),
  maxGreenS: fc.integer({ min: 15, max: 60 }),
  clearanceS: fc.integer({ min: 3, max: 6 }),
});
const problemArb = fc.array(phaseArb, { minLength: 2, maxLength: 4 }).chain((phases) =>
  fc.record({
    phases: fc.constant(phases),
    currentPhase: fc.nat(phases.length - 1),
    currentGreenS: fc.double({ min: 0, max: 70, noNaN: true }),
    startupLostS: fc.double({ min: 0, max: 3, noNaN: true }),
  }),
);

test('every schedule serves each cluster once, in order, within minimum and maximum greens', () => {
  fc.assert(
    fc.property(problemArb, (p) => {
      const s = searchSchedule(p);
      const EPS = 1e-6;
      // Each cluster once, in its phase's order.
      const seen = p.phases.map(() => 0);
      let delay = 0;
      for (const e of s.entries) {
        expect(e.cluster).toBe(seen[e.phase]);
        seen[e.phase]! += 1;
        const c = p.phases[e.phase]!.clusters[e.cluster]!;
        expect(e.startS).toBeGreaterThanOrEqual(c.arrivalS - EPS);
        expect(e.endS).toBeCloseTo(e.startS + c.durationS, 6);
        delay += c.vehicles * (e.startS - c.arrivalS);
      }
      expect(seen).toEqual(p.phases.map((ph) => ph.clusters.length));
      expect(s.delayVehS).toBeCloseTo(delay, 6);
      // Greens: a run of entries with one green start is one green.
      let green = { phase: p.currentPhase, startS: -p.currentGreenS, lastEndS: 0 };
      const firstGreen = green.startS;
      for (const e of s.entries) {
        if (e.phase === green.phase && e.greenStartS === green.startS) {
          // A green that began in the schedule keeps its maximum (one already past it is the controller's).
          if (green.startS !== firstGreen)
            expect(e.endS - green.startS).toBeLessThanOrEqual(p.phases[e.phase]!.maxGreenS + EPS);
          else if (p.currentGreenS <= p.phases[e.phase]!.maxGreenS)
            expect(e.endS - green.startS).toBeLessThanOrEqual(p.phases[e.phase]!.maxGreenS + EPS);
          green = { ...green, lastEndS: e.endS };
          continue;
        }
        // A new green: the old one lasted its minimum, then its clearance passed.
        const ended = Math.max(green.lastEndS, green.startS + p.phases[green.phase]!.minGreenS);
        expect(e.greenStartS).toBeGreaterThanOrEqual(ended + p.phases[green.phase]!.clearanceS - EPS);
        expect(e.startS).toBeGreaterThanOrEqual(e.greenStartS + p.startupLostS - EPS);
        green = { phase: e.phase, startS: e.greenStartS, lastEndS: e.endS };
      }
    }),
    { numRuns: 300 },
  );
});
