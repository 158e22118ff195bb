/**
 * @module simulator/run/kpi
 * Key figures of a run, under the names testers' scripts rely on (issue 3): counts, mean travel time,
 * mean time loss (SUMO: time lost driving below the ideal speed), mean waiting time (speed < 0.1 m/s),
 * mean stops, vehicle updates per wall-clock second, and per-intersection queue and delay.
 */
import type { Simulation } from '../engine/index.ts';

/** Per-intersection figures. */
export type IntersectionKpi = {
  readonly id: string;
  readonly meanQueueVeh: number;
  readonly maxQueueVeh: number;
  /** Time loss on the approaches per vehicle discharged, seconds. */
  readonly meanDelayS: number;
  readonly vehiclesDischarged: number;
};

/** The run's key figures. */
export type RunKpis = {
  readonly vehiclesInserted: number;
  readonly vehiclesArrived: number;
  readonly vehiclesRunning: number;
  readonly vehiclesWaitingToInsert: number;
  readonly meanTravelTimeS: number;
  readonly meanTimeLossS: number;
  readonly meanWaitingTimeS: number;
  readonly meanStops: number;
  readonly vehicleUpdatesPerSecond: number;
  readonly simulatedS: number;
  readonly wallS: number;
  readonly intersections: readonly IntersectionKpi[];
};

const round = (x: number, d = 2): number => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : 0);

/** Compute the figures of `sim` after `wallMs` of wall-clock time. */
export function computeKpis(sim: Simulation, wallMs: number, simulatedS: number): RunKpis {
  const c = sim.state.counters;
  const n = c.arrived;
  const mean = (sum: number) => (n > 0 ? round(sum / n) : 0);
  return {
    vehiclesInserted: c.inserted,
    vehiclesArrived: c.arrived,
    vehiclesRunning: sim.state.veh.running,
    vehiclesWaitingToInsert: sim.waitingToInsert,
    meanTravelTimeS: mean(c.sumTravelTimeS),
    meanTimeLossS: mean(c.sumTimeLossS),
    meanWaitingTimeS: mean(c.sumWaitingS),
    meanStops: mean(c.sumStops),
    vehicleUpdatesPerSecond: wallMs > 0 ? Math.round(c.vehicleUpdates / (wallMs / 1000)) : 0,
    simulatedS: round(simulatedS, 1),
    wallS: round(wallMs / 1000, 3),
    intersections: sim.series.map((s) => {
      const out = s.discharged.reduce((a, b) => a + b, 0);
      const loss = s.delayS.reduce((a, d, i) => a + d * (s.discharged[i] ?? 0), 0);
      return {
        id: s.id,
        meanQueueVeh: round(s.queue.reduce((a, b) => a + b, 0) / Math.max(1, s.queue.length), 1),
        maxQueueVeh: Math.max(0, ...s.queue),
        meanDelayS: round(out > 0 ? loss / out : 0, 1),
        vehiclesDischarged: out,
      };
    }),
  };
}
