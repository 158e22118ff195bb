/**
 * @module simulator/engine/simulation
 * The `Simulation` facade: owns one run's state and steps it — signals, insertion, lane changes,
 * car following, junction transfers, statistics — on a virtual clock. Observers (field devices,
 * progress) are called after each step with read access to the state.
 */
import { createHash } from 'node:crypto';
import { ConfigError } from '../../core/errors/index.ts';
import { accelerate, move, reclampLane } from './drive.ts';
import { InsertionQueue } from './insertion.ts';
import { transfer } from './junctions.ts';
import { changeLanes } from './lane-change.ts';
import { createRng, type Rng } from './rng.ts';
import type { SignalColor, SignalHeads } from './signals.ts';
import { createState, type SimState } from './state.ts';
import { TripLog } from './trip-log.ts';
import { GO, type SimDemand, type SimNet } from './types.ts';

/** Options of a run. */
export type SimulationOptions = {
  /** Step length, seconds. Default 0.5. */
  readonly stepS?: number;
  /** Simulated time of the first step, seconds. Default 0. */
  readonly beginS?: number;
  /** The run's one seed. Default 1. */
  readonly seed?: number;
  /** Epoch ms that simulated second 0 stands for (controllers and devices see this clock). */
  readonly epochMs?: number;
  /** Interval of per-intersection queue and delay samples, seconds. Default 60. */
  readonly sampleS?: number;
};

/**
 * Longest step a run takes, s: the car-following model moves each vehicle once per step at the speed
 * it chose at the start of it, and past 2 s a vehicle reacts later than a driver does (Krauss's
 * reaction time is 1 s; SUMO's default step is 1 s).
 */
export const MAX_STEP_S = 2;

const DEFAULTS = Object.freeze({
  stepS: 0.5,
  beginS: 0,
  seed: 1,
  epochMs: Date.UTC(2026, 0, 5, 0, 0, 0),
  sampleS: 60,
});

/** Queue and delay of one intersection over time. */
export type IntersectionSeries = {
  readonly id: string;
  readonly timeS: number[];
  /** Halted vehicles on the incoming links at the sample. */
  readonly queue: number[];
  /** Time loss on the incoming links per discharged vehicle in the interval, seconds. */
  readonly delayS: number[];
  /** Vehicles discharged through the intersection in the interval. */
  readonly discharged: number[];
};

/** Something called after every step. */
export type StepObserver = (st: SimState, sim: Simulation) => void;

/** Called when a vehicle enters (slot, departure index) or arrives. */
export type VehicleObserver = (slot: number, departure: number) => void;

const COLOR_GO: Readonly<Record<SignalColor, number>> = { G: GO.go, g: GO.yield, y: GO.yellow, r: GO.stop };

/** One simulation run. */
export class Simulation {
  readonly state: SimState;
  readonly trips = new TripLog();
  readonly series: IntersectionSeries[];
  readonly options: Required<SimulationOptions>;
  readonly #signals: SignalHeads;
  readonly #rng: Rng;
  readonly #queue = new InsertionQueue();
  readonly #observers: StepObserver[] = [];
  readonly #onInsert: VehicleObserver[] = [];
  readonly #onArrive: VehicleObserver[] = [];
  readonly #signalGo: Uint8Array;
  #nextSample: number;

  constructor(net: SimNet, demand: SimDemand, signals: SignalHeads, options: SimulationOptions = {}) {
    const o = { ...DEFAULTS, ...options };
    if (!(o.stepS > 0 && o.stepS <= MAX_STEP_S))
      throw new ConfigError('stepS', `must be in (0, ${MAX_STEP_S}] s, got ${o.stepS}`);
    if (!Number.isInteger(o.seed)) throw new ConfigError('seed', `must be an integer, got ${o.seed}`);
    this.options = Object.freeze(o);
    this.state = createState(net, demand, o.stepS, o.beginS);
    this.#signals = signals;
    this.#rng = createRng(o.seed);
    this.#signalGo = new Uint8Array(net.signals.length);
    this.series = net.intersections.map((x) => ({
      id: x.id,
      timeS: [],
      queue: [],
      delayS: [],
      discharged: [],
    }));
    this.#nextSample = o.beginS + o.sampleS;
  }

  /** The run's RNG; devices fork their own streams from it at construction. */
  get rng(): Rng {
    return this.#rng;
  }

  /** Simulated seconds. */
  get timeS(): number {
    return this.state.timeS;
  }

  /** Epoch ms of the current simulated time. */
  get nowMs(): number {
    return Math.round(this.options.epochMs + this.state.timeS * 1000);
  }

  /** Vehicles due but not yet inserted. */
  get waitingToInsert(): number {
    return this.#queue.waiting;
  }

  /** Whether every departure has been inserted and has arrived. */
  get finished(): boolean {
    return (
      this.#queue.remaining(this.state) === 0 && this.#queue.waiting === 0 && this.state.veh.running === 0
    );
  }

  /** The signal heads this run reads. */
  get signals(): SignalHeads {
    return this.#signals;
  }

  /** Call `fn` after every step. */
  observe(fn: StepObserver): void {
    this.#observers.push(fn);
  }

  /** Call `fn` when a vehicle is inserted (its slot and departure index). */
  onInsert(fn: VehicleObserver): void {
    this.#onInsert.push(fn);
  }

  /** Call `fn` when a vehicle arrives, before its slot is reused. */
  onArrive(fn: VehicleObserver): void {
    this.#onArrive.push(fn);
  }

  /** Block lanes of a link from `positionM` on (incident), or clear them. */
  setLaneBlocked(link: number, laneNumbers: readonly number[], positionM: number, blocked: boolean): void {
    const net = this.state.net;
    for (const j of laneNumbers) {
      if (j >= net.linkLaneCount[link]!) continue;
      this.state.laneBlockAt[net.linkLaneStart[link]! + j] = blocked ? positionM : Infinity;
    }
  }

  /** Advance one step. */
  step(): void {
    const st = this.state;
    this.#updateSignals();
    this.#queue.insert(st, this.#rng, (k) => {
      for (const fn of this.#onInsert) fn(k, st.veh.demand[k]!);
    });
    changeLanes(st);
    accelerate(st);
    move(st);
    transfer(
      st,
      (k) => this.#arrive(k),
      (lane) => reclampLane(st, lane),
    );
    st.timeS += st.stepS;
    st.stepNo++;
    if (st.timeS >= this.#nextSample - 1e-9) {
      this.#sample();
      this.#nextSample += this.options.sampleS;
    }
    for (const fn of this.#observers) fn(st, this);
  }

  /** Run until simulated time `endS` (or until every vehicle has arrived when `stopWhenDone`). */
  runUntil(endS: number, stopWhenDone = false): void {
    while (this.state.timeS < endS - 1e-9) {
      if (stopWhenDone && this.finished) break;
      this.step();
    }
  }

  /** SHA-256 of every output so far: trip records, per-intersection series and counters. */
  fingerprint(extra: readonly Uint8Array[] = []): string {
    const h = createHash('sha256');
    const t = this.trips;
    const n = t.count;
    for (const a of [t.demand, t.stops]) h.update(new Uint8Array(a.buffer, 0, n * 4));
    for (const a of [t.departS, t.arrivalS, t.timeLossS, t.waitingS])
      h.update(new Uint8Array(a.buffer, 0, n * 8));
    h.update(JSON.stringify(this.series));
    h.update(JSON.stringify(this.state.counters));
    for (const e of extra) h.update(e);
    return h.digest('hex');
  }

  #updateSignals(): void {
    const st = this.state;
    const net = st.net;
    this.#signals.step(this.nowMs);
    const sg = this.#signalGo;
    for (let s = 0; s < sg.length; s++) sg[s] = COLOR_GO[this.#signals.stateOf(s)];
    const go = st.connGo;
    for (let c = 0; c < go.length; c++) {
      const s = net.connSignal[c]!;
      go[c] = s >= 0 ? sg[s]! : net.connMinor[c] === 1 ? GO.yield : GO.go;
    }
  }

  #arrive(k: number): void {
    const st = this.state;
    const v = st.veh;
    const arrival = st.timeS + st.stepS;
    if (v.junctionConn[k]! >= 0) st.connInJunction[v.junctionConn[k]!]!--;
    for (const fn of this.#onArrive) fn(k, v.demand[k]!);
    const c = st.counters;
    c.arrived++;
    c.sumTravelTimeS += arrival - v.departS[k]!;
    c.sumTimeLossS += v.timeLossS[k]!;
    c.sumWaitingS += v.waitingS[k]!;
    c.sumStops += v.stops[k]!;
    this.trips.add(v.demand[k]!, v.departS[k]!, arrival, v.timeLossS[k]!, v.waitingS[k]!, v.stops[k]!);
    v.routes[k] = EMPTY_ROUTE;
    v.release(k);
  }

  #sample(): void {
    const st = this.state;
    const net = st.net;
    net.intersections.forEach((x, i) => {
      let queue = 0;
      let loss = 0;
      let out = 0;
      for (const link of x.incomingLinks) {
        loss += st.linkTimeLoss[link]!;
        out += st.linkDischarged[link]!;
        const first = net.linkLaneStart[link]!;
        for (let lane = first; lane < first + net.linkLaneCount[link]!; lane++) {
          const list = st.lanes.lists[lane]!;
          for (let j = 0; j < st.lanes.counts[lane]!; j++) if (st.veh.v[list[j]!]! < 0.1) queue++;
        }
      }
      const s = this.series[i]!;
      s.timeS.push(st.timeS);
      s.queue.push(queue);
      s.delayS.push(out > 0 ? loss / out : 0);
      s.discharged.push(out);
    });
    st.linkTimeLoss.fill(0);
    st.linkDischarged.fill(0);
  }
}

const EMPTY_ROUTE = new Int32Array(0);
