/**
 * @module center/routing/binary-heap
 * A binary min-heap of (item, key) pairs on typed arrays, for Dijkstra and A*. Decrease-key is done
 * lazily: an item may be pushed again with a smaller key and stale entries are skipped by the caller
 * (Chen et al. 2007 found this faster than indexed heaps in practice).
 */

/** Min-heap of int32 items keyed by float64. */
export class BinaryHeap {
  #items: Int32Array;
  #keys: Float64Array;
  #size = 0;

  constructor(capacity = 1024) {
    this.#items = new Int32Array(capacity);
    this.#keys = new Float64Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  clear(): void {
    this.#size = 0;
  }

  push(item: number, key: number): void {
    if (this.#size === this.#items.length) this.#grow();
    let i = this.#size++;
    const items = this.#items;
    const keys = this.#keys;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent] as number;
      if (pk <= key) break;
      items[i] = items[parent] as number;
      keys[i] = pk;
      i = parent;
    }
    items[i] = item;
    keys[i] = key;
  }

  /** Key of the top entry (Infinity when empty). */
  peekKey(): number {
    return this.#size === 0 ? Infinity : (this.#keys[0] as number);
  }

  /** Remove and return the item with the smallest key; -1 when empty. */
  pop(): number {
    if (this.#size === 0) return -1;
    const items = this.#items;
    const keys = this.#keys;
    const top = items[0] as number;
    const n = --this.#size;
    if (n === 0) return top;
    const item = items[n] as number;
    const key = keys[n] as number;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && (keys[c + 1] as number) < (keys[c] as number)) c++;
      if ((keys[c] as number) >= key) break;
      items[i] = items[c] as number;
      keys[i] = keys[c] as number;
      i = c;
    }
    items[i] = item;
    keys[i] = key;
    return top;
  }

  #grow(): void {
    const items = new Int32Array(this.#items.length * 2);
    const keys = new Float64Array(this.#keys.length * 2);
    items.set(this.#items);
    keys.set(this.#keys);
    this.#items = items;
    this.#keys = keys;
  }
}
