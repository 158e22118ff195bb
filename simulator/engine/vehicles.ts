/**
 * @module simulator/engine/vehicles
 * Vehicle state as struct-of-arrays (STYLE.md §15): one typed array per attribute, indexed by a slot
 * that is reused after a vehicle arrives. Nothing is allocated per vehicle per step; arrays only grow
 * (doubling) when more vehicles run at once than ever before.
 */

const F64 = [
  'x',
  'v',
  'acc',
  'speedFactor',
  'departS',
  'timeLossS',
  'waitingS',
  'lcReadyS',
  'stuckS',
  'stopPos',
  'dwellUntilS',
  'yieldUntilS',
] as const;
const I32 = [
  'lane',
  'type',
  'routePos',
  'nextConn',
  'junctionConn',
  'demand',
  'stops',
  'stamp',
  'stopLink',
  'yieldFor',
] as const;

type F64Field = (typeof F64)[number];
type I32Field = (typeof I32)[number];

/** Running vehicles. `x` is the front bumper's distance from the start of the lane's link, metres. */
export class VehicleStore {
  x = new Float64Array(0);
  v = new Float64Array(0);
  /** Acceleration decided this step. */
  acc = new Float64Array(0);
  /** Per-vehicle multiplier of the lane speed (SUMO speedFactor). */
  speedFactor = new Float64Array(0);
  departS = new Float64Array(0);
  timeLossS = new Float64Array(0);
  waitingS = new Float64Array(0);
  /** Earliest time of the next lane change. */
  lcReadyS = new Float64Array(0);
  /** Time spent stopped at the end of a lane that does not lead on. */
  stuckS = new Float64Array(0);
  lane = new Int32Array(0);
  type = new Int32Array(0);
  routePos = new Int32Array(0);
  /** Connection to take at the end of the current lane; -1 when none (wrong lane or route end). */
  nextConn = new Int32Array(0);
  /** Connection whose junction the vehicle is inside (its back has not cleared), else -1. */
  junctionConn = new Int32Array(0);
  /** Index of the vehicle's departure in the demand. */
  demand = new Int32Array(0);
  /** Number of times the vehicle came to a halt (SUMO waitingCount). */
  stops = new Int32Array(0);
  /** Step number of the last junction transfer (at most one per step). */
  stamp = new Int32Array(0);
  /** Position of the next scheduled stop (bus stop) on `stopLink`, metres. */
  stopPos = new Float64Array(0);
  /** End of the dwell at the current stop; NaN while not dwelling. */
  dwellUntilS = new Float64Array(0);
  /** Until when this vehicle leaves room for `yieldFor` to change into its lane. */
  yieldUntilS = new Float64Array(0);
  /** Slot of a neighbour that must change into this vehicle's lane ahead of it (cooperation), or -1. */
  yieldFor = new Int32Array(0);
  /** Link of the next scheduled stop, or -1. */
  stopLink = new Int32Array(0);
  halted = new Uint8Array(0);
  /** Whether the vehicle decided this step to stop at its stop line. */
  mustStop = new Uint8Array(0);
  /** Route (link indexes) per slot. */
  routes: Int32Array[] = [];
  #free: number[] = [];
  #capacity = 0;
  /** Number of running vehicles. */
  running = 0;

  constructor(initialCapacity = 1024) {
    this.#grow(initialCapacity);
  }

  /** Slot count allocated (memory grows with the peak of running vehicles). */
  get capacity(): number {
    return this.#capacity;
  }

  /** Take a free slot for a new vehicle. */
  allocate(): number {
    if (this.#free.length === 0) this.#grow(this.#capacity * 2);
    this.running++;
    return this.#free.pop()!;
  }

  /** Return a slot once its vehicle has arrived. */
  release(slot: number): void {
    this.running--;
    this.#free.push(slot);
  }

  /** Bytes held by the typed arrays. */
  bytes(): number {
    let b = this.halted.byteLength + this.mustStop.byteLength;
    for (const f of F64) b += this[f].byteLength;
    for (const f of I32) b += this[f].byteLength;
    return b;
  }

  #grow(capacity: number): void {
    const old = this.#capacity;
    for (const f of F64) this.#resizeF(f, capacity);
    for (const f of I32) this.#resizeI(f, capacity);
    const h = new Uint8Array(capacity);
    h.set(this.halted);
    this.halted = h;
    const m = new Uint8Array(capacity);
    m.set(this.mustStop);
    this.mustStop = m;
    this.routes.length = capacity;
    for (let i = capacity - 1; i >= old; i--) this.#free.push(i);
    this.#capacity = capacity;
  }

  #resizeF(f: F64Field, n: number): void {
    const a = new Float64Array(n);
    a.set(this[f]);
    this[f] = a;
  }

  #resizeI(f: I32Field, n: number): void {
    const a = new Int32Array(n);
    a.set(this[f]);
    this[f] = a;
  }
}
