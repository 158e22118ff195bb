/**
 * @module simulator/devices/subway
 * Subway gates: riders arrive at each station's gates (Poisson, the scenario's boardings per stop per
 * hour), tap in — some of them transferring from a bus they just left — and tap out at another station
 * of the line after the ride (about two minutes per station, plus walking). The exit gate reports the
 * ride distance from its station-distance table (great-circle distance between the stations).
 */
import { haversineM } from '../../core/scenario/index.ts';
import type { Scenario } from '../../core/index.ts';
import type { Rng, Simulation } from '../engine/index.ts';
import type { FareCards, Rider } from './fare-cards.ts';
import type { Envelopes, MessageSink } from './sink.ts';

type Gate = {
  readerId: string;
  region: string;
  operatorId: string;
  line: string;
  stopId: string;
  lon: number;
  lat: number;
};
type Ride = { rider: Rider; outAtS: number; gate: Gate; legKm: number };

/** Seconds per station hop and fixed walking time. */
const HOP_S = 120;
const WALK_S = 90;

/** The subway gates of a run. */
export class SubwayGates {
  readonly #lines = new Map<string, Gate[]>();
  readonly #rides: Ride[] = [];
  #nextArrival: number[] = [];
  #taps = 0;

  constructor(
    sc: Scenario,
    private readonly cards: FareCards,
    private readonly sink: MessageSink | null,
    private readonly env: Envelopes,
    private readonly rng: Rng,
  ) {
    const stops = new Map((sc.transit?.stops ?? []).map((s) => [s.id, s]));
    for (const r of sc.fareReaders) {
      if (r.mode !== 'subway' || r.stopId === null || r.routeId === null) continue;
      const stop = stops.get(r.stopId);
      if (stop === undefined) continue;
      const list = this.#lines.get(r.routeId) ?? [];
      list.push({
        readerId: r.id,
        region: r.region,
        operatorId: r.operatorId,
        line: r.routeId,
        stopId: r.stopId,
        lon: stop.lon,
        lat: stop.lat,
      });
      this.#lines.set(r.routeId, list);
    }
  }

  /** Taps made so far. */
  get taps(): number {
    return this.#taps;
  }

  /** Watch `sim`. */
  attach(sim: Simulation): this {
    const gates = [...this.#lines.values()].flat();
    if (gates.length < 2) return this;
    const meanS = 3600 / Math.max(1e-6, this.cards.boardingsPerHour);
    this.#nextArrival = gates.map(() => sim.timeS + this.rng.exponential(meanS));
    sim.observe(() => {
      const t = sim.timeS;
      gates.forEach((g, i) => {
        while (this.#nextArrival[i]! <= t) {
          this.#enter(sim, g);
          this.#nextArrival[i]! += this.rng.exponential(meanS);
        }
      });
      for (let i = this.#rides.length - 1; i >= 0; i--) {
        const ride = this.#rides[i]!;
        if (ride.outAtS > t) continue;
        this.#rides.splice(i, 1);
        if (this.cards.forgetsTapOut()) continue;
        this.#tap(sim, ride.rider, 'out', ride.gate, ride.legKm);
      }
    });
    return this;
  }

  #enter(sim: Simulation, from: Gate): void {
    const line = this.#lines.get(from.line)!;
    const a = line.indexOf(from);
    let b = this.rng.int(line.length - 1);
    if (b >= a) b++;
    const to = line[b]!;
    const rider = this.cards.board(sim.nowMs, 0);
    this.#tap(sim, rider, 'in', from);
    const legKm = haversineM([from.lon, from.lat], [to.lon, to.lat]) / 1000;
    this.#rides.push({ rider, outAtS: sim.timeS + WALK_S + Math.abs(b - a) * HOP_S, gate: to, legKm });
  }

  #tap(sim: Simulation, rider: Rider, dir: 'in' | 'out', g: Gate, legKm?: number): void {
    this.#taps++;
    const tap = this.cards.tap(
      rider,
      dir,
      {
        readerId: g.readerId,
        mode: 'subway',
        operatorId: g.operatorId,
        routeId: g.line,
        stopId: g.stopId,
        vehicleId: null,
        odometerKm: null,
        ...(legKm === undefined ? {} : { legKm }),
      },
      this.env.next(g.readerId, sim.nowMs),
    );
    this.sink?.(g.region, tap);
  }
}
