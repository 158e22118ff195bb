/**
 * @module core/fares/distance
 * The capital-area distance surcharge: the first `base` km are included (10 km, or 30 km when a
 * wide-area bus is in the trip); after that +100 won (adult) per 5 km or part of it up to 50 km, and
 * per 8 km beyond (Korea Times 2023-10; hikorea.go.kr). Worked in whole metres so that 15.000 km is
 * exactly one step, never two by floating-point error.
 */
import type { RiderClass } from '../messages/index.ts';
import type { DistanceBand } from './policy.ts';

/** Kilometres to whole metres (rounded). */
export function metresOf(km: number): number {
  return Math.round(km * 1000);
}

/**
 * Surcharge in won for a trip of `distanceM` metres with `baseM` included. Bands start no earlier than
 * the included distance; each band charges per started step.
 */
export function distanceSurchargeKrw(
  distanceM: number,
  baseM: number,
  riderClass: RiderClass,
  bands: readonly DistanceBand[],
): number {
  let krw = 0;
  for (const band of bands) {
    const lo = Math.max(band.fromM, baseM);
    const hi = band.toM;
    if (distanceM <= lo || hi <= lo) continue;
    const within = Math.min(distanceM, hi) - lo;
    krw += Math.ceil(within / band.everyM) * band.krw[riderClass];
  }
  return krw;
}
