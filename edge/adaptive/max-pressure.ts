/**
 * @module edge/adaptive/max-pressure
 * Max-pressure control (Varaiya 2013, "Max pressure control of a network of signalized intersections",
 * Transp. Res. C 36) in its cyclic form (Levin, Hu & Odell 2020, "Max-pressure signal control with
 * cyclical phase structure", Transp. Res. C 120): phases keep their fixed order, and at each step after
 * the minimum green the active phase is extended while its pressure — queue weighted by the room
 * downstream, times saturation flow — is at least a share of the largest pressure waiting, ended when
 * its queue has cleared (a passage-time gap) or at the maximum green (capped, `greenCapS`).
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
  /**
   * Compare barrier sides as wholes (NEMA): the served side's pressure is the sum over its active
   * phases, a waiting side's the sum over rings of its largest phase, since rings cross a barrier
   * together. Off: each phase against its largest rival alone.
   */
  readonly sidePressure: boolean;
  /**
   * Longest green this strategy gives, s (the unit's own maximum when smaller). Short greens suit
   * approaches whose left turns are permissive from a shared lane: a left turner waiting for a gap in
   * heavy opposing flow blocks the lane, and mostly leaves at the change interval ("sneakers"), so
   * more changes per hour move more of them (on the 4x4 grid a 25 s cap cut congested time loss from
   * 74 to 69 s; evaluation README). Like a maximum green, the force-off ends the green only when a
   * conflicting call is waiting: with none, the controller rests in it.
   */
  readonly greenCapS: number;
};

export const DEFAULT_MAX_PRESSURE_OPTIONS: MaxPressureOptions = Object.freeze({
  keepShare: 0.8,
  blockedOccupancyPct: 80,
  saturationVphpl: 1900,
  dischargingFactor: 0.5,
  sidePressure: false,
  greenCapS: 25,
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
    const bySide = this.#options.sidePressure;
    const end = new Set<string>();
    for (const u of units) {
      if (!u.active) continue;
      const green = u.greenS ?? 0;
      if (green < u.minGreenS) continue;
      if (green >= Math.min(u.maxGreenS, this.#options.greenCapS)) {
        end.add(String(u.unit));
        continue;
      }
      // Compete only with phases that conflict: other barrier side, or the same ring.
      const rivals = waiting.filter((w) => w.barrier !== u.barrier || w.ring === u.ring);
      const rival = bySide
        ? this.#sideRival(units, u)
        : Math.max(0, ...rivals.map((w) => pressureOf(w, this.#options)));
      const own = bySide
        ? units
            .filter((p) => p.active && p.barrier === u.barrier)
            .reduce((sum, p) => sum + pressureOf(p, this.#options), 0)
        : pressureOf(u, this.#options);
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
      if (!end.has(key) || (u.greenS ?? 0) >= Math.min(u.maxGreenS, this.#options.greenCapS)) continue;
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

  /** Largest pressure of a side or same-ring phase that `u` holds back. */
  #sideRival(units: readonly UnitState[], u: UnitState): number {
    const o = this.#options;
    let rival = 0;
    for (const w of units) {
      if (!w.active && w.barrier === u.barrier && w.ring === u.ring)
        rival = Math.max(rival, pressureOf(w, o));
    }
    const sides = new Set(units.filter((w) => w.barrier !== u.barrier).map((w) => w.barrier));
    for (const side of sides) {
      const rings = new Map<number, number>();
      for (const w of units) {
        if (w.barrier !== side) continue;
        rings.set(w.ring, Math.max(rings.get(w.ring) ?? 0, pressureOf(w, o)));
      }
      rival = Math.max(
        rival,
        [...rings.values()].reduce((a, b) => a + b, 0),
      );
    }
    return rival;
  }
}
