/**
 * @module edge/node/edge-node-options
 * What an `EdgeNode` (./edge-node.ts) is given (the region, its strategy and priority rule, its
 * controllers, the uplink it feeds, timings, the runtime's hooks) and the counters it reports.
 */
import type { Clock, DetectorHealth, Scenario, UplinkItem } from '../../core/index.ts';
import type { MessageGuard } from '../../core/security/index.ts';
import type { TspRule } from '../adaptive/index.ts';
import type { DetectorStats } from '../detectors/index.ts';
import type { IngestStats } from '../ingest/index.ts';
import type { BusSideStats } from './bus-side.ts';
import type { ControllerLink } from './controller-link.ts';
import type { OperatorCommandStats } from './operator-commands.ts';
import type { StepTimer } from './signal-supervisor.ts';

/**
 * Where the node's summaries go (the store-and-forward uplink). With `durable` they are on disk when
 * the call returns: the node asks for it when a record of the intervals they close follows.
 */
export type UplinkSink = {
  enqueue(items: readonly UplinkItem[], options?: { readonly durable?: boolean }): void;
};

/** Options of an `EdgeNode`. */
export type EdgeNodeOptions = {
  readonly scenario: Scenario;
  readonly region: string;
  /** Edge id in the answers to operator commands. Default `edge-<region>`. */
  readonly edgeId?: string;
  readonly clock: Clock;
  readonly strategy: string;
  readonly tsp?: boolean;
  /**
   * With `tsp`: only buses at least this late get priority, s: the schedule deviation, or on a
   * headway-based trip the headway lateness; -Infinity gives every approaching bus priority; a
   * tiered rule gives every bus an extension and early green from its `minLateS`.
   * Default `DEFAULT_TSP_MIN_LATE_S`.
   */
  readonly tspRule?: TspRule;
  readonly controllers: ReadonlyMap<string, ControllerLink>;
  readonly uplink: UplinkSink;
  /** Control step period, ms. Default 1000. */
  readonly controlPeriodMs?: number;
  /**
   * How long after an interval ends its loops' late reports still count into it, ms of `clock`.
   * Default 2000 (edge/detectors). A faster clock leaves less wall time for a report's way here.
   */
  readonly detectorGraceMs?: number;
  /** Signal-state summary period, ms. Default 30 000. */
  readonly signalStatePeriodMs?: number;
  /**
   * Also send an intersection's summary, with its units' live timing, whenever its set of green
   * units changes, for a center that reads a bus's wait at the stop line ahead from it (arrival
   * prediction's `signalUse`). Default false: on the demo city it nearly doubles the uplink batches
   * (one a second instead of only when buses report) and the prediction gains nothing from it yet
   * (center/README "Arrival prediction").
   */
  readonly signalTimingOnChange?: boolean;
  /** Bus progress is sent at most this often per bus, ms. Default 10 000. */
  readonly busProgressPeriodMs?: number;
  readonly log?: (line: string) => void;
  /** Oldest message about to be replayed from the inbox journal, epoch ms (see DetectorProcessor). */
  readonly replayFromMs?: number;
  /** Anti-replay checks on field messages (core/security `MessageGuard`, `bindIdentity: false`); absent = off. */
  readonly guard?: MessageGuard;
  /**
   * While this returns true no detector interval closes (edge/detectors `holdIntervals`): the runtime
   * holds them while its field session's backlog drains. Default: never held.
   */
  readonly holdIntervals?: () => boolean;
  /**
   * Start of the detector interval this region's edge closed and sent last before it restarted (the
   * runtime keeps it in SQLite): reports for any later interval count (edge/detectors `lastClosedMs`).
   */
  readonly lastClosedIntervalMs?: number;
  /**
   * Called after a step that closed detector intervals, with the start of the newest, once that
   * step's link states are durable in the uplink (enqueued with `durable`): the runtime records it.
   * Also called once at construction when no `lastClosedIntervalMs` is given, with the interval before
   * the first one the node opens: nothing will be sent for it, and a restart reopens what follows.
   */
  readonly onIntervalsClosed?: (intervalStartMs: number) => void;
  /** Times each intersection's control step (the runtime's metrics endpoint); absent = not timed. */
  readonly stepTimer?: StepTimer;
};

/** Counters of a node. */
export type EdgeNodeStats = BusSideStats & {
  readonly ingest: IngestStats;
  /** Valid detector messages and what became of them: late reports folded in, or dropped by reason. */
  readonly detectors: DetectorStats;
  /** The region's detectors by their current health. */
  readonly detectorHealth: Readonly<Record<DetectorHealth, number>>;
  readonly commandsSent: number;
  readonly uplinkItems: number;
  /** Operator commands from the center: accepted, rejected and dropped by reason. */
  readonly operatorCommands: OperatorCommandStats;
};
