/**
 * @module controllers/testing/random-intersections
 * fast-check arbitraries of valid signalized intersections: random NEMA phase subsets and stage
 * layouts with random timings, and plans built to be valid (splits cover minimums and clearances,
 * rings meet at barriers, splits sum to the cycle). Used by the property tests and the soak bench.
 */
import fc from 'fast-check';
import type { Intersection } from '../../core/index.ts';
import { intersectionSchema } from '../../core/index.ts';

type Timing = { minGreenS: number; maxGreenS: number; passageS: number; yellowS: number; redClearS: number };

const timingArb: fc.Arbitrary<Timing> = fc.record({
  minGreenS: fc.integer({ min: 2, max: 15 }),
  maxGreenS: fc.integer({ min: 15, max: 60 }),
  passageS: fc.constantFrom(1, 2, 2.5, 3),
  yellowS: fc.constantFrom(3, 3.5, 4, 5),
  redClearS: fc.constantFrom(0, 0.7, 1, 2, 3),
});

const pedArb = fc.option(
  fc.record({ walkS: fc.integer({ min: 4, max: 8 }), pedClearS: fc.integer({ min: 3, max: 12 }) }),
  {
    nil: undefined,
  },
);

const modeArb = fc.constantFrom('fixed' as const, 'actuated' as const, 'coordinated' as const);

/** A random NEMA intersection with two valid plans. */
export const nemaArb: fc.Arbitrary<Intersection> = fc
  .record({
    present: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    timings: fc.array(fc.tuple(timingArb, pedArb), { minLength: 8, maxLength: 8 }),
    extra: fc.array(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 8, maxLength: 8 }), {
      minLength: 2,
      maxLength: 2,
    }),
    offsets: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 2 }),
    mode: modeArb,
  })
  .map(({ present, timings, extra, offsets, mode }) => {
    const phases = [1, 2, 3, 4, 5, 6, 7, 8].filter((p) => present[p - 1] || p === 2 || p === 4);
    const def = (p: number): Timing & { walkS?: number; pedClearS?: number } => {
      const [t, ped] = timings[p - 1] as [Timing, { walkS: number; pedClearS: number } | undefined];
      return { ...t, ...(ped ?? {}) };
    };
    const plans = extra.map((ex, k) => {
      const splits: Record<string, number> = {};
      for (const p of phases) {
        const d = def(p);
        const window = Math.max(d.minGreenS, (d.walkS ?? 0) + (d.pedClearS ?? 0));
        splits[p] = window + d.yellowS + d.redClearS + (ex[p - 1] ?? 0);
      }
      let cycle = 0;
      for (const side of [
        [
          [1, 2],
          [5, 6],
        ],
        [
          [3, 4],
          [7, 8],
        ],
      ]) {
        const sums = side.map((ring) => ring.reduce((a, p) => a + (splits[p] ?? 0), 0));
        const len = Math.max(...sums);
        side.forEach((ring, r) => {
          const last = [...ring].reverse().find((p) => splits[p] !== undefined);
          if (last !== undefined) splits[last] = (splits[last] ?? 0) + len - (sums[r] ?? 0);
        });
        cycle += len;
      }
      const coordinated = phases.filter((p) => p === 2 || p === 6);
      return {
        id: `p${k}`,
        cycleS: cycle,
        offsetS: Math.min(offsets[k] ?? 0, cycle),
        splitsS: splits,
        coordinated,
      };
    });
    return intersectionSchema.parse({
      id: 'x-rand',
      nodeId: 'n',
      region: 'r',
      control: {
        type: 'nema',
        phases: phases.map((p) => ({ phase: p, movements: [`m${p}`], detectorIds: [`d${p}`], ...def(p) })),
      },
      plans: plans.filter((p) => p.cycleS >= 20 && p.cycleS <= 300),
      defaultPlanId: 'p0',
      mode,
    });
  })
  .filter((x) => x.plans.some((p) => p.id === 'p0'));

/** A random stage-control intersection with two valid plans. */
export const stagesArb: fc.Arbitrary<Intersection> = fc
  .record({
    timings: fc.array(timingArb, { minLength: 2, maxLength: 6 }),
    stageMasks: fc.array(fc.integer({ min: 1, max: 63 }), { minLength: 2, maxLength: 5 }),
    extra: fc.array(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 5, maxLength: 5 }), {
      minLength: 2,
      maxLength: 2,
    }),
    offset: fc.integer({ min: 0, max: 60 }),
    mode: modeArb,
  })
  .map(({ timings, stageMasks, extra, offset, mode }) => {
    const n = timings.length;
    const groups = timings.map((t, i) => ({
      group: i + 1,
      movements: [`s${i + 1}`],
      detectorIds: [`sd${i + 1}`],
      ...t,
    }));
    const stages = stageMasks.map((mask, k) => {
      const members = groups.filter((_, i) => (mask >> i) & 1 || i === k % n).map((g) => g.group);
      return { id: `st${k}`, groups: members };
    });
    const ig = (a: number, b: number): number =>
      Math.max(
        0,
        ...(stages[a]?.groups ?? [])
          .filter((g) => !stages[b]?.groups.includes(g))
          .map((g) => (groups[g - 1]?.yellowS ?? 0) + (groups[g - 1]?.redClearS ?? 0)),
      );
    const plans = extra.map((ex, k) => {
      const splits: Record<string, number> = {};
      let cycle = 0;
      stages.forEach((s, i) => {
        const next = (i + 1) % stages.length;
        const mins = s.groups.map((g) => groups[g - 1]?.minGreenS ?? 0);
        const split = Math.max(...mins) + ig(i, next) + (ex[i] ?? 0) + (cycle === 0 ? 20 : 0);
        splits[s.id] = split;
        cycle += split;
      });
      return {
        id: `p${k}`,
        cycleS: cycle,
        offsetS: Math.min(offset, cycle),
        splitsS: splits,
        coordinated: ['st0'],
      };
    });
    return intersectionSchema.parse({
      id: 'x-rand-st',
      nodeId: 'n',
      region: 'r',
      control: { type: 'stages', groups, stages },
      plans: plans.filter((p) => p.cycleS <= 300),
      defaultPlanId: 'p0',
      mode,
    });
  })
  .filter((x) => x.plans.some((p) => p.id === 'p0'));
