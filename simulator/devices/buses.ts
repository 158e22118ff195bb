/**
 * @module simulator/devices/buses
 * Buses in traffic: each bus stops at its trip's stops, dwells for its passengers (a fixed door time
 * plus per boarding and per alighting, TCQSM 3rd ed. ch. 6: ~2.5 s per boarding with card payment,
 * ~1.5 s per alighting), its card reader taps riders in and out, and its GPS unit reports positions
 * with noise, a period and dropouts; `gps-dropout` and `gps-jump` events silence or displace it.
 */
import type { ScenarioEvent } from '../../core/index.ts';
import type { Rng, SimNet, Simulation } from '../engine/index.ts';
import type { BusTrip } from './bus-trips.ts';
import type { FareCards, Rider, TapContext } from './fare-cards.ts';
import { pointOnLane } from './geometry.ts';
import type { Envelopes, MessageSink } from './sink.ts';

/** GPS unit and dwell options. */
export type BusOptions = {
  /** Seconds between fixes. Default 10. */
  readonly gpsPeriodS?: number;
  /** Standard deviation of position noise, metres. Default 3. */
  readonly gpsNoiseM?: number;
  /** Probability that a fix is lost. Default 0.02. */
  readonly gpsDropoutProb?: number;
};

const DEFAULTS = Object.freeze({ gpsPeriodS: 10, gpsNoiseM: 3, gpsDropoutProb: 0.02 });
const DOOR_S = 4;
const BOARD_S = 2.5;
const ALIGHT_S = 1.5;

type GpsEvent = Extract<ScenarioEvent, { type: 'gps-dropout' | 'gps-jump' }>;

type Bus = {
  readonly trip: BusTrip;
  readonly slot: number;
  next: number;
  readonly riders: Rider[];
  nextFixS: number;
  lastServedS: number[];
};

/** What a bus device needs to know about its route's reader. */
export type ReaderInfo = Omit<TapContext, 'stopId' | 'vehicleId' | 'odometerKm'> & {
  readonly region: string;
};

/** The buses of a run. */
export class Buses {
  readonly #trips = new Map<string, BusTrip>();
  readonly #buses = new Map<number, Bus>();
  readonly #o: Required<BusOptions>;
  readonly #lastAtStop = new Map<string, number>();
  #served = 0;

  constructor(
    trips: readonly BusTrip[],
    private readonly readers: ReadonlyMap<string, ReaderInfo>,
    private readonly cards: FareCards,
    private readonly events: readonly ScenarioEvent[],
    private readonly sink: MessageSink | null,
    private readonly env: Envelopes,
    private readonly rng: Rng,
    options: BusOptions = {},
  ) {
    for (const t of trips) this.#trips.set(t.busId, t);
    this.#o = { ...DEFAULTS, ...options };
  }

  /** Stops served so far (all buses). */
  get stopsServed(): number {
    return this.#served;
  }

  /** Follow `sim`'s buses. */
  attach(sim: Simulation): this {
    sim.onInsert((slot, d) => {
      const id = sim.state.demand.departures[d]!.transitTripId;
      const trip = id === undefined ? undefined : this.#trips.get(id);
      if (trip === undefined) return;
      this.#buses.set(slot, { trip, slot, next: 0, riders: [], nextFixS: sim.timeS, lastServedS: [] });
      this.#arm(sim, slot, trip, 0);
    });
    sim.onArrive((slot) => this.#buses.delete(slot));
    sim.observe(() => {
      for (const bus of this.#buses.values()) this.#step(sim, bus);
    });
    return this;
  }

  #arm(sim: Simulation, slot: number, trip: BusTrip, i: number): void {
    const veh = sim.state.veh;
    const stop = trip.stops[i];
    veh.stopLink[slot] = stop === undefined ? -1 : stop.link;
    veh.stopPos[slot] = stop?.positionM ?? 0;
    veh.dwellUntilS[slot] = Number.NaN;
  }

  #step(sim: Simulation, bus: Bus): void {
    const st = sim.state;
    const veh = st.veh;
    const k = bus.slot;
    const t = st.timeS;
    const link = st.net.laneLink[veh.lane[k]!]!;
    const stop = bus.trip.stops[bus.next];
    if (stop !== undefined) {
      const dwelling = !Number.isNaN(veh.dwellUntilS[k]!);
      const routeIdx = bus.trip.links.indexOf(link);
      const passed =
        bus.trip.links.indexOf(stop.link) < routeIdx ||
        (link === stop.link && veh.x[k]! > stop.positionM + 1);
      if (dwelling && t >= veh.dwellUntilS[k]!) {
        bus.next++;
        this.#arm(sim, k, bus.trip, bus.next);
      } else if (
        !dwelling &&
        link === stop.link &&
        Math.abs(veh.x[k]! - stop.positionM) < 1.5 &&
        veh.v[k]! < 0.3
      ) {
        veh.dwellUntilS[k] = t + this.#serve(sim, bus, stop.stopId);
      } else if (!dwelling && passed) {
        bus.next++;
        this.#arm(sim, k, bus.trip, bus.next);
      }
    }
    if (t >= bus.nextFixS) {
      bus.nextFixS = t + this.#o.gpsPeriodS;
      this.#fix(sim, bus);
    }
  }

  /** Alight and board at a stop; returns the dwell time. */
  #serve(sim: Simulation, bus: Bus, stopId: string): number {
    this.#served++;
    const reader = this.readers.get(bus.trip.routeId);
    const now = sim.nowMs;
    const ctx: TapContext | null =
      reader === undefined
        ? null
        : { ...reader, stopId, vehicleId: bus.trip.busId, odometerKm: this.#odometerKm(sim, bus) };
    let alight = 0;
    for (let i = bus.riders.length - 1; i >= 0; i--) {
      const r = bus.riders[i]!;
      if (r.alightAt > bus.next) continue;
      bus.riders.splice(i, 1);
      alight++;
      if (ctx !== null && reader !== undefined && !this.cards.forgetsTapOut())
        this.sink?.(reader.region, this.cards.tap(r, 'out', ctx, this.env.next(reader.readerId, now)));
    }
    // Riders waiting since the last bus at this stop (Poisson arrivals at the stop's rate).
    const key = `${bus.trip.routeId}|${stopId}`;
    const since = sim.timeS - (this.#lastAtStop.get(key) ?? sim.timeS - 600);
    this.#lastAtStop.set(key, sim.timeS);
    const remaining = bus.trip.stops.length - bus.next - 1;
    const mean = remaining > 0 ? (this.cards.boardingsPerHour * Math.min(since, 1800)) / 3600 : 0;
    let board = 0;
    for (let p = Math.exp(-mean), u = this.rng.next(); u > p && board < 60; board++) u *= this.rng.next();
    for (let i = 0; i < board; i++) {
      const r = this.cards.board(now, bus.next + 1 + this.rng.int(remaining));
      bus.riders.push(r);
      if (ctx !== null && reader !== undefined)
        this.sink?.(reader.region, this.cards.tap(r, 'in', ctx, this.env.next(reader.readerId, now)));
    }
    return DOOR_S + BOARD_S * board + ALIGHT_S * alight;
  }

  #odometerKm(sim: Simulation, bus: Bus): number {
    const net = sim.state.net;
    const link = net.laneLink[sim.state.veh.lane[bus.slot]!]!;
    let m = Math.max(0, sim.state.veh.x[bus.slot]!);
    for (const l of bus.trip.links) {
      if (l === link) break;
      m += net.linkLength[l]!;
    }
    return m / 1000;
  }

  #event(type: GpsEvent['type'], bus: Bus, t: number): GpsEvent | undefined {
    return this.events.find(
      (e): e is GpsEvent =>
        e.type === type &&
        t >= e.beginS &&
        t < e.endS &&
        (e.vehicleId === bus.trip.busId ||
          e.routeId === bus.trip.routeId ||
          (e.vehicleId === undefined && e.routeId === undefined)),
    );
  }

  #fix(sim: Simulation, bus: Bus): void {
    if (this.sink === null) return;
    const t = sim.timeS;
    if (this.rng.next() < this.#o.gpsDropoutProb || this.#event('gps-dropout', bus, t) !== undefined) return;
    const st = sim.state;
    const net: SimNet = st.net;
    const lane = st.veh.lane[bus.slot]!;
    const p = pointOnLane(net, lane, Math.max(0, st.veh.x[bus.slot]!));
    let x = p.x + this.rng.normal() * this.#o.gpsNoiseM;
    let y = p.y + this.rng.normal() * this.#o.gpsNoiseM;
    const jump = this.#event('gps-jump', bus, t);
    if (jump !== undefined && jump.type === 'gps-jump') {
      x += jump.distanceM;
      y += jump.distanceM * 0.3;
    }
    const [lon, lat] = net.toLonLat(x, y);
    const reader = this.readers.get(bus.trip.routeId);
    this.sink(reader?.region ?? 'sim', {
      kind: 'bus.position',
      ...this.env.next(`gps-${bus.trip.busId}`.slice(0, 64), sim.nowMs),
      vehicleId: bus.trip.busId,
      routeId: bus.trip.routeId,
      tripId: bus.trip.tripId,
      lat,
      lon,
      speedMps: Math.min(100, Math.round(st.veh.v[bus.slot]! * 100) / 100),
      headingDeg: (Math.round(p.headingDeg * 10) / 10) % 360,
      fixQuality: 1,
      hdop: 0.9,
      passengers: Math.min(500, bus.riders.length),
    });
  }
}
