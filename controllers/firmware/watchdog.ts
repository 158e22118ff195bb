/**
 * @module controllers/firmware/watchdog
 * Heartbeat watchdog of external control (NTCIP 1202 §2.4 system control: the controller reverts to
 * local control when the central/adaptive system stops talking). Fed by heartbeats and commands;
 * expired once no heartbeat arrived within the timeout.
 */

/** A heartbeat watchdog timed by the controller's step clock. */
export class Watchdog {
  readonly timeoutMs: number;
  #lastMs = -Infinity;

  constructor(timeoutMs: number) {
    this.timeoutMs = timeoutMs;
  }

  /** Record a heartbeat at `nowMs`. */
  feed(nowMs: number): void {
    this.#lastMs = nowMs;
  }

  /** Whether the last heartbeat is older than the timeout. */
  expired(nowMs: number): boolean {
    return nowMs - this.#lastMs > this.timeoutMs;
  }

  /** Time of the last heartbeat, ms (-Infinity when none). */
  get lastMs(): number {
    return this.#lastMs;
  }
}
