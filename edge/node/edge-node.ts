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
  type SignalCommandResult,
  type TimerHandle,
  type UplinkItem,
} from '../../core/index.ts';
import type { IntersectionControl } from '../adaptive/index.ts';
import type { DetectorProcessor } from '../detectors/index.ts';
import type { Ingest, IngestResult } from '../ingest/index.ts';
import type { BusSide } from './bus-side.ts';
import type { EdgeNodeOptions, EdgeNodeStats } from './edge-node-options.ts';
import { composeNodeParts } from './node-parts.ts';
import type { OperatorCommands } from './operator-commands.ts';
import type { SignalSupervisor } from './signal-supervisor.ts';

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
    const parts = composeNodeParts(options);
    this.#ingest = parts.ingest;
    this.#detectors = parts.detectors;
    this.#buses = parts.buses;
    this.#signals = parts.signals;
    this.#operator = parts.operator;
    // No mark given (a first start, or a new disk): the interval before the first one this node opens
    // is recorded at once, so a restart reopens every interval this run could have counted, even when
    // it closed none and journaled nothing before it went down.
    if (options.lastClosedIntervalMs === undefined)
      options.onIntervalsClosed?.(this.#detectors.closedThrough);
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
