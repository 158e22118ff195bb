/**
 * @module simulator/devices/loop-detectors
 * Inductive loops on lanes: presence each step (fed to the controllers for actuation, and emitted as
 * `det.actuation` on/off edges) and per-interval volume, occupancy and mean spot speed (`det.report`,
 * NTCIP 1202 volume/occupancy). A `detector-stuck` event forces a loop's output on or off.
 */
import type { Detector, ScenarioEvent } from '../../core/index.ts';
import type { SimState, Simulation } from '../engine/index.ts';
import type { Envelopes, MessageSink } from './sink.ts';

type StuckEvent = Extract<ScenarioEvent, { type: 'detector-stuck' }>;

/** Totals of one loop over the whole run (for tests and reports). */
export type LoopTotals = { readonly id: string; readonly volume: number; readonly occupiedS: number };

/** The loops of a run; attach with {@link LoopDetectors.attach}. */
export class LoopDetectors {
  readonly #defs: Detector[] = [];
  readonly #lane: Int32Array;
  readonly #p0: Float64Array;
  readonly #p1: Float64Array;
  readonly #on: Uint8Array;
  readonly #volume: Int32Array;
  readonly #occS: Float64Array;
  readonly #speedSum: Float64Array;
  readonly #totalVolume: Int32Array;
  readonly #totalOccS: Float64Array;
  readonly #intervalStartS: Float64Array;
  readonly #stuck: StuckEvent[];
  readonly #sink: MessageSink | null;
  readonly #env: Envelopes;

  constructor(
    sim: Simulation,
    detectors: readonly Detector[],
    events: readonly ScenarioEvent[],
    sink: MessageSink | null,
    env: Envelopes,
  ) {
    const net = sim.state.net;
    for (const d of detectors) {
      const link = net.linkIndexById.get(d.linkId);
      if (link === undefined || d.lane >= net.linkLaneCount[link]!) continue;
      this.#defs.push(d);
    }
    const n = this.#defs.length;
    this.#lane = Int32Array.from(
      this.#defs,
      (d) => net.linkLaneStart[net.linkIndexById.get(d.linkId)!]! + d.lane,
    );
    this.#p0 = Float64Array.from(this.#defs, (d) => d.positionM);
    this.#p1 = Float64Array.from(this.#defs, (d) => d.positionM + d.lengthM);
    this.#on = new Uint8Array(n);
    this.#volume = new Int32Array(n);
    this.#occS = new Float64Array(n);
    this.#speedSum = new Float64Array(n);
    this.#totalVolume = new Int32Array(n);
    this.#totalOccS = new Float64Array(n);
    this.#intervalStartS = new Float64Array(n).fill(sim.timeS);
    this.#stuck = events.filter((e): e is StuckEvent => e.type === 'detector-stuck');
    this.#sink = sink;
    this.#env = env;
  }

  /** Observe `sim` every step. */
  attach(sim: Simulation): this {
    sim.observe((st) => this.#step(st, sim));
    return this;
  }

  /** Whole-run totals per loop. */
  totals(): LoopTotals[] {
    return this.#defs.map((d, i) => ({
      id: d.id,
      volume: this.#totalVolume[i]!,
      occupiedS: this.#totalOccS[i]!,
    }));
  }

  #stuckState(id: string, t: number): number {
    for (const e of this.#stuck)
      if (e.detectorId === id && t >= e.beginS && t < e.endS) return e.state === 'on' ? 1 : 0;
    return -1;
  }

  #step(st: SimState, sim: Simulation): void {
    const { x, v, type } = st.veh;
    const dt = st.stepS;
    const t = st.timeS;
    for (let i = 0; i < this.#defs.length; i++) {
      const lane = this.#lane[i]!;
      const p0 = this.#p0[i]!;
      const p1 = this.#p1[i]!;
      const list = st.lanes.lists[lane]!;
      const n = st.lanes.counts[lane]!;
      let occupied = 0;
      for (let j = 0; j < n; j++) {
        const k = list[j]!;
        const xk = x[k]!;
        if (xk < p0) break;
        if (xk - st.tLen[type[k]!]! < p1) occupied = 1;
        if (xk - v[k]! * dt < p0) {
          this.#volume[i]!++;
          this.#totalVolume[i]!++;
          this.#speedSum[i]! += v[k]!;
        }
      }
      const def = this.#defs[i]!;
      if (this.#stuck.length > 0) {
        const s = this.#stuckState(def.id, t - dt / 2);
        if (s >= 0) occupied = s;
      }
      if (occupied === 1) {
        this.#occS[i]! += dt;
        this.#totalOccS[i]! += dt;
      }
      if (occupied !== this.#on[i]) {
        this.#on[i] = occupied;
        sim.signals.setDetector(def.id, occupied === 1);
        this.#sink?.(def.region, {
          kind: 'det.actuation',
          ...this.#env.next(def.id, sim.nowMs),
          state: occupied === 1 ? 'on' : 'off',
        });
      }
      if (t - this.#intervalStartS[i]! >= def.intervalS - 1e-9) this.#report(i, sim);
    }
  }

  #report(i: number, sim: Simulation): void {
    const def = this.#defs[i]!;
    const startS = this.#intervalStartS[i]!;
    const vol = this.#volume[i]!;
    this.#sink?.(def.region, {
      kind: 'det.report',
      ...this.#env.next(def.id, sim.nowMs),
      intervalStart: Math.round(sim.options.epochMs + startS * 1000),
      intervalS: def.intervalS,
      volume: vol,
      occupancyPct: Math.min(100, Math.round((this.#occS[i]! / def.intervalS) * 1000) / 10),
      speedKmh: vol > 0 ? Math.round((this.#speedSum[i]! / vol) * 3.6 * 10) / 10 : null,
    });
    this.#intervalStartS[i] = startS + def.intervalS;
    this.#volume[i] = 0;
    this.#occS[i] = 0;
    this.#speedSum[i] = 0;
  }
}
