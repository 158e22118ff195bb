/**
 * @module edge/ingest/duplicate-window
 * Remembers message ids for a bounded time so a repeat (an MQTT QoS 1 redelivery, a device replay) is
 * recognised. Two generations of sets rotate every `windowMs`: an id is remembered for between one and
 * two windows, and memory is bounded by the message rate times two windows (plus a hard cap).
 */

/** Options of a {@link DuplicateWindow}. */
export type DuplicateWindowOptions = {
  /** How long an id is remembered at least, ms. */
  readonly windowMs: number;
  /** Hard cap on remembered ids per generation; the older generation is dropped early past it. */
  readonly maxIds: number;
};

const DEFAULTS: DuplicateWindowOptions = Object.freeze({ windowMs: 10 * 60_000, maxIds: 500_000 });

/** A time-windowed set of message ids. */
export class DuplicateWindow {
  readonly #options: DuplicateWindowOptions;
  #current = new Set<string>();
  #previous = new Set<string>();
  #rotatedAtMs: number | null = null;

  constructor(options: Partial<DuplicateWindowOptions> = {}) {
    const resolved = { ...DEFAULTS, ...options };
    if (!(resolved.windowMs > 0)) throw new RangeError(`windowMs must be > 0, got ${resolved.windowMs}`);
    if (!(resolved.maxIds >= 1)) throw new RangeError(`maxIds must be >= 1, got ${resolved.maxIds}`);
    this.#options = Object.freeze(resolved);
  }

  /**
   * Record `id` seen at `nowMs`; returns true when it was already seen within the window.
   */
  seen(id: string, nowMs: number): boolean {
    this.#rotate(nowMs);
    if (this.#current.has(id) || this.#previous.has(id)) return true;
    this.#current.add(id);
    if (this.#current.size >= this.#options.maxIds) {
      this.#previous = this.#current;
      this.#current = new Set();
      this.#rotatedAtMs = nowMs;
    }
    return false;
  }

  /** Ids currently remembered. */
  get size(): number {
    return this.#current.size + this.#previous.size;
  }

  #rotate(nowMs: number): void {
    if (this.#rotatedAtMs === null) {
      this.#rotatedAtMs = nowMs;
      return;
    }
    const elapsed = nowMs - this.#rotatedAtMs;
    if (elapsed < this.#options.windowMs) return;
    this.#previous = elapsed >= 2 * this.#options.windowMs ? new Set() : this.#current;
    this.#current = new Set();
    this.#rotatedAtMs = nowMs;
  }
}
