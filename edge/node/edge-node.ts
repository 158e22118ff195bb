/**
 * @module edge/node/edge-node
 * One region's edge: field messages in (validated once by ingest), detector processing, bus tracking,
 * adaptive control of every signal of the region with transit priority, and summaries out to the
 * uplink. Technology-free: MQTT, OPC UA and SQLite are passed in as ports by the entry point, so the
 * simulator and tests drive the very same node with a virtual clock.
 */
import {
  busRegionOf,
  visitingBusRegions,
  type BusPosition,
  type Clock,
  type Message,
  type Scenario,
  type SignalCommandResult,
  type TimerHandle,
  type UplinkItem,
} from '../../core/index.ts';
import type { IntersectionControl, TspRequest } from '../adaptive/index.ts';
import { BusTracker, RouteCatalog } from '../bus-tracking/index.ts';
import { DetectorProcessor, type DetectorStats } from '../detectors/index.ts';
import type { MessageGuard } from '../../core/security/index.ts';
import { Ingest } from '../ingest/index.ts';
import type { IngestResult, IngestStats } from '../ingest/index.ts';
import type { ControllerLink } from './controller-link.ts';
import { OperatorCommands, type OperatorCommandStats } from './operator-commands.ts';
import { DEFAULT_TSP_MIN_LATE_S, SignalSupervisor } from './signal-supervisor.ts';
import type { BusOnRoad } from './tsp-locator.ts';

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
   * headway-based trip the headway lateness; -Infinity gives every approaching bus priority.
   * Default `DEFAULT_TSP_MIN_LATE_S`.
   */
  readonly tspMinLateS?: number;
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
};

/** Counters of a node. */
export type EdgeNodeStats = {
  readonly ingest: IngestStats;
  /** Valid detector messages and what became of them: late reports folded in, or dropped by reason. */
  readonly detectors: DetectorStats;
  readonly busFixesRejected: Readonly<Record<string, number>>;
  readonly busesTracked: number;
  /** Buses of neighbouring regions' routes tracked for priority at this region's signals only. */
  readonly busesVisiting: number;
  /** Bus fixes that placed a priority request at one of this region's signals, by whose bus it was. */
  readonly priorityFixes: { readonly home: number; readonly visiting: number };
  /** Of those, the fixes whose bus was late enough for the priority rule (`tspMinLateS`). */
  readonly lateFixes: { readonly home: number; readonly visiting: number };
  readonly commandsSent: number;
  readonly uplinkItems: number;
  /** Operator commands from the center: accepted, rejected and dropped by reason. */
  readonly operatorCommands: OperatorCommandStats;
};

const TSP_REQUEST_TTL_MS = 10_000;

/** The edge node of one region. */
export class EdgeNode {
  readonly #options: EdgeNodeOptions;
  readonly #clock: Clock;
  readonly #ingest: Ingest;
  readonly #detectors: DetectorProcessor;
  readonly #buses: BusTracker | null;
  /** Buses of other regions' routes, heard on their regions' topics for priority only (null: TSP off). */
  readonly #visitors: BusTracker | null;
  readonly #visitingRoutes: ReadonlySet<string>;
  readonly #visitingRegions: readonly string[];
  readonly #signals: SignalSupervisor;
  readonly #operator: OperatorCommands;
  readonly #lastProgressMs = new Map<string, number>();
  readonly #tsp = new Map<string, { intersectionId: string; request: TspRequest; atMs: number }>();
  readonly #priorityFixes = { home: 0, visiting: 0 };
  readonly #lateFixes = { home: 0, visiting: 0 };
  readonly #tspMinLateS: number;
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
    this.#tspMinLateS = options.tspMinLateS ?? DEFAULT_TSP_MIN_LATE_S;
    this.#visitingRegions = tsp ? visitingBusRegions(scenario, region) : [];
    this.#visitingRoutes = new Set(
      (scenario.transit?.routes ?? [])
        .map((r) => r.id)
        .filter((id) => this.#visitingRegions.includes(busRegionOf(scenario, id))),
    );
    this.#ingest = new Ingest({
      region,
      visitingBusRegions: this.#visitingRegions,
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
      stopLineTiming: (detectorId) => this.#signals.stopLineTiming(detectorId),
    });
    const catalog = scenario.transit === undefined ? null : new RouteCatalog(scenario.transit);
    this.#buses = catalog === null ? null : new BusTracker(catalog);
    this.#visitors = catalog === null || this.#visitingRoutes.size === 0 ? null : new BusTracker(catalog);
    this.#signals = new SignalSupervisor({
      scenario,
      region,
      strategy: options.strategy,
      tsp,
      tspMinLateS: this.#tspMinLateS,
      controllers: options.controllers,
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
    return this.#visitingRegions;
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
        this.#onFix(message);
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
    const tspByIntersection = new Map<string, TspRequest[]>();
    for (const [vehicleId, t] of this.#tsp) {
      if (nowMs - t.atMs > TSP_REQUEST_TTL_MS) {
        this.#tsp.delete(vehicleId);
        continue;
      }
      const list = tspByIntersection.get(t.intersectionId) ?? [];
      list.push(t.request);
      tspByIntersection.set(t.intersectionId, list);
    }
    items.push(...this.#signals.step(nowMs, samples, tspByIntersection));
    if (nowMs - this.#lastSignalStateMs >= (this.#options.signalStatePeriodMs ?? 30_000)) {
      this.#lastSignalStateMs = nowMs;
      items.push(...this.#signals.signalStates());
    } else if (this.#options.signalTimingOnChange === true) {
      items.push(...this.#signals.changedSignalStates());
    }
    for (const vehicleId of this.#buses?.expire(nowMs) ?? []) {
      this.#lastProgressMs.delete(vehicleId);
      this.#tsp.delete(vehicleId);
    }
    for (const vehicleId of this.#visitors?.expire(nowMs) ?? []) this.#tsp.delete(vehicleId);
    const onClosed = this.#options.onIntervalsClosed;
    this.#emit(items, newlyClosed !== null && onClosed !== undefined);
    if (newlyClosed !== null) onClosed?.(newlyClosed);
  }

  /** Counters so far. */
  stats(): EdgeNodeStats {
    return {
      ingest: this.#ingest.stats(),
      detectors: this.#detectors.stats(),
      busFixesRejected: this.#buses?.rejected() ?? {},
      busesTracked: this.#buses?.size ?? 0,
      busesVisiting: this.#visitors?.size ?? 0,
      priorityFixes: { ...this.#priorityFixes },
      lateFixes: { ...this.#lateFixes },
      commandsSent: this.#signals.commandsSent,
      uplinkItems: this.#uplinkItems,
      operatorCommands: this.#operator.stats(),
    };
  }

  #onFix(fix: BusPosition): void {
    if (this.#buses === null) return;
    const nowMs = this.#clock.now();
    if (fix.routeId !== null && this.#visitingRoutes.has(fix.routeId)) {
      this.#onVisitor(fix, nowMs);
      return;
    }
    const r = this.#buses.onFix(fix, nowMs);
    if (!r.accepted) return;
    const items: UplinkItem[] = [...r.stopEvents, ...r.segmentTimes];
    const last = this.#lastProgressMs.get(fix.vehicleId);
    if (
      last === undefined ||
      nowMs - last >= (this.#options.busProgressPeriodMs ?? 10_000) ||
      r.stopEvents.length > 0
    ) {
      this.#lastProgressMs.set(fix.vehicleId, nowMs);
      items.push(r.progress);
    }
    this.#locate({ ...r.progress, headwayLatenessS: r.headwayLatenessS }, nowMs, 'home');
    this.#emit(items);
  }

  /**
   * A neighbouring region's bus near this region's signals: tracked here for priority only. Its home
   * region's edge reports its progress and stop events to the center, so nothing goes on the uplink.
   */
  #onVisitor(fix: BusPosition, nowMs: number): void {
    const r = this.#visitors?.onFix(fix, nowMs);
    if (r?.accepted === true)
      this.#locate({ ...r.progress, headwayLatenessS: r.headwayLatenessS }, nowMs, 'visiting');
  }

  #locate(bus: BusOnRoad, nowMs: number, whose: 'home' | 'visiting'): void {
    const located = this.#signals.locateBus(bus);
    if (located === null) {
      this.#tsp.delete(bus.vehicleId);
      return;
    }
    this.#tsp.set(bus.vehicleId, { ...located, atMs: nowMs });
    this.#priorityFixes[whose]++;
    if (located.request.lateS >= this.#tspMinLateS) this.#lateFixes[whose]++;
  }

  #emit(items: readonly UplinkItem[], durable = false): void {
    if (items.length === 0) return;
    this.#uplinkItems += items.length;
    if (durable) this.#options.uplink.enqueue(items, { durable: true });
    else this.#options.uplink.enqueue(items);
  }
}
