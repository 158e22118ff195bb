/**
 * @module edge/detectors/detector-processor
 * The edge's detector pipeline for one region: actuations and reports in, per-lane 30 s aggregates,
 * link states, detector health and alarms out. Driven by {@link DetectorProcessor.tick} with the
 * clock's now, so it runs the same under the simulator's virtual clock and live.
 *
 * Which intervals are open, held or closed, and what becomes of a report that comes after its
 * interval closed (folded into the interval closed last as a correction, or dropped and counted as
 * `late-report`): ./interval-window.ts. Health diagnosis and its alarms: ./health-watch.ts. Closed
 * intervals grouped into link states from the healthy loops, and the loops a loop is judged with:
 * ./link-flow.ts.
 */
import type {
  Clock,
  DetectorActuation,
  DetectorHealth,
  DetectorReport,
  Detector,
  Link,
} from '../../core/index.ts';
import type { DetectorState } from './detector-state.ts';
import { closeIntervals, foldCorrections, learnLinkShares, newDetectorState } from './detector-state.ts';
import type { HealthOptions } from './health.ts';
import { DEFAULT_HEALTH_OPTIONS } from './health.ts';
import type { AlarmItem, HealthItem } from './health-watch.ts';
import { watchHealth } from './health-watch.ts';
import { IntervalWindow } from './interval-window.ts';
import type { LaneAggregate } from './lane-aggregator.ts';
import type { ClosedIntervals, LinkFlowContext } from './link-flow.ts';
import { addClosed, healthyLinkStates, loopGroupOf, oldestFirst, stopLineData } from './link-flow.ts';
import type { LinkStateItem, StopLineTimingOf } from './link-state.ts';

/** A loop a phase calls may stand occupied through its red: stuck-on only beyond a cycle and this, s. */
const STUCK_ON_BEYOND_CYCLE_S = 30;

/** Options of a {@link DetectorProcessor}. */
export type DetectorProcessorOptions = {
  readonly clock: Clock;
  /** The region's detectors (scenario). */
  readonly detectors: readonly Detector[];
  /** Links the detectors sit on (others are ignored). */
  readonly links: readonly Link[];
  /** Aggregation interval, s. Default 30. */
  readonly intervalS?: number;
  /** How long after an interval ends late messages are still counted into it, ms. Default 2000. */
  readonly graceMs?: number;
  readonly health?: Partial<HealthOptions>;
  /**
   * Accept reports for intervals from this time on (default: the current interval). An edge that
   * replays its inbox journal after a restart sets it to the oldest journaled message, so intervals
   * that were received but never summarised are summarised now. A `lastClosedMs` takes precedence.
   */
  readonly acceptFromMs?: number;
  /**
   * Start of the interval the edge closed and sent last before it restarted, as it keeps it on disk:
   * reports for any later interval count (back to 15 min), one for it is folded in as a correction
   * (./interval-window.ts). Read {@link DetectorProcessor.lastClosed} to keep it.
   */
  readonly lastClosedMs?: number;
  /**
   * While this returns true no interval closes (health is still diagnosed): the runtime holds them
   * while the backlog its field session resumed with is draining (edge/ingest `SessionBacklog`).
   * Default: never held.
   */
  readonly holdIntervals?: () => boolean;
  /**
   * The recent green and cycle of the phase a stop-bar loop calls (the edge's signal side), for
   * links measured only at their stop line (link-state, control-delay). Default: unknown, so such
   * links get no speed.
   */
  readonly stopLineTiming?: StopLineTimingOf;
  /**
   * The signal unit (phase or stage) a loop calls, if any: the stuck-off test compares a loop with
   * the loops of its link that call the same unit (a left-turn pocket is not judged by the through
   * lanes). Default: none, every loop of the link is a neighbour.
   */
  readonly unitOf?: (detectorId: string) => string | undefined;
};

/** Why a detector message was not counted into any interval. */
export type DetectorDropReason = 'late-report' | 'late-actuation' | 'unknown-detector';

/** Counters of a {@link DetectorProcessor}. */
export type DetectorStats = {
  /** Reports counted into an interval still open. */
  readonly reports: number;
  /** Reports for the interval closed last, folded in and its link states sent again. */
  readonly lateFolded: number;
  readonly droppedByReason: Readonly<Partial<Record<DetectorDropReason, number>>>;
};

/** What the control strategies see of one detector. */
export type DetectorView = {
  readonly detectorId: string;
  readonly health: DetectorHealth;
  /** Healthy but held occupied by a standing queue for the stuck-on window (control leaves it out). */
  readonly heldByQueue: boolean;
  readonly latest: LaneAggregate | null;
  /** True while the loop is occupied (actuation source). */
  readonly occupied: boolean;
  /** Device time of the last `on` edge, or null. */
  readonly lastOnMs: number | null;
  /** Device time of the last `off` edge, or null. */
  readonly lastOffMs: number | null;
  /** Vehicles counted from actuations since the edge started. */
  readonly countTotal: number;
  /** Time the loop was occupied since the edge started, ms (actuation source). */
  readonly occupiedMsTotal: number;
};

/** Everything one {@link DetectorProcessor.tick} produced. */
export type DetectorTickOutput = {
  readonly aggregates: readonly LaneAggregate[];
  readonly linkStates: readonly LinkStateItem[];
  readonly healthChanges: readonly HealthItem[];
  readonly alarms: readonly AlarmItem[];
};

/** Detector processing for one region. */
export class DetectorProcessor {
  readonly #clock: Clock;
  readonly #health: HealthOptions;
  readonly #states = new Map<string, DetectorState>();
  readonly #flow: LinkFlowContext;
  readonly #groupOf: (detectorId: string) => string;
  readonly #startedMs: number;
  readonly #window: IntervalWindow;
  readonly #dropped: Partial<Record<DetectorDropReason, number>> = {};
  #reports = 0;
  #lateFolded = 0;

  constructor(options: DetectorProcessorOptions) {
    this.#clock = options.clock;
    const intervalS = options.intervalS ?? 30;
    this.#health = Object.freeze({ ...DEFAULT_HEALTH_OPTIONS, ...options.health });
    this.#groupOf = loopGroupOf(this.#states, options.unitOf);
    const linkIds = new Set(options.detectors.map((d) => d.linkId));
    this.#flow = {
      links: options.links.filter((l) => linkIds.has(l.id)),
      states: this.#states,
      stopLine: stopLineData(this.#states, options.stopLineTiming ?? (() => null)),
    };
    this.#startedMs = this.#clock.now();
    this.#window = new IntervalWindow({
      intervalMs: intervalS * 1000,
      graceMs: options.graceMs ?? 2000,
      startedMs: this.#startedMs,
      ...(options.acceptFromMs === undefined ? {} : { acceptFromMs: options.acceptFromMs }),
      ...(options.lastClosedMs === undefined ? {} : { lastClosedMs: options.lastClosedMs }),
      ...(options.holdIntervals === undefined ? {} : { holdIntervals: options.holdIntervals }),
    });
    for (const detector of options.detectors)
      this.#states.set(detector.id, newDetectorState(detector, intervalS, this.#startedMs));
  }

  /**
   * Feed a detector actuation edge; unknown detectors are ignored and reported false. An `on` edge
   * whose interval is closed still tells control the loop is occupied, but its vehicle is in no
   * interval's volume: counted as `late-actuation`.
   */
  onActuation(message: DetectorActuation): boolean {
    const s = this.#states.get(message.deviceId);
    if (s === undefined) return this.#drop('unknown-detector');
    s.usesActuations = true;
    s.lastHeardMs = this.#clock.now();
    if (message.state === 'on') s.lastOnMs = message.ts;
    if (!s.aggregator.actuation(message.state, message.ts)) this.#drop('late-actuation');
    return true;
  }

  /**
   * Feed a detector's own interval report (`replayed`: from the inbox journal, at start). Returns
   * false when it counts into no interval: an unknown detector, a closed interval other than the one
   * closed last (`late-report`), or, replayed, one closed before the restart (not counted again).
   */
  onReport(message: DetectorReport, options: { readonly replayed?: boolean } = {}): boolean {
    const s = this.#states.get(message.deviceId);
    if (s === undefined) return this.#drop('unknown-detector');
    s.lastHeardMs = this.#clock.now();
    const start = this.#window.intervalOf(message.intervalStart);
    const aggregate: LaneAggregate = {
      detectorId: message.deviceId,
      intervalStart: start,
      intervalS: message.intervalS,
      volume: message.volume,
      occupancyPct: message.occupancyPct,
      speedKmh: message.speedKmh,
      source: 'report',
      shortPulses: 0,
    };
    switch (this.#window.admit(aggregate, options.replayed === true)) {
      case 'open':
        s.reports.set(start, aggregate);
        this.#reports++;
        return true;
      case 'folded':
        this.#lateFolded++;
        return true;
      case 'late':
        return this.#drop('late-report');
      case 'closed-before':
        return false;
    }
  }

  /** A status (presence) message from a detector: it is alive even with no traffic. */
  onAlive(deviceId: string): void {
    const s = this.#states.get(deviceId);
    if (s !== undefined) s.lastHeardMs = this.#clock.now();
  }

  /**
   * Close every interval that ended (plus grace) and diagnose. Call at least once per interval.
   * Corrections for the interval closed last come first, so no link's state for an interval ever
   * follows one of a later interval.
   */
  tick(): DetectorTickOutput {
    const nowMs = this.#clock.now();
    const { closeUntil, corrections } = this.#window.closing(nowMs);
    const intervalMs = this.#window.intervalMs;
    const aggregates: LaneAggregate[] = [];
    const closed: ClosedIntervals = new Map();
    // The interval closed last, as its detectors have it now with the late reports folded in.
    const correctedInterval = foldCorrections(this.#states, corrections, this.#window.lastClosed);
    aggregates.push(...corrections);
    for (const s of this.#states.values()) {
      for (const a of closeIntervals(s, closeUntil, intervalMs)) {
        aggregates.push(a);
        addClosed(closed, s.detector.id, a);
      }
    }
    this.#window.closed(closeUntil);
    const { healthChanges, alarms } = watchHealth(this.#states, {
      nowMs,
      closedUntilMs: this.#window.closedUntil,
      watchingSinceMs: this.#startedMs,
      options: this.#health,
      groupOf: this.#groupOf,
      stuckOnS: (id) => {
        const cycleS = this.#flow.stopLine.timingOf(id)?.cycleS;
        return cycleS === undefined ? undefined : cycleS + STUCK_ON_BEYOND_CYCLE_S;
      },
    });
    const intervals = oldestFirst(closed);
    // Each healthy loop's usual share of its link, for the next stuck-off test (after this one's).
    for (const m of intervals) learnLinkShares(this.#states, m, this.#groupOf);
    // Links with a correction first, then every link for each interval closed now, oldest first.
    const correctedLinks = new Set(corrections.map((a) => this.#states.get(a.detectorId)?.detector.linkId));
    const linkStates = healthyLinkStates(this.#flow, correctedInterval, correctedLinks);
    for (const m of intervals) linkStates.push(...healthyLinkStates(this.#flow, m));
    return { aggregates, linkStates, healthChanges, alarms };
  }

  /** Start of the newest closed interval (its link states sent), or null before any closed. */
  get lastClosed(): number | null {
    return this.#window.lastClosed;
  }

  /**
   * Start of the newest interval this processor takes as closed: the one closed last, or before any
   * closed, the one before the first interval it opened (it will never send anything for it).
   */
  get closedThrough(): number {
    return this.#window.lastClosed ?? this.#window.closedUntil - this.#window.intervalMs;
  }

  /** Counters so far. */
  stats(): DetectorStats {
    return { reports: this.#reports, lateFolded: this.#lateFolded, droppedByReason: { ...this.#dropped } };
  }

  #drop(reason: DetectorDropReason): false {
    this.#dropped[reason] = (this.#dropped[reason] ?? 0) + 1;
    return false;
  }

  /** Current view of one detector for control, or undefined when not in the region. */
  view(detectorId: string): DetectorView | undefined {
    const s = this.#states.get(detectorId);
    if (s === undefined) return undefined;
    return {
      detectorId,
      health: s.health,
      heldByQueue: s.heldByQueue,
      latest: s.history[s.history.length - 1] ?? null,
      occupied: s.aggregator.occupiedSince !== null,
      lastOnMs: s.lastOnMs,
      lastOffMs: s.aggregator.lastOffMs,
      countTotal: s.aggregator.countTotal,
      occupiedMsTotal: s.aggregator.occupiedMsTotal(this.#clock.now()),
    };
  }

  /** Views of every detector of the region. */
  views(): DetectorView[] {
    return [...this.#states.keys()].map((id) => this.view(id)).filter((v) => v !== undefined);
  }

  /** The current health of every detector, for the periodic uplink. */
  healthItems(): HealthItem[] {
    return [...this.#states.values()].map((s) => ({
      type: 'detector-health',
      detectorId: s.detector.id,
      health: s.health,
      since: s.healthSince,
    }));
  }
}
