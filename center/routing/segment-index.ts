/**
 * @module center/routing/segment-index
 * A uniform grid over polylines' segments, to find the line nearest a point without measuring every
 * line: each segment is filed under every cell its bounding box touches, and a query searches rings
 * of cells outward from the point's cell until no unsearched cell can hold anything nearer. A point
 * is a polyline of one vertex (its one segment has no length), so the same index snaps to nodes.
 *
 * Distances are planar on a local equirectangular projection at the query's latitude (metres per
 * degree of longitude scaled by cos(lat)): within the few kilometres a snap looks at, this is within a
 * fraction of a percent of the great-circle distance.
 */

/** Metres per degree of latitude. */
const M_PER_DEG_LAT = 111_320;

/** Rings searched outward before the remaining cells are taken in order of distance instead. */
const MAX_RINGS = 6;

/** A line nearest a point: its index in the input and how far it is, metres. */
export type NearestLine = { readonly line: number; readonly distanceM: number };

/** A cell's key: two 21-bit offsets in one number. */
const key = (cx: number, cy: number): number => (cx + 0x100000) * 0x200000 + (cy + 0x100000);

/** Segments of many polylines, filed by grid cell. */
export class SegmentIndex {
  readonly #cellDeg: number;
  /** Segment s runs from (ax[s], ay[s]) to (bx[s], by[s]), degrees, on line lineOf[s]. */
  readonly #ax: Float64Array;
  readonly #ay: Float64Array;
  readonly #bx: Float64Array;
  readonly #by: Float64Array;
  readonly #lineOf: Int32Array;
  readonly #cells = new Map<number, number[]>();
  /** Non-empty cells' coordinates, for a point far from every line. */
  readonly #cellX: Int32Array;
  readonly #cellY: Int32Array;
  /** Per query: the last query that measured each segment (a segment is filed in several cells). */
  readonly #seenAt: Int32Array;
  #query = 0;

  /** `lines`: polylines as [lon, lat] vertices; `cellDeg`: cell size in degrees (default ~500 m). */
  constructor(lines: readonly (readonly (readonly [number, number])[])[], cellDeg = 0.005) {
    if (!(cellDeg > 0)) throw new RangeError(`cellDeg must be > 0, got ${cellDeg}`);
    this.#cellDeg = cellDeg;
    let n = 0;
    for (const l of lines) n += Math.max(l.length - 1, l.length > 0 ? 1 : 0);
    this.#ax = new Float64Array(n);
    this.#ay = new Float64Array(n);
    this.#bx = new Float64Array(n);
    this.#by = new Float64Array(n);
    this.#lineOf = new Int32Array(n);
    this.#seenAt = new Int32Array(n);
    let s = 0;
    lines.forEach((line, li) => {
      const first = line[0];
      if (line.length === 1 && first !== undefined) this.#file(s++, li, first, first);
      for (let i = 1; i < line.length; i++) {
        this.#file(s++, li, line[i - 1] as readonly [number, number], line[i] as readonly [number, number]);
      }
    });
    this.#cellX = new Int32Array(this.#cells.size);
    this.#cellY = new Int32Array(this.#cells.size);
    let c = 0;
    for (const k of this.#cells.keys()) {
      this.#cellX[c] = Math.floor(k / 0x200000) - 0x100000;
      this.#cellY[c] = (k % 0x200000) - 0x100000;
      c++;
    }
  }

  /** The line nearest a point, or null when the index holds no line. */
  nearest(lon: number, lat: number): NearestLine | null {
    if (this.#cells.size === 0) return null;
    this.#query = (this.#query % 0x7fffffff) + 1;
    const mLon = M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
    const cellM = this.#cellDeg * Math.min(mLon, M_PER_DEG_LAT);
    const cx = Math.floor(lon / this.#cellDeg);
    const cy = Math.floor(lat / this.#cellDeg);
    const best = { line: -1, d2: Infinity };
    for (let r = 0; r <= MAX_RINGS; r++) {
      // Every cell of ring r is at least r - 1 whole cells from the point.
      const bound = Math.max(0, r - 1) * cellM;
      if (bound * bound > best.d2) return this.#answer(best);
      for (let dx = -r; dx <= r; dx++) {
        const edge = dx === -r || dx === r;
        for (let dy = -r; dy <= r; dy += edge ? 1 : 2 * r) {
          this.#measure(this.#cells.get(key(cx + dx, cy + dy)), lon, lat, mLon, best);
        }
      }
    }
    // Far from the lines: the cells in order of their distance, until none can hold anything nearer.
    const order = Array.from(this.#cellX, (x, i) => {
      const y = this.#cellY[i] as number;
      const gx = Math.max(0, Math.abs(x - cx) - 1) * this.#cellDeg * mLon;
      const gy = Math.max(0, Math.abs(y - cy) - 1) * this.#cellDeg * M_PER_DEG_LAT;
      return { k: key(x, y), d2: gx * gx + gy * gy };
    }).sort((a, b) => a.d2 - b.d2);
    for (const c of order) {
      if (c.d2 > best.d2) break;
      this.#measure(this.#cells.get(c.k), lon, lat, mLon, best);
    }
    return this.#answer(best);
  }

  #answer(best: { line: number; d2: number }): NearestLine {
    return { line: best.line, distanceM: Math.sqrt(best.d2) };
  }

  #measure(
    segments: readonly number[] | undefined,
    lon: number,
    lat: number,
    mLon: number,
    best: { line: number; d2: number },
  ): void {
    if (segments === undefined) return;
    for (const s of segments) {
      if (this.#seenAt[s] === this.#query) continue;
      this.#seenAt[s] = this.#query;
      const ax = ((this.#ax[s] as number) - lon) * mLon;
      const ay = ((this.#ay[s] as number) - lat) * M_PER_DEG_LAT;
      const dx = ((this.#bx[s] as number) - (this.#ax[s] as number)) * mLon;
      const dy = ((this.#by[s] as number) - (this.#ay[s] as number)) * M_PER_DEG_LAT;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
      const px = ax + t * dx;
      const py = ay + t * dy;
      const d2 = px * px + py * py;
      const line = this.#lineOf[s] as number;
      // Ties go to the lower line index, so the answer does not depend on the order cells are searched.
      if (d2 < best.d2 || (d2 === best.d2 && line < best.line)) {
        best.d2 = d2;
        best.line = line;
      }
    }
  }

  #file(s: number, line: number, a: readonly [number, number], b: readonly [number, number]): void {
    this.#ax[s] = a[0];
    this.#ay[s] = a[1];
    this.#bx[s] = b[0];
    this.#by[s] = b[1];
    this.#lineOf[s] = line;
    const x0 = Math.floor(Math.min(a[0], b[0]) / this.#cellDeg);
    const x1 = Math.floor(Math.max(a[0], b[0]) / this.#cellDeg);
    const y0 = Math.floor(Math.min(a[1], b[1]) / this.#cellDeg);
    const y1 = Math.floor(Math.max(a[1], b[1]) / this.#cellDeg);
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const k = key(x, y);
        const list = this.#cells.get(k);
        if (list === undefined) this.#cells.set(k, [s]);
        else list.push(s);
      }
    }
  }
}
