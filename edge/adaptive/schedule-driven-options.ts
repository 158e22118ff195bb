/**
 * @module edge/adaptive/schedule-driven-options
 * Options of the schedule-driven strategy, their defaults (each with the evaluation figure that chose
 * it) and their validation.
 */
import { ConfigError } from '../../core/index.ts';
import type { NeighbourBoard } from './neighbour-board.ts';
import type { ClusterOptions } from './schedule-driven-clusters.ts';
import { DEFAULT_CLUSTER_OPTIONS } from './schedule-driven-clusters.ts';

/** Options of the schedule-driven strategy (`ScheduleDrivenStrategy`). */
export type ScheduleDrivenOptions = ClusterOptions & {
  /** Saturation flow per lane, veh/h (HCM base 1900). */
  readonly saturationVphpl: number;
  /** Start-up lost time of a green that finds a queue, s (HCM 2 s). */
  readonly startupLostS: number;
  /** Longest green this strategy plans, s (the unit's own maximum when smaller). */
  readonly greenCapS: number;
  /** Downstream occupancy at which the approach cannot discharge at all, %. */
  readonly blockedOccupancyPct: number;
  /**
   * How spillback (occupied links downstream) enters the schedule: `weight` counts the approach's
   * vehicles less (they cannot move anyway), `duration` slows its discharge, `none` ignores it.
   * `duration` makes a blocked approach look slow, and a least-delay schedule serves slow approaches
   * last: on the congested 4x4 grid it starved them into gridlock (119 s against 71 s, evaluation
   * README).
   */
  readonly spillback: 'weight' | 'duration' | 'none';
  /**
   * Learn each approach's discharge rate from stop-bar counts (smoothing per saturated second, 0: off).
   * Off by default for the same reason: an approach learnt slow is served last (congested grid 89 s).
   */
  readonly dischargeLearning: number;
  /** A unit with vehicles waiting this long is served next whatever the schedule says, s. */
  readonly maxRedS: number;
  /** At most this many clusters per schedule phase (bounds the search's states). */
  readonly maxPhaseClusters: number;
  /**
   * Share projected outflows with the neighbours of {@link neighbours} and predict an approach fed by
   * one from its outflow (SURTRAC's coordination). Needs `neighbours`. Off by default: on the 4x4 grid
   * it lost at both heavy levels and both seeds (seed 1: 39.3 -> 42.3 s at 7,500 veh/h, 70.7 -> 75.3 s
   * at 10,000; seed 2: 36.6 -> 38.6, 68.8 -> 70.0; evaluation README).
   */
  readonly shareOutflows: boolean;
  /** The region's board of projected outflows (the edge's signal supervisor makes one), or null. */
  readonly neighbours: NeighbourBoard | null;
  /**
   * Neighbour-predicted arrivals are taken up to this far ahead, s. As far as the learnt-rate stream
   * (`predictS`): longer horizons did worse on the grid (25 s: 44.7, 30 s: 46.5 against 42.3 s, heavy).
   */
  readonly neighbourHorizonS: number;
  /**
   * `replace`: a neighbour-fed approach predicts only from the neighbour's outflow; `beyond`: it keeps
   * its learnt-rate stream up to `predictS` and takes the neighbour's outflow after that; `volume`
   * keeps the stream's even spread but takes its rate from the neighbour's outflow up to `predictS`.
   */
  readonly neighbourStream: 'replace' | 'beyond' | 'volume';
  /** Scale a neighbour-fed approach's predictions by its counted over predicted advance-loop arrivals. */
  readonly learnNeighbourScale: boolean;
  /**
   * Time constant of the arrival rate the predicted stream runs at, s: advance-loop counts over the
   * seconds observed, each weighted by exp(-age / this). 0: the unit tracker's estimate, updated once a
   * cycle and smoothed per cycle, which on the grid's short cycles (two or three vehicles per approach
   * each) swings by half from cycle to cycle. With `ownQueue`, 120 s cut the 4x4 grid's time loss at
   * 7,500 veh/h at all four seeds (mean 38.1 -> 37.2 s) and at 10,000 veh/h on average (68.3 -> 67.0 s);
   * 60-300 s without `ownQueue` helped at 7,500 and lost at 10,000 (evaluation README).
   */
  readonly rateMemoryS: number;
  /**
   * Keep the strategy's own queue estimate, with every stop-bar count a departure whatever the signal
   * shows (a vehicle running the yellow, a permissive left turner leaving at the change, one that
   * stops on the loop in red and leaves at the next green without a new count). The unit tracker's
   * estimate counts departures only in green, so it drifts up by about a vehicle per lane and cycle
   * until a green gaps out, which under congestion is rare (one corner of the congested grid reached an
   * estimated 134 vehicles). Needs advance and stop-bar loops; without them the tracker's estimate is
   * used.
   */
  readonly ownQueue: boolean;
};

/**
 * Defaults. Joining arrivals up to 6 s apart (the paper joins at about a saturation headway) makes an
 * approach's queue, arrivals and 15 s of predicted stream one cluster: a green then runs while its
 * stream outweighs the waiting queues, rather than ending at every small gap in a dense stream
 * (4x4 grid, 7,500 / 10,000 veh/h: 39.3 / 70.7 s; joining at 2 s 44.4 / 104.9 s; no prediction
 * 44.4 / 95.1 s; evaluation README).
 */
export const DEFAULT_SCHEDULE_DRIVEN_OPTIONS: ScheduleDrivenOptions = Object.freeze({
  ...DEFAULT_CLUSTER_OPTIONS,
  joinGapS: 6,
  predictS: 15,
  saturationVphpl: 1900,
  startupLostS: 2,
  greenCapS: 60,
  blockedOccupancyPct: 80,
  spillback: 'weight',
  dischargeLearning: 0,
  maxRedS: 120,
  maxPhaseClusters: 6,
  shareOutflows: false,
  neighbours: null,
  neighbourHorizonS: 15,
  neighbourStream: 'replace',
  learnNeighbourScale: true,
  rateMemoryS: 120,
  ownQueue: true,
});

/** The options, or a ConfigError naming the first field out of range. */
export function validatedScheduleOptions(o: ScheduleDrivenOptions): ScheduleDrivenOptions {
  const positive = [
    'saturationVphpl',
    'predictChunkS',
    'maxPhaseClusters',
    'greenCapS',
    'blockedOccupancyPct',
  ] as const;
  const nonNegative = [
    'advanceTravelS',
    'joinGapS',
    'predictS',
    'startupLostS',
    'dischargeLearning',
    'maxRedS',
    'neighbourHorizonS',
    'rateMemoryS',
  ] as const;
  for (const key of positive)
    if (!(o[key] > 0)) throw new ConfigError(`scheduleDriven.${key}`, `must be positive, got ${o[key]}`);
  for (const key of nonNegative)
    if (!(o[key] >= 0)) throw new ConfigError(`scheduleDriven.${key}`, `must be >= 0, got ${o[key]}`);
  if (!['weight', 'duration', 'none'].includes(o.spillback))
    throw new ConfigError('scheduleDriven.spillback', `must be weight, duration or none, got ${o.spillback}`);
  if (!['replace', 'beyond', 'volume'].includes(o.neighbourStream))
    throw new ConfigError(
      'scheduleDriven.neighbourStream',
      `must be replace, beyond or volume, got ${o.neighbourStream}`,
    );
  return o;
}
