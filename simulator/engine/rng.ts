/**
 * @module simulator/engine/rng
 * The one source of randomness of a run: a seeded 32-bit generator (mulberry32, Tommy Ettinger 2017),
 * so the same seed gives the same run byte for byte.
 */

/** A deterministic random number generator. */
export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** A new generator seeded from this one, for an independent stream (e.g. one per device). */
  fork(): Rng;
};

/** Create a generator from a seed (any integer). */
export function createRng(seed: number): Rng {
  let s = (seed | 0) ^ 0x6d2b79f5;
  const next = (): number => {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal() {
      const u = 1 - next();
      const w = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    },
    exponential(mean: number) {
      return -Math.log(1 - next()) * mean;
    },
    int(n: number) {
      return Math.floor(next() * n);
    },
    fork() {
      return createRng(Math.floor(next() * 4294967296));
    },
  };
}
