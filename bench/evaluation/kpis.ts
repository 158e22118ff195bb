/**
 * @module bench/evaluation/kpis
 * The figures an evaluation compares: the simulator's own KPIs (SUMO tripinfo definitions: time loss
 * = time lost driving below the ideal speed, over arrived trips), throughput, what is left unfinished
 * at the end, and the mean time loss of buses apart from general traffic (for transit priority).
 */
import { computeKpis, type RunKpis, type Simulation } from '../../simulator/index.ts';

/** Figures of one run. */
export type EvaluationKpis = {
  readonly departed: number;
  readonly inserted: number;
  readonly arrived: number;
  readonly running: number;
  readonly waitingToInsert: number;
  /** Arrived vehicles per simulated hour. */
  readonly throughputVph: number;
  readonly meanTimeLossS: number;
  readonly meanTravelTimeS: number;
  readonly meanStops: number;
  /** Time loss over every vehicle that entered: arrived trips plus those still running at the end. */
  readonly meanTimeLossAllS: number;
  /** Buses (transit trips) that entered, arrived or still running (long routes outlast a run). */
  readonly busTrips: number;
  /** Their mean delay so far: time loss minus dwell at stops, s; null when the run has none. */
  readonly busMeanTimeLossS: number | null;
  /** Every other vehicle that entered, same definition. */
  readonly generalMeanTimeLossS: number;
  readonly simulatedS: number;
  readonly wallS: number;
  /** The simulator's own figures (`its sim run --json` keys). */
  readonly kpis: RunKpis;
};

const round = (x: number): number => Math.round(x * 100) / 100;

/**
 * Time buses spend dwelling at stops, per demand index: boarding is not delay a signal strategy can
 * cause or cure, so bus delay is time loss minus dwell. Attach before the run.
 */
export class BusDwell {
  readonly #dwellS: Float64Array;
  readonly #isBus: Uint8Array;

  constructor(sim: Simulation) {
    const departures = sim.state.demand.departures;
    this.#dwellS = new Float64Array(departures.length);
    this.#isBus = Uint8Array.from(departures, (d) => (d.transitTripId === undefined ? 0 : 1));
    if (!this.#isBus.includes(1)) return;
    sim.observe((st) => {
      const { demand, dwellUntilS } = st.veh;
      for (let lane = 0; lane < st.lanes.lists.length; lane++) {
        const list = st.lanes.lists[lane]!;
        const n = st.lanes.counts[lane]!;
        for (let j = 0; j < n; j++) {
          const k = list[j]!;
          const d = demand[k]!;
          if (this.#isBus[d] === 1 && !Number.isNaN(dwellUntilS[k]!)) this.#dwellS[d]! += st.stepS;
        }
      }
    });
  }

  /** Seconds dwelt so far by the vehicle of departure `demandIndex`. */
  of(demandIndex: number): number {
    return this.#dwellS[demandIndex] ?? 0;
  }
}

/** Figures of `sim` after running from `beginS` for `wallMs` of wall time. */
export function runKpis(sim: Simulation, beginS: number, wallMs: number, dwell?: BusDwell): EvaluationKpis {
  const simulatedS = sim.timeS - beginS;
  const k = computeKpis(sim, wallMs, simulatedS);
  const st = sim.state;
  const departures = st.demand.departures;
  const trips = sim.trips;
  let bus = 0;
  let busLoss = 0;
  let general = 0;
  let generalLoss = 0;
  for (let i = 0; i < trips.count; i++) {
    const d = departures[trips.demand[i]!];
    if (d?.transitTripId !== undefined) {
      bus++;
      busLoss += trips.timeLossS[i]! - (dwell?.of(trips.demand[i]!) ?? 0);
    } else {
      general++;
      generalLoss += trips.timeLossS[i]!;
    }
  }
  let runningLoss = 0;
  for (let lane = 0; lane < st.lanes.lists.length; lane++) {
    const list = st.lanes.lists[lane]!;
    const n = st.lanes.counts[lane]!;
    for (let j = 0; j < n; j++) {
      const k = list[j]!;
      const loss = st.veh.timeLossS[k]!;
      runningLoss += loss;
      if (departures[st.veh.demand[k]!]?.transitTripId !== undefined) {
        bus++;
        busLoss += loss - (dwell?.of(st.veh.demand[k]!) ?? 0);
      } else {
        general++;
        generalLoss += loss;
      }
    }
  }
  let departed = 0;
  for (const d of departures) if (d.departS <= sim.timeS) departed++;
  const entered = k.vehiclesArrived + k.vehiclesRunning;
  return {
    departed,
    inserted: k.vehiclesInserted,
    arrived: k.vehiclesArrived,
    running: k.vehiclesRunning,
    waitingToInsert: k.vehiclesWaitingToInsert,
    throughputVph: Math.round((k.vehiclesArrived * 3600) / Math.max(1, simulatedS)),
    meanTimeLossS: k.meanTimeLossS,
    meanTravelTimeS: k.meanTravelTimeS,
    meanStops: k.meanStops,
    meanTimeLossAllS: round((st.counters.sumTimeLossS + runningLoss) / Math.max(1, entered)),
    busTrips: bus,
    busMeanTimeLossS: bus > 0 ? round(busLoss / bus) : null,
    generalMeanTimeLossS: round(generalLoss / Math.max(1, general)),
    simulatedS: round(simulatedS),
    wallS: round(wallMs / 1000),
    kpis: k,
  };
}
