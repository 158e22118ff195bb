/**
 * @module edge/adaptive/types
 * The data a signal strategy sees and the directives it returns. A strategy never talks to a
 * controller: it says, per unit (NEMA phase or stage), whether to hold its green, end it, call it or
 * omit it; {@link CommandPlanner} turns that into the controller's own hold / force-off / call / omit /
 * plan commands plus a heartbeat (NTCIP 1202 phase control), so the controller keeps every safety rule.
 */
import type { ControllerMode, Intersection, SignalPlan } from '../../core/index.ts';

/** A NEMA phase number or a stage id. */
export type UnitKey = number | string;

/** Static timing of one unit. */
export type UnitTiming = {
  readonly unit: UnitKey;
  readonly minGreenS: number;
  readonly maxGreenS: number;
  readonly passageS: number;
  /** Yellow plus red clearance after the green, s. */
  readonly clearanceS: number;
  /** NEMA ring index (0/1) or 0 for stages. */
  readonly ring: number;
  /** NEMA barrier side (0/1) or the stage's own index. */
  readonly barrier: number;
  /** Lanes the unit serves (from its movements' `fromLanes`), for saturation flow. */
  readonly lanes: number;
  readonly detectorIds: readonly string[];
  /** Road links the unit's movements leave from and go to. */
  readonly fromLinks: readonly string[];
  readonly toLinks: readonly string[];
  readonly movements: readonly string[];
};

/** Live state of one unit, as the strategies see it. */
export type UnitState = UnitTiming & {
  /** True while the unit is timing green. */
  readonly active: boolean;
  /** Seconds of green so far (active) or null. */
  readonly greenS: number | null;
  /** Seconds since the unit's last green ended, or null when never green. */
  readonly redS: number | null;
  /** Estimated vehicles waiting, or null when no healthy detector serves the unit. */
  readonly queueVeh: number | null;
  /** Smoothed arrival rate, veh/h, or null without data. */
  readonly arrivalVph: number | null;
  /**
   * Vehicles counted on the unit's advance loops since the previous step, scaled to the unit's lanes
   * (they reach the stop line a few seconds later), or null without a healthy advance loop.
   */
  readonly arrivalsVeh: number | null;
  /** Vehicles counted on the unit's stop-bar loops since the previous step, or null without one. */
  readonly departuresVeh: number | null;
  /** Seconds since a detector of the unit was last occupied (0 while occupied), or null. */
  readonly gapS: number | null;
  /** Healthy stop-bar loops of the unit occupied now (absent when the tracker does not say). */
  readonly stopbarsOccupied?: number;
  /** Mean occupancy of detectors on the links the unit discharges into (spillback), %, or null. */
  readonly downstreamOccupancyPct: number | null;
  /** Green used in the last completed green: time with vehicles flowing, s (SCATS "effective green"). */
  readonly lastUsedGreenS: number | null;
  readonly lastGreenS: number | null;
};

/** What a strategy knows of the controller. */
export type ControllerSnapshot = {
  readonly online: boolean;
  readonly mode: ControllerMode;
  readonly planId: string | null;
  readonly cycleSecond: number | null;
  readonly activeUnits: readonly UnitKey[];
};

/** A transit priority request: a late bus approaching on a unit's movement. */
export type TspRequest = {
  readonly vehicleId: string;
  readonly unit: UnitKey;
  /** Seconds until the bus reaches the stop line. */
  readonly etaS: number;
  /** Positive = late, seconds. */
  readonly lateS: number;
};

/** Everything a strategy decides on. */
export type ControlInput = {
  readonly nowMs: number;
  readonly intersection: Intersection;
  /** The plan the controller runs locally now (by schedule), for fallbacks and plan-based strategies. */
  readonly localPlan: SignalPlan;
  readonly controller: ControllerSnapshot;
  readonly units: readonly UnitState[];
  readonly tsp: readonly TspRequest[];
};

/** What to do with one unit this step. */
export type UnitDirective = {
  readonly unit: UnitKey;
  /** Keep the green going (only meaningful while active). */
  readonly hold: boolean;
  /** End the green as soon as the controller allows. */
  readonly forceOff: boolean;
  /** Ask for the unit to be served. */
  readonly call: boolean;
  /** Skip the unit. */
  readonly omit: boolean;
};

/** A strategy's decision for one step. */
export type ControlDecision =
  | { readonly kind: 'external'; readonly directives: readonly UnitDirective[] }
  /** Hand the intersection back to its own local mode (fixed, actuated, coordinated) and plan. */
  | { readonly kind: 'local'; readonly mode: 'fixed' | 'actuated' | 'coordinated'; readonly planId?: string };

/** A signal timing strategy for one intersection. Deterministic given its inputs. */
export interface SignalStrategy {
  readonly name: string;
  /**
   * Under transit priority, conflicting units with this many vehicles queued per lane are neither
   * ended early nor skipped for a bus (`TransitPriorityOptions.protectQueueVehPerLane`), unless the
   * priority options say otherwise. Absent: the wrapper's default (off).
   */
  readonly priorityQueueVehPerLane?: number;
  /** Decide for this step (called about once a second). */
  decide(input: ControlInput): ControlDecision;
}

/** A command to a controller, exactly the controller's external interface. */
export type SignalCommand =
  | { readonly type: 'hold'; readonly unit: UnitKey; readonly on: boolean }
  | { readonly type: 'force-off'; readonly unit: UnitKey }
  | { readonly type: 'call'; readonly unit: UnitKey }
  | { readonly type: 'omit'; readonly unit: UnitKey; readonly on: boolean }
  | { readonly type: 'set-plan'; readonly planId: string }
  | { readonly type: 'set-mode'; readonly mode: 'fixed' | 'actuated' | 'coordinated' | 'external' }
  | { readonly type: 'heartbeat' };
