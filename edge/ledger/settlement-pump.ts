/**
 * @module edge/ledger/settlement-pump
 * Sends an edge ledger's settlement batches to the center, one at a time: the oldest unacknowledged
 * batch is resent after `resendAfterMs`, then after twice as long each time up to `maxResendAfterMs`,
 * until the center's `settlement.ack` arrives (the center is idempotent on the batch id, so a resend
 * counts once; the back-off keeps an edge whose center is away from flooding the broker); an acknowledgement settles the batch in the
 * ledger and the next batch goes out at once. Transport-free: `publish` is given by the MQTT adapter.
 */
import type { Clock, TimerHandle } from '../../core/clock/index.ts';
import { ConfigError } from '../../core/errors/index.ts';
import type { SettlementAck, SettlementBatch } from '../../core/messages/index.ts';
import type { Ledger } from './ledger.ts';
import type { AckOutcome } from './settlement.ts';

/** Options of {@link SettlementPump}. */
export type SettlementPumpOptions = {
  readonly ledger: Pick<Ledger, 'nextSettlementBatch' | 'acknowledge'>;
  readonly clock: Clock;
  /** Hand a batch to the transport (QoS 1); failures are covered by the resend. */
  readonly publish: (batch: SettlementBatch) => void;
  /** Resend the batch in flight when unacknowledged this long. Default 2000 ms. */
  readonly resendAfterMs?: number;
  /** Longest wait between resends of one batch. Default 60,000 ms. */
  readonly maxResendAfterMs?: number;
  /** How often to look for new entries to batch. Default 250 ms. */
  readonly pollMs?: number;
};

/** Frozen defaults of {@link SettlementPumpOptions}. */
export const DEFAULT_SETTLEMENT_PUMP_OPTIONS = Object.freeze({
  resendAfterMs: 2000,
  maxResendAfterMs: 60_000,
  pollMs: 250,
});

/** Drives settlement batches out and acknowledgements in. */
export class SettlementPump {
  readonly #ledger: SettlementPumpOptions['ledger'];
  readonly #clock: Clock;
  readonly #publish: SettlementPumpOptions['publish'];
  readonly #resendAfterMs: number;
  readonly #maxResendAfterMs: number;
  readonly #pollMs: number;
  #inFlight: { batchId: string; sentMs: number; waitMs: number } | null = null;
  #timer: TimerHandle | null = null;
  /** Batches sent (first sends and resends) and acknowledgements by outcome. */
  readonly counters = { sent: 0, resent: 0, acks: new Map<AckOutcome, number>() };

  constructor(options: SettlementPumpOptions) {
    const o = { ...DEFAULT_SETTLEMENT_PUMP_OPTIONS, ...options };
    if (!(o.resendAfterMs > 0)) throw new ConfigError('resendAfterMs', `must be > 0, got ${o.resendAfterMs}`);
    if (!(o.pollMs > 0)) throw new ConfigError('pollMs', `must be > 0, got ${o.pollMs}`);
    this.#ledger = o.ledger;
    this.#clock = o.clock;
    this.#publish = o.publish;
    this.#resendAfterMs = o.resendAfterMs;
    this.#maxResendAfterMs = Math.max(o.resendAfterMs, o.maxResendAfterMs);
    this.#pollMs = o.pollMs;
  }

  /** Poll every `pollMs` until {@link SettlementPump.stop}. */
  start(): void {
    if (this.#timer === null) this.#timer = this.#clock.setInterval(() => this.poll(), this.#pollMs);
  }

  stop(): void {
    if (this.#timer !== null) this.#clock.clear(this.#timer);
    this.#timer = null;
  }

  /** Send the next batch if none is in flight, or resend the one in flight once it is overdue. */
  poll(): void {
    const now = this.#clock.now();
    const inFlight = this.#inFlight;
    if (inFlight !== null && now - inFlight.sentMs < inFlight.waitMs) return;
    const batch = this.#ledger.nextSettlementBatch();
    if (batch === null) {
      this.#inFlight = null;
      return;
    }
    let waitMs = this.#resendAfterMs;
    if (inFlight?.batchId === batch.id) {
      this.counters.resent += 1;
      waitMs = Math.min(this.#maxResendAfterMs, inFlight.waitMs * 2);
    } else this.counters.sent += 1;
    this.#inFlight = { batchId: batch.id, sentMs: now, waitMs };
    this.#publish(batch);
  }

  /** Apply the center's acknowledgement; on settlement send the next batch right away. */
  onAck(ack: SettlementAck): AckOutcome {
    const outcome = this.#ledger.acknowledge(ack);
    this.counters.acks.set(outcome, (this.counters.acks.get(outcome) ?? 0) + 1);
    if ((outcome === 'settled' || outcome === 'already-settled') && this.#inFlight?.batchId === ack.batchId) {
      this.#inFlight = null;
      this.poll();
    }
    return outcome;
  }

  /** Whether a batch waits for its acknowledgement. */
  get inFlight(): boolean {
    return this.#inFlight !== null;
  }
}
