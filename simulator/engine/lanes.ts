/**
 * @module simulator/engine/lanes
 * Per-lane vehicle order, front first. Vehicles never pass each other within a lane, so the order
 * only changes on entry, exit and lane change; each lane keeps a growable Int32Array of slots.
 */

/** The ordered vehicles of every lane. */
export class LaneLists {
  readonly lists: Int32Array[];
  readonly counts: Int32Array;

  constructor(laneCount: number) {
    this.lists = Array.from({ length: laneCount }, () => new Int32Array(8));
    this.counts = new Int32Array(laneCount);
  }

  /** Insert `veh` at position `at` (0 = front). */
  insertAt(lane: number, at: number, veh: number): void {
    let list = this.lists[lane]!;
    const n = this.counts[lane]!;
    if (n === list.length) {
      const bigger = new Int32Array(list.length * 2);
      bigger.set(list);
      this.lists[lane] = bigger;
      list = bigger;
    }
    if (at < n) list.copyWithin(at + 1, at, n);
    list[at] = veh;
    this.counts[lane] = n + 1;
  }

  /** Remove the vehicle at position `at`. */
  removeAt(lane: number, at: number): void {
    const list = this.lists[lane]!;
    const n = this.counts[lane]!;
    if (at < n - 1) list.copyWithin(at, at + 1, n);
    this.counts[lane] = n - 1;
  }

  /** Position of `veh` in the lane, or -1. */
  indexOf(lane: number, veh: number): number {
    const list = this.lists[lane]!;
    const n = this.counts[lane]!;
    for (let i = 0; i < n; i++) if (list[i] === veh) return i;
    return -1;
  }

  /** Where a vehicle with front at `x` belongs: the first index whose vehicle is behind `x`. */
  slotFor(lane: number, x: number, xs: Float64Array): number {
    const list = this.lists[lane]!;
    const n = this.counts[lane]!;
    let i = n;
    while (i > 0 && xs[list[i - 1]!]! < x) i--;
    return i;
  }
}
