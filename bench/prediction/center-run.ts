/**
 * @module bench/prediction/center-run
 * The demo city in the simulator with the live system's own code in the loop: every simulated field
 * message goes to the region's `EdgeNode` (bus tracking turns GPS fixes into progress, stop events
 * and segment times), the edge's `UplinkForwarder` seals them into `edge.batch` payloads each second,
 * and the center's `CenterIngest` validates and stores them in a `MemoryStateStore` whose updates
 * feed the center's `ArrivalService`. Every `sampleS` the center's predictions for every bus are
 * recorded with the two baselines, to be scored against {@link ArrivalTruth} when the run ends.
 */
import { gtfsTimeToSeconds, loadScenario, type Message, type Scenario } from '../../core/index.ts';
import { CenterIngest } from '../../center/ingest/index.ts';
import { Metrics } from '../../center/metrics/index.ts';
import { buildCenterNetwork } from '../../center/network/index.ts';
import { ArrivalService, serviceDayStartMs, utcOffsetOf } from '../../center/prediction/index.ts';
import type { ArrivalServiceOptions } from '../../center/prediction/index.ts';
import { MemoryStateStore, type StateUpdate } from '../../center/state/index.ts';
import type { FieldMessage, Simulation } from '../../simulator/index.ts';
import { EdgesInTheLoop } from '../evaluation/edges-in-the-loop.ts';
import { ArrivalTruth } from './arrival-truth.ts';

/** One prediction made during the run, with the baselines' answers for the same bus and stop. */
export type PredictionSample = {
  readonly vehicleId: string;
  readonly stopId: string;
  readonly madeAtMs: number;
  readonly predictedMs: number;
  readonly lowMs: number;
  readonly highMs: number;
  /** The predictor's expected (mean) arrival and its σ, s, before it chose the point shown. */
  readonly expectedMs: number;
  readonly sdS: number;
  readonly scheduleMs: number;
  /** Schedule-deviation propagation: the deviation at the bus's current place (OneBusAway). */
  readonly propagationMs: number;
  /** The same, with the deviation at the bus's last stop event (arrival or departure) instead. */
  readonly lastStopPropagationMs: number;
};

/** Options of {@link runPredictionOnSimulator}. */
export type PredictionRunOptions = {
  readonly seed?: number;
  /** Simulated seconds to record predictions over. Default the scenario's duration (2 h). */
  readonly durationS?: number;
  /** Simulated seconds run on after that so the last predicted arrivals happen. Default 1200. */
  readonly tailS?: number;
  /** Seconds between prediction samples. Default 30. */
  readonly sampleS?: number;
  /**
   * Extra GPS noise added to every fix, metres (σ per axis), on top of the simulator's 3 m: urban
   * canyons give 5-10 m CEP (Modsching et al. 2006, Hannover). Default 7.
   */
  readonly extraGpsNoiseM?: number;
  /** Signal strategy of the edges. Default `actuated`. */
  readonly strategy?: string;
  /** Transit signal priority on the edges' strategy. Default off. */
  readonly tsp?: boolean;
  /** Options passed to the center's arrival service (predictor variants). */
  readonly arrivalOptions?: Omit<ArrivalServiceOptions, 'network' | 'clock'>;
  /** Sees every batch of store updates the center's arrival service receives (to replay them). */
  readonly onUpdates?: (nowMs: number, updates: readonly StateUpdate[]) => void;
  /** Sees the simulation before it starts (to observe the buses' ground truth beyond arrivals). */
  readonly onSimulation?: (sim: Simulation) => void;
};

/** What a run produced. */
export type PredictionRun = {
  readonly samples: readonly PredictionSample[];
  /** Every instant the predictions were recorded at (some may have yielded no sample). */
  readonly sampledAtMs: readonly number[];
  readonly truth: ArrivalTruth;
  readonly batches: number;
  readonly rejected: number;
  readonly gpsFixes: number;
  readonly wallS: number;
};

/** A seeded standard normal (Box-Muller over xorshift32). */
function normal(seed: number): () => number {
  let s = seed >>> 0 || 1;
  const u = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 2 ** 32;
  };
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/** One stop of a bus's timetable: scheduled arrival and departure (epoch ms), distance along the shape. */
type TimedStop = {
  readonly stopId: string;
  readonly arrivalMs: number;
  readonly departureMs: number;
  readonly distM: number;
};

/** The timetable of one bus (its GTFS trip instance), in stop order. */
function timetable(sc: Scenario, vehicleId: string, tripId: string | null, atMs: number): TimedStop[] | null {
  const trip = sc.transit?.trips.find((t) => t.id === tripId);
  // Simulated buses are named `bus-<tripId>-<start of the frequency instance, s of day>`.
  const startS = Number(/-(\d+)$/.exec(vehicleId)?.[1] ?? Number.NaN);
  const first = trip?.stopTimes[0];
  if (trip === undefined || first === undefined || !Number.isFinite(startS)) return null;
  const midnight = serviceDayStartMs(atMs, utcOffsetOf(sc.startTime));
  const base = gtfsTimeToSeconds(first.arrival);
  const at = (hms: string): number => midnight + (startS + gtfsTimeToSeconds(hms) - base) * 1000;
  return [...trip.stopTimes]
    .sort((a, b) => a.stopSequence - b.stopSequence)
    .map((st) => ({
      stopId: st.stopId,
      arrivalMs: at(st.arrival),
      departureMs: at(st.departure),
      distM: st.distM ?? Number.NaN,
    }));
}

/**
 * Schedule deviation of a bus at its current place, as OneBusAway computes it: the time of the report
 * minus the scheduled time at the bus's distance along the trip, interpolated between the scheduled
 * departure from the stop behind and the arrival at the stop ahead (a bus standing at a stop is held
 * against its scheduled departure once it is there). Null when the timetable has no distances.
 */
function deviationAtPlaceMs(tt: readonly TimedStop[], distanceM: number, atMs: number): number | null {
  const first = tt[0];
  if (first === undefined || !Number.isFinite(first.distM)) return null;
  if (distanceM <= first.distM) return atMs - first.arrivalMs;
  for (let i = 0; i + 1 < tt.length; i++) {
    const a = tt[i]!;
    const b = tt[i + 1]!;
    if (distanceM > b.distM) continue;
    const share = (distanceM - a.distM) / Math.max(1, b.distM - a.distM);
    return atMs - (a.departureMs + share * (b.arrivalMs - a.departureMs));
  }
  return atMs - (tt[tt.length - 1]?.arrivalMs ?? atMs);
}

/** Run the demo city with the edge and center in the loop and record every prediction. */
export async function runPredictionOnSimulator(o: PredictionRunOptions = {}): Promise<PredictionRun> {
  const wall0 = performance.now();
  const scenario = loadScenario('scenarios/demo-city');
  const durationS = o.durationS ?? scenario.durationS;
  const sampleS = o.sampleS ?? 30;
  const noise = normal((o.seed ?? 1) * 7919);
  const extraM = o.extraGpsNoiseM ?? 7;
  let gpsFixes = 0;
  const addGpsNoise = (message: FieldMessage): Message => {
    if (message.kind !== 'bus.position') return message;
    gpsFixes++;
    const dLat = (noise() * extraM) / 111_320;
    const dLon = (noise() * extraM) / (111_320 * Math.cos((message.lat * Math.PI) / 180));
    return { ...message, lat: message.lat + dLat, lon: message.lon + dLon };
  };
  const loop = new EdgesInTheLoop(scenario, {
    seed: o.seed ?? 1,
    endS: durationS + (o.tailS ?? 1200),
    transform: addGpsNoise,
    node: {
      strategy: o.strategy ?? 'actuated',
      tsp: o.tsp ?? false,
      // The signals' live timing as it changes, for a center that reads it (arrival `signalUse`).
      signalTimingOnChange: (o.arrivalOptions?.signalUse ?? 'none') !== 'none',
    },
  });
  const { clock } = loop;
  const { sim } = loop.run;
  const truth = new ArrivalTruth(sim, scenario);
  o.onSimulation?.(sim);

  const store = new MemoryStateStore({ clock });
  const network = buildCenterNetwork(scenario);
  const arrivals = new ArrivalService({ ...o.arrivalOptions, network, clock });
  const lastStopEvent = new Map<string, { stopId: string; event: 'arrive' | 'depart'; at: number }>();
  store.subscribe((updates) => {
    o.onUpdates?.(clock.now(), updates);
    arrivals.observe(updates);
    for (const u of updates)
      if (u.op === 'append' && u.stream === 'stopEvent') lastStopEvent.set(u.value.vehicleId, u.value);
  });
  const ingest = new CenterIngest({ store, clock, metrics: new Metrics() });

  const samples: PredictionSample[] = [];
  const sampledAtMs: number[] = [];
  const timetables = new Map<string, TimedStop[] | null>();
  const record = (nowMs: number): void => {
    sampledAtMs.push(nowMs);
    for (const { vehicle, predictions } of arrivals.allPredictions()) {
      let tt = timetables.get(vehicle.vehicleId);
      if (tt === undefined) {
        tt = timetable(scenario, vehicle.vehicleId, vehicle.tripId, nowMs);
        timetables.set(vehicle.vehicleId, tt);
      }
      if (tt === null) continue;
      // Schedule-deviation propagation (OneBusAway): as late as now, for every stop ahead.
      const devMs = deviationAtPlaceMs(tt, vehicle.distanceM, vehicle.at) ?? 0;
      // The same from the last stop event, against the scheduled time of that event.
      const ev = lastStopEvent.get(vehicle.vehicleId);
      const evStop = ev === undefined ? undefined : tt.find((t) => t.stopId === ev.stopId);
      const evDevMs =
        ev === undefined || evStop === undefined
          ? 0
          : ev.at - (ev.event === 'arrive' ? evStop.arrivalMs : evStop.departureMs);
      for (const p of predictions) {
        const sched = tt.find((t) => t.stopId === p.stopId)?.arrivalMs;
        if (sched === undefined) continue;
        samples.push({
          vehicleId: vehicle.vehicleId,
          stopId: p.stopId,
          madeAtMs: nowMs,
          predictedMs: p.etaMs,
          lowMs: p.lowMs,
          highMs: p.highMs,
          expectedMs: p.expectedMs,
          sdS: p.sdS,
          scheduleMs: sched,
          propagationMs: Math.max(nowMs, sched + devMs),
          lastStopPropagationMs: Math.max(nowMs, sched + evDevMs),
        });
      }
    }
  };

  const beginMs = loop.startMs;
  const endMs = beginMs + (durationS + (o.tailS ?? 1200)) * 1000;
  let nextSampleMs = beginMs + sampleS * 1000;
  let batches = 0;
  await loop.runUntil(
    endMs,
    (topic, payload) => {
      batches++;
      return ingest.handle(topic, payload);
    },
    (nowMs) => {
      if (nowMs >= nextSampleMs && nowMs <= beginMs + durationS * 1000) {
        nextSampleMs += sampleS * 1000;
        record(nowMs);
      }
    },
  );
  const rejected = Object.values(ingest.stats().rejected).reduce((a, b) => a + (b ?? 0), 0);
  return {
    samples,
    sampledAtMs,
    truth,
    batches,
    rejected,
    gpsFixes,
    wallS: (performance.now() - wall0) / 1000,
  };
}
