/**
 * @module edge/ingest/session-backlog
 * Whether the backlog a field session resumed with is still arriving. An edge connects with a fixed
 * client id and clean session false, so the broker queues QoS 1 messages while it is away (MQTT 3.1.1
 * §3.1.2.4) and sends them right after the CONNACK, as fast as the edge acknowledges them and no
 * faster than the broker's in-flight window allows (Mosquitto `max_inflight_messages`, the socket's
 * buffers for aedes). Nothing in MQTT marks the end of that queue, and the broker may interleave it
 * with live traffic, so it is read from the messages themselves: a message whose device timestamp is
 * older than the (re)connect was published while the edge was away. The backlog is taken as drained
 * once none has arrived for `quietMs`, or after `maxHoldMs` at most (a device whose clock runs behind
 * looks like backlog for as long as it lags).
 *
 * The edge holds its detector intervals open meanwhile (edge/detectors `holdIntervals`), so reports
 * acknowledged to a device while the edge was away count in their interval whatever the backlog's
 * size. The quiet period is a matter of the broker's and the edge's pace, so its clock is wall time
 * even when the edge runs on a scaled one; message timestamps are compared with the edge's clock.
 */
import type { Clock } from '../../core/index.ts';

/** Options of a {@link SessionBacklog}. */
export type SessionBacklogOptions = {
  /** Wall time, for the quiet period and the cap. */
  readonly clock: Clock;
  /** The backlog is drained after this long without a message of it, ms. Default 2000. */
  readonly quietMs?: number;
  /** A hold ends after this long whatever arrives, ms. Default 60 000. */
  readonly maxHoldMs?: number;
};

/** Counters of a {@link SessionBacklog}. */
export type SessionBacklogStats = {
  /** Session (re)connects seen. */
  readonly resumes: number;
  /** Messages published before the (re)connect they arrived after. */
  readonly backlogMessages: number;
  /** Holds that ended at `maxHoldMs` rather than after a quiet period. */
  readonly capped: number;
  readonly holding: boolean;
};

/** Defaults of a {@link SessionBacklog}. */
export const DEFAULT_SESSION_BACKLOG = Object.freeze({ quietMs: 2000, maxHoldMs: 60_000 });

/** Tracks the backlog of one field session across its (re)connects. */
export class SessionBacklog {
  readonly #clock: Clock;
  readonly #quietMs: number;
  readonly #maxHoldMs: number;
  /** Edge time of the (re)connect being drained, or null when not holding. */
  #resumedAtMs: number | null = null;
  /** Wall time the hold began. */
  #holdSinceMs = 0;
  /** Wall time of the last backlog message (or of the hold's start). */
  #lastBacklogMs = 0;
  #resumes = 0;
  #backlogMessages = 0;
  #capped = 0;

  constructor(options: SessionBacklogOptions) {
    this.#clock = options.clock;
    this.#quietMs = options.quietMs ?? DEFAULT_SESSION_BACKLOG.quietMs;
    this.#maxHoldMs = options.maxHoldMs ?? DEFAULT_SESSION_BACKLOG.maxHoldMs;
    if (!(this.#quietMs > 0) || !(this.#maxHoldMs >= this.#quietMs)) {
      throw new RangeError(`session backlog: quietMs ${this.#quietMs} must be > 0 and <= maxHoldMs`);
    }
  }

  /**
   * The session is (re)connecting at edge time `atMs`: messages stamped before it are its backlog.
   * Call it before the connect, so a backlog arriving with the CONNACK is already counted.
   */
  resumed(atMs: number): void {
    this.#resumes++;
    this.#resumedAtMs = Math.max(atMs, this.#resumedAtMs ?? atMs);
    this.#holdSinceMs = this.#clock.now();
    this.#lastBacklogMs = this.#holdSinceMs;
  }

  /** A valid field message with device timestamp `tsMs` has just been handled. */
  observe(tsMs: number): void {
    if (this.#resumedAtMs === null || tsMs >= this.#resumedAtMs) return;
    this.#backlogMessages++;
    this.#lastBacklogMs = this.#clock.now();
  }

  /** Whether the backlog may still be arriving; once false, false until the next {@link resumed}. */
  holding(): boolean {
    if (this.#resumedAtMs === null) return false;
    const now = this.#clock.now();
    if (now - this.#lastBacklogMs < this.#quietMs && now - this.#holdSinceMs < this.#maxHoldMs) return true;
    if (now - this.#lastBacklogMs < this.#quietMs) this.#capped++;
    this.#resumedAtMs = null;
    return false;
  }

  /** Counters so far. */
  stats(): SessionBacklogStats {
    return {
      resumes: this.#resumes,
      backlogMessages: this.#backlogMessages,
      capped: this.#capped,
      holding: this.#resumedAtMs !== null,
    };
  }
}
