/**
 * @module core/scenario/checks/nema
 * The NEMA dual-ring layout (NTCIP 1202): ring 1 holds phases 1-4, ring 2 phases 5-8, and the barrier
 * separates {1,2,5,6} from {3,4,7,8}; both rings cross the barrier together.
 */

/** The two sides of the NEMA barrier. */
export const BARRIER_SIDES: readonly (readonly number[])[] = [
  [1, 2, 5, 6],
  [3, 4, 7, 8],
];

/** Ring (1 or 2) of a NEMA phase number. */
export function ringOf(phase: number): 1 | 2 {
  return phase <= 4 ? 1 : 2;
}
