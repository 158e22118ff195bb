/**
 * @module simulator/devices/tolls
 * Hi-pass-like toll gantries: every vehicle whose front passes a gantry's position emits a
 * `toll.pass` with its tariff class, its OBU (if it has one, by the type's OBU share) and its plate.
 * Identity is derived from the vehicle's departure index and the seed, so runs are reproducible.
 */
import type { Scenario } from '../../core/index.ts';
import type { SimState, Simulation } from '../engine/index.ts';
import type { Envelopes, MessageSink } from './sink.ts';

const PLATE_HANGUL = [
  '가',
  '나',
  '다',
  '라',
  '마',
  '거',
  '너',
  '더',
  '러',
  '머',
  '버',
  '서',
  '어',
  '저',
  '고',
  '노',
  '도',
  '로',
  '모',
  '보',
  '소',
  '오',
  '조',
  '구',
  '누',
  '두',
  '루',
  '무',
  '부',
  '수',
  '우',
  '주',
  '하',
  '허',
  '호',
];

/** A 32-bit hash of two integers (splitmix-like), for per-vehicle attributes. */
function mix(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  h ^= h >>> 12;
  return h >>> 0;
}

/** The gantries of a run. */
export class TollGantries {
  readonly #gantries: { id: string; region: string; link: number; positionM: number }[] = [];
  readonly #tollClass: string[];
  readonly #obuShare: number[];
  #passes = 0;

  constructor(
    sc: Scenario,
    sim: Simulation,
    private readonly sink: MessageSink | null,
    private readonly env: Envelopes,
    private readonly seed: number,
  ) {
    const net = sim.state.net;
    for (const g of sc.tollGantries) {
      const link = net.linkIndexById.get(g.linkId);
      if (link !== undefined)
        this.#gantries.push({ id: g.id, region: g.region, link, positionM: g.positionM });
    }
    const types = new Map(sc.demand.vehicleTypes.map((t) => [t.id, t]));
    this.#tollClass = sim.state.demand.types.map((t) => types.get(t.id)?.tollClass ?? '1');
    this.#obuShare = sim.state.demand.types.map((t) => types.get(t.id)?.obuShare ?? 0.85);
  }

  /** Passes recorded so far. */
  get passes(): number {
    return this.#passes;
  }

  /** Watch `sim`. */
  attach(sim: Simulation): this {
    if (this.#gantries.length > 0) sim.observe((st) => this.#step(st, sim));
    return this;
  }

  #step(st: SimState, sim: Simulation): void {
    const { x, v, demand, type } = st.veh;
    const net = st.net;
    for (const g of this.#gantries) {
      const first = net.linkLaneStart[g.link]!;
      for (let lane = first; lane < first + net.linkLaneCount[g.link]!; lane++) {
        const list = st.lanes.lists[lane]!;
        for (let j = 0; j < st.lanes.counts[lane]!; j++) {
          const k = list[j]!;
          const xk = x[k]!;
          if (xk < g.positionM) break;
          if (xk - v[k]! * st.stepS >= g.positionM) continue;
          this.#passes++;
          const d = demand[k]!;
          const h = mix(this.seed, d);
          const hasObu = (h % 10_000) / 10_000 < this.#obuShare[type[k]!]!;
          const plate = `${10 + (h % 90)}${PLATE_HANGUL[(h >>> 8) % PLATE_HANGUL.length]}${String((h >>> 12) % 10_000).padStart(4, '0')}`;
          const cls = this.#tollClass[type[k]!]! as '1' | '2' | '3' | '4' | '5' | 'light';
          this.sink?.(g.region, {
            kind: 'toll.pass',
            ...this.env.next(g.id, sim.nowMs),
            gantryId: g.id,
            obuId: hasObu ? `OBU${String(mix(d, this.seed) % 100_000_000).padStart(8, '0')}` : null,
            vehicleClass: cls,
            plate,
            lane: net.laneIndex[lane]! + 1,
            balanceKrw: hasObu ? 50_000 : null,
          });
        }
      }
    }
  }
}
