/**
 * @module edge/adaptive/detector-exclusion.test
 * An unhealthy loop among healthy ones is left out of control (issue 6: "unhealthy detectors are
 * excluded from control"). Closed loop through the public door: a real in-process controller, the
 * `IntersectionControl` of each green-timing strategy, and a point-queue intersection with two
 * stop-bar loops per phase. One loop of the quiet side street (phase 4, lane 0) is faulty: stuck on
 * (it reads occupied, 100%, for the whole run and counts nothing, as the demo city's `stuck-GN05-nb`)
 * or chattering (a pulse every second, 3,600 veh/h on one lane). Each run is repeated over the same
 * traffic with the edge saying three things of that loop: nothing (absent), its fault (the verdict
 * of edge/detectors) or `ok` (a fault the edge failed to diagnose).
 */
import { test, expect } from 'vitest';
import { createController } from '../../controllers/index.ts';
import { intersectionSchema, type Intersection } from '../../core/index.ts';
import type { DetectorSample, SignalCommand } from './index.ts';
import { applyCommand, createStrategy, IntersectionControl } from './index.ts';

const T0 = Date.UTC(2026, 10, 27, 0, 0, 0);
const PHASES = [2, 4, 6, 8] as const;
const LANES = [0, 1] as const;
const FAULTY = 'd4-0';
/** Arrivals per phase, vehicles per second over both lanes: the main street (2, 6) is busy. */
const MAIN_HEAVY: Readonly<Record<number, number>> = { 2: 0.3, 6: 0.28, 4: 0.06, 8: 0.07 };

/** A NEMA 4-phase intersection with two stop-bar loops per phase (`d<phase>-<lane>`). */
const TWO_LANES: Intersection = intersectionSchema.parse({
  id: 'x2',
  nodeId: 'n2',
  region: 'r1',
  control: {
    type: 'nema',
    phases: PHASES.map((p) => ({
      phase: p,
      movements: [`m${p}`],
      minGreenS: 8,
      maxGreenS: 60,
      passageS: 3,
      yellowS: 3,
      redClearS: 2,
      detectorIds: LANES.map((l) => `d${p}-${l}`),
    })),
  },
  plans: [{ id: 'p90', cycleS: 90, splitsS: { 2: 50, 6: 50, 4: 40, 8: 40 }, coordinated: [2, 6] }],
  defaultPlanId: 'p90',
  mode: 'fixed',
});

type Loop = {
  occupied: boolean;
  queue: number;
  acc: number;
  count: number;
  occupiedMs: number;
  pulseUntil: number;
  lastOff: number | null;
  nextDeparture: number;
};

/** How the faulty loop misbehaves. */
type Fault = 'stuck-on' | 'chattering';

/** What the edge says of the faulty loop: nothing, its fault, or that it is healthy. */
type Verdict = 'absent' | 'fault' | 'ok';

type RunResult = { readonly sent: readonly SignalCommand[]; meanGreen(phase: number): number };

/**
 * Vehicles arrive at fixed rates split over the two lanes, wait while red and leave at a 2 s
 * saturation headway per lane while green. The controller sees every loop as it is (the faulty one
 * too); the edge's samples carry the faulty loop as `verdict` says.
 */
function run(strategy: string, fault: Fault, verdict: Verdict, seconds: number): RunResult {
  const controller = createController(TWO_LANES, { watchdogTimeoutS: 10 });
  const control = new IntersectionControl(TWO_LANES, [], [], createStrategy(strategy));
  const loops = new Map<string, Loop>();
  for (const p of PHASES)
    for (const l of LANES)
      loops.set(`d${p}-${l}`, {
        occupied: false,
        queue: 0,
        acc: 0,
        count: 0,
        occupiedMs: 0,
        pulseUntil: 0,
        lastOff: null,
        nextDeparture: 0,
      });
  const greenTime = new Map<number, number>(PHASES.map((p) => [p, 0]));
  const greens = new Map<number, number>(PHASES.map((p) => [p, 0]));
  const wasGreen = new Set<number>();
  const sent: SignalCommand[] = [];
  const dtMs = 500;
  for (let t = 0; t < seconds * 1000; t += dtMs) {
    const now = T0 + t;
    controller.step(now);
    for (const p of PHASES) {
      const green = controller.movementState(`m${p}`) === 'G';
      if (green && !wasGreen.has(p)) greens.set(p, (greens.get(p) ?? 0) + 1);
      if (green) wasGreen.add(p);
      else wasGreen.delete(p);
      if (green) greenTime.set(p, (greenTime.get(p) ?? 0) + dtMs / 1000);
      for (const l of LANES) {
        const id = `d${p}-${l}`;
        const loop = loops.get(id);
        if (loop === undefined) continue;
        loop.acc += ((MAIN_HEAVY[p] ?? 0) * dtMs) / 1000 / LANES.length;
        while (loop.acc >= 1) {
          loop.acc -= 1;
          loop.queue++;
        }
        if (green && loop.queue > 0 && now >= loop.nextDeparture) {
          loop.queue--;
          // A loop stuck on counts nothing: it never sees the gap between two vehicles.
          if (id !== FAULTY || fault !== 'stuck-on') loop.count++;
          loop.pulseUntil = now + 400;
          loop.nextDeparture = now + 2000;
        }
        let occupied = loop.pulseUntil > now || (!green && loop.queue > 0);
        if (id === FAULTY && fault === 'stuck-on') occupied = true;
        if (id === FAULTY && fault === 'chattering') {
          occupied = t % 1000 === 0;
          if (occupied) loop.count++;
        }
        if (occupied) loop.occupiedMs += dtMs;
        if (loop.occupied && !occupied) loop.lastOff = now;
        loop.occupied = occupied;
        controller.setDetector(id, occupied);
      }
    }
    if (t % 1000 !== 0) continue;
    const samples = new Map<string, DetectorSample>();
    for (const [id, loop] of loops) {
      const said = id === FAULTY ? verdict : 'ok';
      if (said === 'absent') continue;
      const health = said === 'fault' ? fault : 'ok';
      samples.set(id, {
        detectorId: id,
        health,
        occupied: loop.occupied,
        lastOffMs: loop.lastOff,
        countTotal: loop.count,
        occupiedMsTotal: loop.occupiedMs,
        latest: { occupancyPct: Math.min(100, (loop.occupiedMs / (t + dtMs)) * 100) },
      });
    }
    const step = control.step(
      now,
      {
        online: true,
        mode: controller.mode,
        planId: controller.planId,
        cycleSecond: controller.cycleSecond,
        activeUnits: controller.activeUnits(),
      },
      samples,
    );
    for (const c of step.commands) {
      applyCommand(controller, c);
      sent.push(c);
    }
  }
  return {
    sent,
    meanGreen: (p) => (greenTime.get(p) ?? 0) / Math.max(1, greens.get(p) ?? 0),
  };
}

/**
 * What a trusted faulty loop adds to phase 4's mean green over 900 s, for Webster, max-pressure, SCATS
 * and schedule-driven: stuck on 0 / 1.2 / 39.3 / 9.9 s, chattering 30.5 / 15.6 / 39.3 / 1.4 s. A
 * stuck-on loop counts nothing, so Webster (flow from counts) is blind to it, not to chattering.
 */
for (const strategy of ['webster', 'max-pressure', 'scats', 'schedule-driven']) {
  test(`${strategy}: a stuck-on or chattering loop among healthy ones is ignored; the healthy ones still drive`, () => {
    let drawnS = 0;
    for (const fault of ['stuck-on', 'chattering'] as const) {
      const absent = run(strategy, fault, 'absent', 900);
      const excluded = run(strategy, fault, 'fault', 900);
      // Marked faulty, the loop counts for nothing: every command is the same as if it did not exist.
      expect(excluded.sent).toEqual(absent.sent);
      for (const p of PHASES) expect(excluded.meanGreen(p)).toBe(absent.meanGreen(p));
      // The healthy loops still drive the strategy: it runs the intersection and greens follow demand.
      expect(excluded.sent.some((c) => c.type === 'force-off')).toBe(true);
      expect(excluded.meanGreen(2)).toBeGreaterThan(excluded.meanGreen(4));
      const trusted = run(strategy, fault, 'ok', 900);
      drawnS = Math.max(drawnS, trusted.meanGreen(4) - absent.meanGreen(4));
    }
    // The test can tell: the same loop taken as healthy draws green to the quiet side street.
    expect(drawnS).toBeGreaterThan(1);
  });
}
