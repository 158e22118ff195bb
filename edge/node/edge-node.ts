/**
 * @module edge/node/edge-node
 * One region's edge: field messages in (validated once by ingest), detector processing, bus tracking,
 * adaptive control of every signal of the region with transit priority, and summaries out to the
 * uplink. Technology-free: MQTT, OPC UA and SQLite are passed in as ports by the entry point, so the
 * simulator and tests drive the very same node with a virtual clock.
 */
import {
  detectorHealth,
  type Clock,
  type DetectorHealth,
  type Message,
  type Scenario,
  type SignalCommandResult,
  type TimerHandle,
  type UplinkItem,
} from '../../core/index.ts';
import { tspRuleOptions, type IntersectionControl, type TspRule } from '../adaptive/index.ts';
import { DetectorProcessor, type DetectorStats } from '../detectors/index.ts';
import type { MessageGuard } from '../../core/security/index.ts';
import { Ingest } from '../ingest/index.ts';
import type { IngestResult, IngestStats } from '../ingest/index.ts';
import { BusSide, type BusSideStats } from './bus-side.ts';
import type { ControllerLink } from './controller-link.ts';
import { OperatorCommands, type OperatorCommandStats } from './operator-commands.ts';
import { DEFAULT_TSP_MIN_LATE_S, SignalSupervisor, type StepTimer } from './signal-supervisor.ts';

/**
 * Where the node's summaries go (the store-and-forward uplink). With `durable` they are on disk when
 * the call returns: the node asks for it when a record of the intervals they close follows.
 */
export type UplinkSink = {
  enqueue(items: readonly UplinkItem[], options?: { readonly durable?: boolean }): void;
};

/** Options of an {@link EdgeNode}. */
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
  readonly tspMinLateS?: TspRule;
  readonly controllers: ReadonlyMap<string, ControllerLink>;
  readonly uplink: UplinkSink;
  /** Control step period, ms. Default 1000. */
  readonly controlPeriodMs?: number;
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

/** The edge node of one region. */
export class EdgeNode {
  readonly #options: EdgeNodeOptions;
  readonly #clock: Clock;
  readonly #ingest: Ingest;
  readonly #detectors: DetectorProcessor;
  readonly #buses: BusSide;
  readonly #signals: SignalSupervisor;
  readonly #operator: OperatorCommands;
  #timer: TimerHandle | null = null;
  #lastSignalStateMs = 0;
  #uplinkItems = 0;

  constructor(options: EdgeNodeOptions) {
    this.#options = options;
    this.#clock = options.clock;
    const { scenario, region } = options;
    if (!scenario.regions.some((r) => r.id === region)) {
      throw new Error(`region ${region} is not in scenario ${scenario.id}`);
    }
    const log = options.log;
    const tsp = options.tsp ?? false;
    const tspMinLateS = options.tspMinLateS ?? DEFAULT_TSP_MIN_LATE_S;
    this.#buses = new BusSide({
      scenario,
      region,
      tsp,
      tspMinLateS: tspRuleOptions(tspMinLateS).minLateS,
      locate: (bus) => this.#signals.locateBus(bus),
      ...(options.busProgressPeriodMs === undefined ? {} : { progressPeriodMs: options.busProgressPeriodMs }),
    });
    this.#ingest = new Ingest({
      region,
      visitingBusRegions: this.#buses.visitingRegions,
      clock: this.#clock,
      ...(options.guard === undefined ? {} : { guard: options.guard }),
      ...(log === undefined
        ? {}
        : {
            onFirstRejection: (reason, topic, issues) =>
              log(`dropped ${reason} on ${topic}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`),
          }),
    });
    const detectors = scenario.detectors.filter((d) => d.region === region);
    this.#detectors = new DetectorProcessor({
      clock: this.#clock,
      detectors,
      links: scenario.network.links,
      ...(options.replayFromMs === undefined ? {} : { acceptFromMs: options.replayFromMs - 60_000 }),
      ...(options.holdIntervals === undefined ? {} : { holdIntervals: options.holdIntervals }),
      ...(options.lastClosedIntervalMs === undefined ? {} : { lastClosedMs: options.lastClosedIntervalMs }),
      stopLineTiming: (detectorId) => this.#signals.detectorSignals.stopLineTiming(detectorId),
      unitOf: (detectorId) => this.#signals.detectorSignals.unitOf(detectorId),
    });
    this.#signals = new SignalSupervisor({
      scenario,
      region,
      strategy: options.strategy,
      tsp,
      tspMinLateS,
      controllers: options.controllers,
      ...(options.stepTimer === undefined ? {} : { stepTimer: options.stepTimer }),
    });
    this.#operator = new OperatorCommands({
      region,
      edgeId: options.edgeId ?? `edge-${region}`,
      clock: this.#clock,
      signals: this.#signals,
      ...(log === undefined
        ? {}
        : {
            onFirstDrop: (reason, topic, issues) =>
              log(
                `dropped command (${reason}) on ${topic}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
              ),
          }),
    });
  }

  /**
   * The neighbouring regions whose bus topics this edge also needs (its subscription adds
   * `its/v1/<r>/bus/+` for each): their routes drive up to this region's signals. Empty with TSP off.
   */
  get visitingBusRegions(): readonly string[] {
    return this.#buses.visitingRegions;
  }

  /** The control loops of the region's intersections. */
  get controls(): readonly IntersectionControl[] {
    return this.#signals.controls;
  }

  /** Handle one MQTT message (topic and raw payload); bad input is counted and dropped. */
  handle(topic: string, payload: Uint8Array | string): void {
    const r = this.accept(topic, payload);
    if (r.ok) this.handleMessage(r.message);
  }

  /**
   * Handle one message replayed from the inbox journal at start: as {@link handle}, but a detector
   * report for an interval closed before the restart was dealt with then, and is not counted again.
   */
  replay(topic: string, payload: Uint8Array | string): void {
    const r = this.accept(topic, payload);
    if (!r.ok) return;
    if (r.message.kind === 'det.report') this.#detectors.onReport(r.message, { replayed: true });
    else this.handleMessage(r.message);
  }

  /**
   * The parse step alone: validate one MQTT message once (topic, schema, device binding, duplicates,
   * replay guard), counting a rejection by reason. The caller applies an accepted message with
   * {@link handleMessage}, after journaling it if it must survive a crash.
   */
  accept(topic: string, payload: Uint8Array | string): IngestResult {
    return this.#ingest.accept(topic, payload);
  }

  /** The apply step: an already validated message (from {@link accept}, or the simulator's in-process path). */
  handleMessage(message: Message): void {
    switch (message.kind) {
      case 'det.actuation':
        this.#detectors.onActuation(message);
        return;
      case 'det.report':
        this.#detectors.onReport(message);
        return;
      case 'status':
        this.#detectors.onAlive(message.deviceId);
        return;
      case 'bus.position':
        this.#emit(this.#buses.onFix(message, this.#clock.now()));
        return;
      case 'spat':
      case 'tap':
      case 'toll.pass':
      case 'edge.batch':
      case 'uplink.ack':
      case 'signal.command':
      case 'signal.command.result':
      case 'settlement.batch':
      case 'settlement.ack':
        return;
      default: {
        const never: never = message;
        throw new Error(`unhandled message ${JSON.stringify(never)}`);
      }
    }
  }

  /**
   * Handle one operator command (core `signal.command`, from the center's broker): the answer to
   * publish (`signal.command.result`, accepted or rejected with a reason), or null when the message
   * was not a valid command for this region (dropped and counted by reason).
   */
  command(topic: string, payload: Uint8Array | string): SignalCommandResult | null {
    return this.#operator.receive(topic, payload);
  }

  /** Start the periodic control and summary loop on the clock. */
  start(): void {
    if (this.#timer === null)
      this.#timer = this.#clock.setInterval(() => this.tick(), this.#options.controlPeriodMs ?? 1000);
  }

  stop(): void {
    if (this.#timer !== null) this.#clock.clear(this.#timer);
    this.#timer = null;
  }

  /** One step: close detector intervals, control every signal, expire buses, send summaries. */
  tick(): void {
    const nowMs = this.#clock.now();
    const closedBefore = this.#detectors.lastClosed;
    const out = this.#detectors.tick();
    const closed = this.#detectors.lastClosed;
    const newlyClosed = closed !== null && closed !== closedBefore ? closed : null;
    const items: UplinkItem[] = [...out.linkStates, ...out.healthChanges, ...out.alarms];
    const samples = new Map(this.#detectors.views().map((v) => [v.detectorId, v]));
    items.push(...this.#signals.step(nowMs, samples, this.#buses.requests(nowMs)));
    if (nowMs - this.#lastSignalStateMs >= (this.#options.signalStatePeriodMs ?? 30_000)) {
      this.#lastSignalStateMs = nowMs;
      items.push(...this.#signals.signalStates());
    } else if (this.#options.signalTimingOnChange === true) {
      items.push(...this.#signals.changedSignalStates());
    }
    this.#buses.expire(nowMs);
    const onClosed = this.#options.onIntervalsClosed;
    this.#emit(items, newlyClosed !== null && onClosed !== undefined);
    if (newlyClosed !== null) onClosed?.(newlyClosed);
  }

  /** Counters so far. */
  stats(): EdgeNodeStats {
    return {
      ingest: this.#ingest.stats(),
      detectors: this.#detectors.stats(),
      detectorHealth: this.#healthCounts(),
      ...this.#buses.stats(),
      commandsSent: this.#signals.commandsSent,
      uplinkItems: this.#uplinkItems,
      operatorCommands: this.#operator.stats(),
    };
  }

  #healthCounts(): Record<DetectorHealth, number> {
    const counts = Object.fromEntries(detectorHealth.options.map((h) => [h, 0])) as Record<
      DetectorHealth,
      number
    >;
    for (const item of this.#detectors.healthItems()) counts[item.health]++;
    return counts;
  }

  #emit(items: readonly UplinkItem[], durable = false): void {
    if (items.length === 0) return;
    this.#uplinkItems += items.length;
    if (durable) this.#options.uplink.enqueue(items, { durable: true });
    else this.#options.uplink.enqueue(items);
  }
}
