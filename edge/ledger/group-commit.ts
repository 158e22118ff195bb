/**
 * @module edge/ledger/group-commit
 * Group commit for the ledger: messages from the broker are buffered and recorded in one durable
 * transaction when the buffer is full or the oldest has waited `maxDelayMs`; only then is each one
 * acknowledged (MQTT PUBACK), so an acknowledged message is on disk and an unacknowledged one will be
 * redelivered and recorded once. One fsync per group is what makes 20,000 taps/s possible.
 */
import type { Clock, TimerHandle } from '../../core/clock/index.ts';
import { ConfigError } from '../../core/errors/index.ts';
import type { RatedMessage } from './holder-book.ts';
import type { IngestResult, Ledger } from './ledger.ts';

/** Options of {@link GroupCommitter}. */
export type GroupCommitOptions = {
  /** Commit when this many messages wait. Default 1000. */
  readonly maxMessages?: number;
  /** Commit when the oldest waiting message has waited this long. Default 50 ms. */
  readonly maxDelayMs?: number;
};

/** Frozen defaults of {@link GroupCommitOptions}. */
export const DEFAULT_GROUP_COMMIT_OPTIONS = Object.freeze({ maxMessages: 1000, maxDelayMs: 50 });

type Waiting = { readonly message: RatedMessage; readonly ack: (error: Error | null) => void };

/** Buffers messages and records them in groups, acknowledging each after its group is durable. */
export class GroupCommitter {
  readonly #ledger: Pick<Ledger, 'ingest'>;
  readonly #clock: Clock;
  readonly #maxMessages: number;
  readonly #maxDelayMs: number;
  #waiting: Waiting[] = [];
  #timer: TimerHandle | null = null;
  /** Groups committed and messages acknowledged. */
  readonly counters = { groups: 0, acknowledged: 0, failedGroups: 0 };

  constructor(ledger: Pick<Ledger, 'ingest'>, clock: Clock, options: GroupCommitOptions = {}) {
    const o = { ...DEFAULT_GROUP_COMMIT_OPTIONS, ...options };
    if (!Number.isInteger(o.maxMessages) || o.maxMessages < 1)
      throw new ConfigError('maxMessages', `must be a positive integer, got ${o.maxMessages}`);
    if (!(o.maxDelayMs >= 0)) throw new ConfigError('maxDelayMs', `must be >= 0, got ${o.maxDelayMs}`);
    this.#ledger = ledger;
    this.#clock = clock;
    this.#maxMessages = o.maxMessages;
    this.#maxDelayMs = o.maxDelayMs;
  }

  /** Queue a message; `ack(null)` runs once it is durable, `ack(error)` if its group failed. */
  submit(message: RatedMessage, ack: (error: Error | null) => void): void {
    this.#waiting.push({ message, ack });
    if (this.#waiting.length >= this.#maxMessages) this.flush();
    else if (this.#timer === null) this.#timer = this.#clock.setTimeout(() => this.flush(), this.#maxDelayMs);
  }

  /** Commit what waits now; returns the ingest result, or null when nothing waited. */
  flush(): IngestResult | null {
    if (this.#timer !== null) {
      this.#clock.clear(this.#timer);
      this.#timer = null;
    }
    const group = this.#waiting;
    if (group.length === 0) return null;
    this.#waiting = [];
    let result: IngestResult;
    try {
      result = this.#ledger.ingest(group.map((w) => w.message));
    } catch (err) {
      this.counters.failedGroups += 1;
      const error = err instanceof Error ? err : new Error(String(err));
      for (const w of group) w.ack(error);
      return null;
    }
    this.counters.groups += 1;
    this.counters.acknowledged += group.length;
    for (const w of group) w.ack(null);
    return result;
  }

  /** Messages waiting for their group. */
  get pending(): number {
    return this.#waiting.length;
  }
}
