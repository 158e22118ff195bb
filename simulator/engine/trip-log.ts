/**
 * @module simulator/engine/trip-log
 * Per-vehicle trip records of arrived vehicles (SUMO tripinfo: depart, arrival, duration, timeLoss,
 * waitingTime, waitingCount) in growable typed arrays.
 */

/** Arrived vehicles' trip records, in arrival order. */
export class TripLog {
  count = 0;
  demand = new Int32Array(256);
  departS = new Float64Array(256);
  arrivalS = new Float64Array(256);
  timeLossS = new Float64Array(256);
  waitingS = new Float64Array(256);
  stops = new Int32Array(256);

  /** Record one arrival. */
  add(
    demand: number,
    departS: number,
    arrivalS: number,
    timeLossS: number,
    waitingS: number,
    stops: number,
  ): void {
    if (this.count === this.demand.length) this.#grow();
    const i = this.count++;
    this.demand[i] = demand;
    this.departS[i] = departS;
    this.arrivalS[i] = arrivalS;
    this.timeLossS[i] = timeLossS;
    this.waitingS[i] = waitingS;
    this.stops[i] = stops;
  }

  #grow(): void {
    const n = this.demand.length * 2;
    const gi = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    const gf = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.demand = gi(this.demand);
    this.stops = gi(this.stops);
    this.departS = gf(this.departS);
    this.arrivalS = gf(this.arrivalS);
    this.timeLossS = gf(this.timeLossS);
    this.waitingS = gf(this.waitingS);
  }
}
