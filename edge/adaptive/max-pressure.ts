/**
 * @module edge/adaptive/max-pressure
 * Max-pressure control (Varaiya 2013, "Max pressure control of a network of signalized intersections",
 * Transp. Res. C 36) in its cyclic form (Levin, Hu & Odell 2020, "Max-pressure signal control with
 * cyclical phase structure", Transp. Res. C 120): phases keep their fixed order, and at each step after
 * the minimum green the active phase is extended while its pressure — queue weighted by the room
 * downstream, times saturation flow — is at least a share of the largest pressure waiting, ended when
 * its queue has cleared (a passage-time gap) or at the maximum green.
 */
import { blind, greenDirectives, unitsWithDemand } from './directives.ts';
import type { ControlDecision, ControlInput, SignalStrategy, UnitState } from './types.ts';

/** Options of {@link MaxPressureStrategy}. */
export type MaxPressureOptions = {
  /** Keep the green while its pressure is at least this share of the largest waiting pressure. */
  readonly keepShare: number;
  /** Downstream occupancy at which a movement's outflow counts as blocked, %. */
  readonly blockedOccupancyPct: number;
  readonly saturationVphpl: number;
  /** While the green still discharges a queue, the share above is multiplied by this. */
  readonly dischargingFactor: number;
};

export const DEFAULT_MAX_PRESSURE_OPTIONS: MaxPressureOptions = Object.freeze({
  keepShare: 0.8,
  blockedOccupancyPct: 80,
  saturationVphpl: 1900,
  dischargingFactor: 0.5,
});

/** Pressure of one unit: queue times saturation flow, less what the downstream links cannot take. */
export function pressureOf(u: UnitState, options: MaxPressureOptions = DEFAULT_MAX_PRESSURE_OPTIONS): number {
  const queue = u.queueVeh ?? 0;
  const room =
    u.downstreamOccupancyPct === null
      ? 1
      : Math.max(0, 1 - u.downstreamOccupancyPct / options.blockedOccupancyPct);
  return queue * room * ((options.saturationVphpl * u.lanes) / 3600);
}

/** Cyclic max-pressure strategy. */
export class MaxPressureStrategy implements SignalStrategy {
  readonly name = 'max-pressure';
  readonly #options: MaxPressureOptions;

  constructor(options: Partial<MaxPressureOptions> = {}) {
    this.#options = Object.freeze({ ...DEFAULT_MAX_PRESSURE_OPTIONS, ...options });
  }

  decide(input: ControlInput): ControlDecision {
    const units = input.units;
    if (blind(units)) return { kind: 'local', mode: 'fixed', planId: input.localPlan.id };
    const waiting = units.filter((u) => !u.active);
    const end = new Set<string>();
    for (const u of units) {
      if (!u.active) continue;
      const green = u.greenS ?? 0;
      if (green < u.minGreenS) continue;
      if (green >= u.maxGreenS) {
        end.add(String(u.unit));
        continue;
      }
      // Compete only with phases that conflict: other barrier side, or the same ring.
      const rivals = waiting.filter((w) => w.barrier !== u.barrier || w.ring === u.ring);
      const rival = Math.max(0, ...rivals.map((w) => pressureOf(w, this.#options)));
      const own = pressureOf(u, this.#options);
      const cleared = (u.queueVeh ?? 0) < 0.5 && u.gapS !== null && u.gapS >= u.passageS;
      // Cutting a queue that is still discharging at saturation wastes a start-up and a clearance:
      // demand a clearly larger rival pressure then (switching loss, Varaiya 2013 §6).
      const discharging = u.gapS !== null && u.gapS < u.passageS;
      const share = discharging
        ? this.#options.keepShare * this.#options.dischargingFactor
        : this.#options.keepShare;
      if (rival > 0 && (cleared || own < share * rival)) end.add(String(u.unit));
    }
    const demand = unitsWithDemand(units);
    // NEMA rings cross a barrier together: ending one ring early only idles it at the barrier, unless a
    // later phase of the same ring and barrier side can use the time (e.g. a lagging left turn).
    for (const u of units) {
      const key = String(u.unit);
      if (!end.has(key) || (u.greenS ?? 0) >= u.maxGreenS) continue;
      const partnerContinues = units.some(
        (p) => p.active && p.ring !== u.ring && p.barrier === u.barrier && !end.has(String(p.unit)),
      );
      const successor = units.some(
        (w) => !w.active && w.ring === u.ring && w.barrier === u.barrier && demand.has(String(w.unit)),
      );
      if (partnerContinues && !successor) end.delete(key);
    }
    return greenDirectives(units, end, demand);
  }
}
