/**
 * @module center/clearing/apportion
 * Splitting a journey's fare among the operators of its legs. The capital-area rule since 2004
 * apportions a transfer trip by the ratio of the legs' base fares (Gyeonggi Research Institute review);
 * a distance-based split is the disputed alternative, replayable over the same ledger. Shares are whole
 * won by the largest-remainder method, so they always add up to the fare exactly.
 */

/** How transfer trips are split among operators. */
export type ApportionPolicy = 'base-fare' | 'distance';

/** All apportionment policies, for CLI validation. */
export const APPORTION_POLICIES: readonly ApportionPolicy[] = ['base-fare', 'distance'];

/**
 * Split `totalKrw` in proportion to `weights` (non-negative), in whole won summing to `totalKrw`.
 * Remainders go to the largest fractional parts, ties to the earlier leg. All-zero weights split evenly.
 */
export function apportionKrw(totalKrw: number, weights: readonly number[]): number[] {
  const n = weights.length;
  if (n === 0) return [];
  let sum = 0;
  for (const w of weights) sum += w;
  const ws = sum > 0 ? weights : weights.map(() => 1);
  const total = sum > 0 ? sum : n;
  const shares = new Array<number>(n);
  const rest = new Array<number>(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const exact = totalKrw * (ws[i] as number);
    const share = Math.floor(exact / total);
    shares[i] = share;
    rest[i] = exact - share * total;
    given += share;
  }
  let left = totalKrw - given;
  if (left > 0) {
    const order = [...rest.keys()].sort((a, b) => (rest[b] as number) - (rest[a] as number) || a - b);
    for (let k = 0; left > 0; k = (k + 1) % n, left--) {
      const i = order[k] as number;
      shares[i] = (shares[i] as number) + 1;
    }
  }
  return shares;
}
