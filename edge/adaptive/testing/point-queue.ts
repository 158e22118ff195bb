/**
 * @module edge/adaptive/testing/point-queue
 * Closed loop for the strategy tests, through the public door: a real in-process controller, the
 * `IntersectionControl` of a strategy, and a point-queue intersection. Vehicles arrive at fixed rates
 * per phase, split evenly over the phase's stop-bar loops (one per lane); they wait on the loop while
 * red and leave at a 2 s saturation headway per lane while green. The controller sees every loop as
 * it is, faulty ones too; the edge's samples, once a second, carry each loop as the test says.
 */
import { createController } from '../../../controllers/index.ts';
import type { Intersection } from '../../../core/index.ts';
import { applyCommand } from '../apply-command.ts';
import { IntersectionControl } from '../intersection-control.ts';
import { createStrategy } from '../strategies.ts';
import type { SignalCommand } from '../types.ts';
import type { DetectorSample } from '../unit-tracker.ts';

/** A loop that misbehaves: stuck on (occupied throughout, counting nothing) or chattering (a pulse a second). */
export type LoopFault = { readonly loopId: string; readonly kind: 'stuck-on' | 'chattering' };

export type PointQueueOptions = {
  /** A NEMA intersection whose phases' `detectorIds` are their stop-bar loops, one per lane. */
  readonly intersection: Intersection;
  readonly strategy: string;
  /** Arrivals per phase, vehicles per second over all its lanes. */
  readonly ratesVps: Readonly<Record<number, number>>;
  readonly seconds: number;
  readonly fault?: LoopFault;
  /**
   * The health the edge gives a loop's sample, or null to leave the loop out of the samples
   * (default: every loop `ok`).
   */
  readonly healthOf?: (loopId: string) => string | null;
};

export type PointQueueRun = {
  /** Every command the edge sent, in order. */
  readonly sent: readonly SignalCommand[];
  /** The controller's mode at the end. */
  readonly mode: string;
  /** The longest queue on one lane. */
  readonly maxQueue: number;
  /** Mean wait per arriving vehicle, seconds. */
  readonly meanDelayS: number;
  /** Mean green of a phase, seconds. */
  meanGreen(phase: number): number;
};

type Loop = {
  readonly phase: number;
  readonly ratePerLane: number;
  occupied: boolean;
  queue: number;
  acc: number;
  count: number;
  occupiedMs: number;
  pulseUntil: number;
  lastOff: number | null;
  nextDeparture: number;
};

const T0 = Date.UTC(2026, 10, 26, 0, 0, 0);
const DT_MS = 500;

/** Run `seconds` of the intersection under the strategy. */
export function runPointQueue(o: PointQueueOptions): PointQueueRun {
  const { intersection, fault } = o;
  if (intersection.control.type !== 'nema') throw new Error('runPointQueue: a NEMA intersection');
  const phases = intersection.control.phases.map((p) => p.phase);
  const controller = createController(intersection, { watchdogTimeoutS: 10 });
  const control = new IntersectionControl(intersection, [], [], createStrategy(o.strategy));
  const loops = new Map<string, Loop>();
  for (const p of intersection.control.phases)
    for (const id of p.detectorIds)
      loops.set(id, {
        phase: p.phase,
        ratePerLane: (o.ratesVps[p.phase] ?? 0) / p.detectorIds.length,
        occupied: false,
        queue: 0,
        acc: 0,
        count: 0,
        occupiedMs: 0,
        pulseUntil: 0,
        lastOff: null,
        nextDeparture: 0,
      });
  const greenTime = new Map<number, number>(phases.map((p) => [p, 0]));
  const greens = new Map<number, number>(phases.map((p) => [p, 0]));
  const wasGreen = new Set<number>();
  const sent: SignalCommand[] = [];
  let maxQueue = 0;
  let queueSeconds = 0;
  let arrivals = 0;
  for (let t = 0; t < o.seconds * 1000; t += DT_MS) {
    const now = T0 + t;
    controller.step(now);
    const greenNow = new Set(phases.filter((p) => controller.movementState(`m${p}`) === 'G'));
    for (const p of phases) {
      const green = greenNow.has(p);
      if (green && !wasGreen.has(p)) greens.set(p, (greens.get(p) ?? 0) + 1);
      if (green) wasGreen.add(p);
      else wasGreen.delete(p);
      if (green) greenTime.set(p, (greenTime.get(p) ?? 0) + DT_MS / 1000);
    }
    for (const [id, loop] of loops) {
      const green = greenNow.has(loop.phase);
      const faulty = fault?.loopId === id ? fault.kind : null;
      loop.acc += (loop.ratePerLane * DT_MS) / 1000;
      while (loop.acc >= 1) {
        loop.acc -= 1;
        loop.queue++;
        arrivals++;
      }
      if (green && loop.queue > 0 && now >= loop.nextDeparture) {
        loop.queue--;
        // A loop stuck on counts nothing: it never sees the gap between two vehicles.
        if (faulty !== 'stuck-on') loop.count++;
        loop.pulseUntil = now + 400;
        loop.nextDeparture = now + 2000;
      }
      let occupied = loop.pulseUntil > now || (!green && loop.queue > 0);
      if (faulty === 'stuck-on') occupied = true;
      if (faulty === 'chattering') {
        occupied = t % 1000 === 0;
        if (occupied) loop.count++;
      }
      if (occupied) loop.occupiedMs += DT_MS;
      if (loop.occupied && !occupied) loop.lastOff = now;
      loop.occupied = occupied;
      controller.setDetector(id, occupied);
      maxQueue = Math.max(maxQueue, loop.queue);
      queueSeconds += (loop.queue * DT_MS) / 1000;
    }
    if (t % 1000 !== 0) continue;
    const samples = new Map<string, DetectorSample>();
    for (const [id, loop] of loops) {
      const health = o.healthOf === undefined ? 'ok' : o.healthOf(id);
      if (health === null) continue;
      samples.set(id, {
        detectorId: id,
        // 'held': healthy, held occupied by a standing queue (DetectorSample.heldByQueue).
        health: health === 'held' ? 'ok' : health,
        heldByQueue: health === 'held',
        occupied: loop.occupied,
        lastOffMs: loop.lastOff,
        countTotal: loop.count,
        occupiedMsTotal: loop.occupiedMs,
        latest: { occupancyPct: Math.min(100, (loop.occupiedMs / (t + DT_MS)) * 100) },
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
    mode: controller.mode,
    maxQueue,
    meanDelayS: queueSeconds / Math.max(1, arrivals),
    meanGreen: (p) => (greenTime.get(p) ?? 0) / Math.max(1, greens.get(p) ?? 0),
  };
}
