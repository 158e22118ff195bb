/**
 * @module center/http/rate-limiter
 * A token bucket per client (Turner 1986): `burst` requests at once, refilled at `perSecond`. Time
 * comes from the injected clock.
 */
import type { Clock } from '../../core/index.ts';

/** Options of {@link RateLimiter}. */
export type RateLimiterOptions = {
  readonly clock: Clock;
  /** Sustained requests per second per client. Default 50. */
  readonly perSecond?: number;
  /** Bucket size. Default 100. */
  readonly burst?: number;
};

type Bucket = { tokens: number; atMs: number };

/** Per-key token buckets. */
export class RateLimiter {
  readonly #clock: Clock;
  readonly #rate: number;
  readonly #burst: number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(options: RateLimiterOptions) {
    this.#clock = options.clock;
    this.#rate = options.perSecond ?? 50;
    this.#burst = options.burst ?? 100;
  }

  /** Take one token for `key`; false when the client must wait. */
  take(key: string): boolean {
    const now = this.#clock.now();
    const b = this.#buckets.get(key) ?? { tokens: this.#burst, atMs: now };
    b.tokens = Math.min(this.#burst, b.tokens + ((now - b.atMs) / 1000) * this.#rate);
    b.atMs = now;
    this.#buckets.set(key, b);
    if (this.#buckets.size > 50_000) this.#prune(now);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Seconds until `key` has a token again. */
  retryAfterS(key: string): number {
    const b = this.#buckets.get(key);
    return b === undefined ? 0 : Math.max(1, Math.ceil((1 - b.tokens) / this.#rate));
  }

  #prune(now: number): void {
    for (const [k, b] of this.#buckets) if (now - b.atMs > 60_000) this.#buckets.delete(k);
  }
}
