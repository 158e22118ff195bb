/**
 * @module bench/prediction/arrival-truth
 * Ground truth for arrival prediction: the instant each simulated bus actually stops at each of its
 * stops, read from the simulator's vehicle state (a bus starts dwelling when `dwellUntilS` is set on
 * reaching a stop). Keyed by the bus id the bus's GPS unit reports as its vehicle id.
 */
import type { Scenario } from '../../core/index.ts';
import { busTrips, type BusTrip, type Simulation } from '../../simulator/index.ts';

/** Actual arrival times of every bus at every stop it served. */
export class ArrivalTruth {
  readonly #arrivals = new Map<string, number>();
  readonly #slots = new Map<number, { trip: BusTrip; dwelling: boolean }>();
  readonly #trips: Map<string, BusTrip>;

  constructor(sim: Simulation, scenario: Scenario) {
    this.#trips = new Map(busTrips(scenario, sim.state.net).map((t) => [t.busId, t]));
    sim.onInsert((slot, d) => {
      const id = sim.state.demand.departures[d]?.transitTripId;
      const trip = id === undefined ? undefined : this.#trips.get(id);
      if (trip !== undefined) this.#slots.set(slot, { trip, dwelling: false });
    });
    sim.onArrive((slot) => this.#slots.delete(slot));
    sim.observe((st) => {
      const veh = st.veh;
      for (const [slot, bus] of this.#slots) {
        const dwelling = !Number.isNaN(veh.dwellUntilS[slot] ?? Number.NaN);
        if (dwelling && !bus.dwelling) {
          const link = veh.stopLink[slot];
          const pos = veh.stopPos[slot];
          const stop = bus.trip.stops.find((s) => s.link === link && s.positionM === pos);
          const key = stop === undefined ? null : `${bus.trip.busId}|${stop.stopId}`;
          if (key !== null && !this.#arrivals.has(key)) this.#arrivals.set(key, sim.nowMs);
        }
        bus.dwelling = dwelling;
      }
    });
  }

  /** When bus `vehicleId` stopped at `stopId`, epoch ms, or undefined if it has not (yet). */
  arrivalMs(vehicleId: string, stopId: string): number | undefined {
    return this.#arrivals.get(`${vehicleId}|${stopId}`);
  }

  /** The simulated trip of a bus. */
  trip(vehicleId: string): BusTrip | undefined {
    return this.#trips.get(vehicleId);
  }

  /** Arrivals recorded so far. */
  get size(): number {
    return this.#arrivals.size;
  }
}
