/**
 * @module bench/controller-soak
 * Soak of the signal controller firmware (issue 4): 10,000,000 simulated seconds over random NEMA and
 * stage-control intersections in every local mode, with random detector actuations, external holds,
 * force-offs, calls, omits, plan changes and watchdog expiries. Reports conflict-monitor faults (the
 * result must be 0) and the speed in controller steps and simulated seconds per wall second.
 */
import fc from 'fast-check';
import { createController } from '../controllers/index.ts';
import { nemaArb, stagesArb } from '../controllers/testing/index.ts';
import type { BenchFigure, Benchmark } from './types.ts';

const STEP_MS = 500;
const SEGMENT_S = 100_000;

/** A small deterministic generator (LCG) so runs are repeatable and allocate nothing. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

export const benchmark: Benchmark = {
  name: 'controller soak (NEMA + stage firmware, random commands)',
  async run({ quick }): Promise<readonly BenchFigure[]> {
    const totalS = quick ? 1_000_000 : 10_000_000;
    const segments = totalS / SEGMENT_S;
    const intersections = [
      ...fc.sample(nemaArb, { numRuns: Math.ceil(segments / 2), seed: 42 }),
      ...fc.sample(stagesArb, { numRuns: Math.ceil(segments / 2), seed: 43 }),
    ].slice(0, segments);
    const rnd = lcg(7);
    let steps = 0;
    let faults = 0;
    let commands = 0;
    let simulatedS = 0;
    const started = performance.now();
    for (const x of intersections) {
      const c = createController(x, { watchdogTimeoutS: 120 });
      const dets = [...c.layout.detectorIndex.keys()];
      const units = c.units;
      const plans = c.planIds;
      const t0 = 1_780_000_000_000 + Math.floor(rnd() * 86_400_000);
      for (let t = 0; t < SEGMENT_S * 1000; t += STEP_MS) {
        if (rnd() < 0.3) c.setDetector(dets[Math.floor(rnd() * dets.length)] ?? '', rnd() < 0.5);
        const r = rnd();
        if (r < 0.004) {
          commands++;
          const u = units[Math.floor(rnd() * units.length)] ?? 1;
          if (r < 0.001) c.hold(u, rnd() < 0.5);
          else if (r < 0.002) c.forceOff(u);
          else if (r < 0.003) c.call(u);
          else if (r < 0.0035) c.omit(u, rnd() < 0.3);
          else if (r < 0.0038) c.setPlan(plans[Math.floor(rnd() * plans.length)] ?? 'p0');
          else c.setMode(x.mode);
        }
        c.step(t0 + t);
        steps++;
        if (c.fault !== null) {
          faults++;
          c.resetFault();
        }
      }
      simulatedS += SEGMENT_S;
    }
    const wallS = (performance.now() - started) / 1000;
    return [
      {
        name: `monitor faults in ${simulatedS.toLocaleString('en')} simulated s (${intersections.length} random intersections)`,
        value: faults,
        unit: 'faults',
        target: '0',
        met: faults === 0,
        note: `${commands} external commands, step ${STEP_MS} ms`,
      },
      { name: 'controller steps/s', value: Math.round(steps / wallS), unit: 'steps/s' },
      {
        name: 'simulated s per wall s (one intersection)',
        value: Math.round(simulatedS / wallS),
        unit: 'x real time',
        target: '>= 100000',
        met: simulatedS / wallS >= 100_000,
      },
    ];
  },
};
