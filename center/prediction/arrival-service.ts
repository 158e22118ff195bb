/**
 * @module center/prediction/arrival-service
 * Keeps what arrival prediction needs up to date from store updates (live buses, segment times,
 * stop events) and answers "what arrives at this stop": each bus serving the stops asked for is
 * predicted once (or its kept predictions reused), and stop-board assembles each stop's board.
 */
import type { Clock } from '../../core/index.ts';
import { patternForVehicle, type CenterNetwork, type StopPattern } from '../network/index.ts';
import type { StopBoard } from '../../core/api/index.ts';
import type { StateStore, StateUpdate, VehicleRecord } from '../state/index.ts';
import { DwellModel } from './dwell-model.ts';
import {
  placeOnSegment,
  predictVehicle,
  type ArrivalPrediction,
  type PredictContext,
} from './predict-vehicle.ts';
import { PointCalibrator } from './point-calibrator.ts';
import { PredictionCache, type VehiclePredictions } from './prediction-cache.ts';
import { SegmentProfile } from './segment-profile.ts';
import { STANDING_MPS } from './current-segment.ts';
import { utcOffsetOf } from './schedule.ts';
import { SegmentSmoother } from './segment-smoother.ts';
import { SignalBoard, stopLineClass, stopLineDelayS } from './signal-wait.ts';
import { ShownBoards, type BusChange } from './shown-boards.ts';
import { StopBoardMaker } from './stop-board.ts';
import { stopPlaces } from './stop-places.ts';
import { StopLines } from './stop-lines.ts';
import type { ArrivalServiceOptions } from './arrival-options.ts';

// The board is a contract with the sign pages (core/api): one definition for both sides.
export type { BoardArrival, RouteBoard, StopBoard } from '../../core/api/index.ts';
export type { ArrivalServiceOptions } from './arrival-options.ts';

/** A bus with nothing to predict (stale, off its route, no pattern). */
const NO_PREDICTIONS: VehiclePredictions = Object.freeze({ directionId: null, predictions: [] });

/** A prediction as made at `nowMs`: an arrival already due reads `nowMs`. */
function notBefore(p: ArrivalPrediction, nowMs: number): ArrivalPrediction {
  return p.etaMs >= nowMs && p.lowMs >= nowMs
    ? p
    : { ...p, etaMs: Math.max(nowMs, p.etaMs), lowMs: Math.max(nowMs, p.lowMs) };
}

/** Arrival prediction kept current from store updates. */
export class ArrivalService {
  readonly #net: CenterNetwork;
  readonly #clock: Clock;
  readonly #maxAgeMs: number;
  readonly #offsetMs: number;
  readonly #segmentFactor: ArrivalServiceOptions['segmentFactor'];
  readonly #prediction: ArrivalServiceOptions['prediction'];
  readonly smoother: SegmentSmoother;
  readonly dwell: DwellModel;
  readonly profile: SegmentProfile | null;
  readonly calibrator: PointCalibrator | null;
  readonly signals: SignalBoard | null;
  readonly #signalUse: 'none' | 'delay' | 'profile';
  readonly #stopLines: StopLines;
  readonly #vehicles = new Map<string, VehicleRecord>();
  /** Since when each standing bus has stood (its first report below the standing speed). */
  readonly #standingSince = new Map<string, number>();
  readonly #cache: PredictionCache;
  readonly #boards: StopBoardMaker;
  /** Per stop, what the last board made for it showed (see {@link ArrivalService.changedBoards}). */
  readonly #shown = new ShownBoards();

  constructor(options: ArrivalServiceOptions) {
    this.#net = options.network;
    this.#clock = options.clock;
    this.#maxAgeMs = options.maxVehicleAgeMs ?? 120_000;
    this.#offsetMs = utcOffsetOf(options.network.scenario.startTime);
    this.#segmentFactor = options.segmentFactor;
    this.#prediction = options.prediction;
    this.#cache = new PredictionCache({ maxAgeMs: options.predictionMaxAgeMs });
    this.smoother = new SegmentSmoother({ ...options.smoothing, utcOffsetMs: this.#offsetMs });
    this.dwell = new DwellModel(options.dwellModel);
    this.profile = options.segmentProfile === false ? null : new SegmentProfile(options.segmentProfile);
    this.calibrator =
      options.pointCalibration === false ? null : new PointCalibrator(options.pointCalibration);
    this.#signalUse = options.signalUse ?? 'none';
    this.signals = this.#signalUse === 'none' ? null : new SignalBoard();
    this.#stopLines = new StopLines(options.network);
    this.#places = stopPlaces(options.network);
    this.#boards = new StopBoardMaker(
      options.network,
      this.#offsetMs,
      (id) => this.#vehicles.get(id)?.at ?? null,
    );
  }

  /** Load what the store already holds (vehicles, recent segment times and stop events). */
  async warm(store: StateStore): Promise<void> {
    for (const v of await store.list('vehicle')) this.#vehicles.set(v.vehicleId, v);
    for (const s of await store.recent('segmentTime', 5000)) {
      this.smoother.observe(s.routeId, s.fromStopId, s.toStopId, s.departedAt, s.travelTimeS);
    }
    for (const e of await store.recent('stopEvent', 5000))
      this.dwell.observe(e.vehicleId, e.stopId, e.event, e.at, e.routeId);
  }

  /**
   * Apply store updates; returns the stops whose boards may have changed: for a bus's report, the
   * stops ahead of it now and as of its previous report.
   */
  observe(updates: readonly StateUpdate[]): Set<string> {
    const stops = new Set<string>();
    for (const u of updates) {
      if (u.op === 'put' && u.collection === 'vehicle') {
        const prev = this.#vehicles.get(u.id);
        this.#vehicles.set(u.id, u.value);
        this.#cache.invalidate(u.id);
        if (u.value.speedMps >= STANDING_MPS) this.#standingSince.delete(u.id);
        else if (!this.#standingSince.has(u.id)) this.#standingSince.set(u.id, u.value.at);
        this.#learnPlace(u.value);
        // The boards it was on (from its last report's next stop on) and those it may be on now.
        this.#touch(stops, u.value);
        if (prev !== undefined) this.#touch(stops, prev);
      } else if (u.op === 'put' && u.collection === 'signal') {
        this.signals?.observe(u.value.intersectionId, u.value.timing);
      } else if (u.op === 'delete' && u.collection === 'vehicle') {
        const prev = this.#vehicles.get(u.id);
        this.#vehicles.delete(u.id);
        this.#cache.invalidate(u.id);
        this.profile?.forget(u.id);
        this.calibrator?.forget(u.id);
        this.#standingSince.delete(u.id);
        if (prev !== undefined) this.#touch(stops, prev);
      } else if (u.op === 'append' && u.stream === 'segmentTime') {
        const s = u.value;
        this.smoother.observe(s.routeId, s.fromStopId, s.toStopId, s.departedAt, s.travelTimeS);
      } else if (u.op === 'append' && u.stream === 'stopEvent') {
        const e = u.value;
        const load = this.#vehicles.get(e.vehicleId)?.passengers ?? null;
        this.dwell.observe(e.vehicleId, e.stopId, e.event, e.at, e.routeId, load);
        // Its own arrival or departure switches the bus between the rest of its dwell and its place.
        this.#cache.invalidate(e.vehicleId);
        if (e.event === 'arrive') {
          this.profile?.observeArrival(e.vehicleId, e.stopId, e.at);
          this.calibrator?.observeArrival(e.vehicleId, e.stopId, e.at);
        }
      }
    }
    return stops;
  }

  /** Predictions of every fresh bus, for GTFS-realtime TripUpdates. */
  allPredictions(): { vehicle: VehicleRecord; predictions: ArrivalPrediction[] }[] {
    const now = this.#clock.now();
    const out: { vehicle: VehicleRecord; predictions: ArrivalPrediction[] }[] = [];
    for (const v of this.#vehicles.values()) {
      const p = this.#predictDirected(v, now).predictions;
      // Kept predictions are absolute times; one already passed reads "now", as a fresh one would.
      if (p.length > 0) out.push({ vehicle: v, predictions: p.map((x) => notBefore(x, now)) });
    }
    return out;
  }

  /** The board of a stop, or null for an unknown stop. */
  board(stopId: string): StopBoard | null {
    return this.boards([stopId]).get(stopId) ?? null;
  }

  /**
   * The boards of several stops (unknown stops left out). Each fresh bus of a route serving any of
   * them is predicted once for all of them: predicting every bus again for each stop made one bus
   * update cost (stops subscribed on its route) × (buses on those routes) predictions.
   */
  boards(stopIds: Iterable<string>): Map<string, StopBoard> {
    const now = this.#clock.now();
    const wanted = new Map<string, { name: string; nameEn: string | null; routeIds: string[] }>();
    const routesServed = new Set<string>();
    for (const stopId of stopIds) {
      const stop = this.#net.stops.get(stopId);
      if (stop === undefined || wanted.has(stopId)) continue;
      const routeIds = [...new Set((this.#net.patternsByStop.get(stopId) ?? []).map((p) => p.routeId))];
      wanted.set(stopId, { name: stop.name, nameEn: stop.nameEn ?? null, routeIds: routeIds.sort() });
      for (const r of routeIds) routesServed.add(r);
    }
    // Per watched stop and route, the live arrivals; per bus, the direction of its pattern.
    const live = new Map<string, Map<string, ArrivalPrediction[]>>();
    const directionOf = new Map<string, number | null>();
    if (wanted.size > 0) {
      for (const v of this.#vehicles.values()) {
        if (!routesServed.has(v.routeId)) continue;
        const { directionId, predictions } = this.#predictDirected(v, now);
        if (predictions.length > 0) directionOf.set(v.vehicleId, directionId);
        for (const p of predictions) {
          if (!wanted.has(p.stopId)) continue;
          let byRoute = live.get(p.stopId);
          if (byRoute === undefined) live.set(p.stopId, (byRoute = new Map()));
          const list = byRoute.get(v.routeId);
          if (list === undefined) byRoute.set(v.routeId, [p]);
          else list.push(p);
        }
      }
    }
    const out = new Map<string, StopBoard>();
    for (const [stopId, stop] of wanted) {
      const board = this.#boards.make(
        stopId,
        stop,
        (r) => live.get(stopId)?.get(r) ?? [],
        (p) => directionOf.get(p.vehicleId) ?? null,
        now,
      );
      out.set(stopId, board);
      this.#shown.remember(board, live.get(stopId), directionOf, now);
    }
    return out;
  }

  /**
   * Of the boards of `stopIds`, those the buses `vehicleIds` (reported or removed since) can change,
   * judged against the last board made for each stop: a bus on it, a bus whose new prediction there
   * comes before the last one shown for its route (or of a direction not shown, or on a route showing
   * fewer than two live arrivals), a stop never made, or one made `refreshMs` or more ago (its
   * seconds-from-now, buses gone stale, the timetable). A bus's report touches every stop ahead of it,
   * but shows only where it is among the next two: this spares recomputing the rest.
   */
  changedBoards(stopIds: Iterable<string>, vehicleIds: Iterable<string>, refreshMs: number): string[] {
    const now = this.#clock.now();
    const buses: BusChange[] = [];
    for (const id of vehicleIds) {
      const v = this.#vehicles.get(id);
      if (v === undefined) {
        buses.push({ id, routeId: null, directionId: null, etaAt: new Map() });
        continue;
      }
      const { directionId, predictions } = this.#predictDirected(v, now);
      buses.push({
        id,
        routeId: v.routeId,
        directionId,
        etaAt: new Map(predictions.map((p) => [p.stopId, p.etaMs])),
      });
    }
    const out: string[] = [];
    for (const stopId of stopIds) if (this.#shown.changed(stopId, buses, now, refreshMs)) out.push(stopId);
    return out;
  }

  /**
   * A bus's predictions and the direction of the pattern they follow (null when none): kept ones
   * while the bus has not reported again (prediction-cache), else computed now.
   */
  #predictDirected(v: VehicleRecord, now: number): VehiclePredictions {
    if (now - v.at > this.#maxAgeMs || !v.onRoute) {
      this.#cache.invalidate(v.vehicleId);
      return NO_PREDICTIONS;
    }
    return this.#cache.get(v, now, () => this.#computePredictions(v, now));
  }

  #computePredictions(v: VehicleRecord, now: number): VehiclePredictions {
    const pattern = patternForVehicle(this.#net, v);
    if (pattern === null) return NO_PREDICTIONS;
    const calibrator = this.calibrator;
    const signals = this.signals;
    const predictions = predictVehicle(v, pattern, {
      ...this.#prediction,
      ...this.#places,
      standingSinceMs: this.#standingSince.get(v.vehicleId) ?? null,
      nowMs: now,
      smoother: this.smoother,
      dwell: this.dwell,
      ...(this.profile === null ? {} : { profile: this.profile }),
      ...(this.#segmentFactor === undefined ? {} : { segmentFactor: this.#segmentFactor }),
      ...(calibrator === null ? {} : { pointAt: (t, e, sd, f) => calibrator.pointMs(t, e, sd, f) }),
      ...(signals !== null && this.#signalUse === 'delay'
        ? {
            stopLineDelayS: (p: StopPattern, k: number, shareLeft: number, atMs: number) =>
              stopLineDelayS(this.#stopLines.on(p, k), signals, now, shareLeft, atMs),
          }
        : {}),
      ...(signals !== null && this.#signalUse === 'profile'
        ? {
            stopLineClass: (p: StopPattern, k: number, shareLeft: number, atMs: number) =>
              stopLineClass(this.#stopLines.on(p, k), signals, now, shareLeft, atMs),
          }
        : {}),
    });
    // Each prediction becomes an outcome for the calibrator once the bus reaches that stop.
    for (const p of predictions) calibrator?.record(v.vehicleId, p.stopId, now, p);
    return { directionId: pattern.directionId, predictions };
  }

  /** How the service places a bus on its route: stop positions and distances along the shape. */
  readonly #places: Pick<PredictContext, 'stopPosition' | 'stopDistanceM'>;

  /** Hold a bus's place on its segment until it reaches the segment's end (segment profile). */
  #learnPlace(v: VehicleRecord): void {
    if (this.profile === null || !v.onRoute || v.nextStopId === null) return;
    const pattern = patternForVehicle(this.#net, v);
    const k = pattern === null ? -1 : pattern.stopIds.indexOf(v.nextStopId);
    if (pattern === null || k <= 0) return;
    const place = placeOnSegment(v, pattern, k, {
      ...this.#places,
      standingSinceMs: this.#standingSince.get(v.vehicleId) ?? null,
    });
    if (place === null) return;
    // Learnt apart by the bus's situation at the signal ahead, as predictions will read it.
    const signal =
      this.signals === null || this.#signalUse !== 'profile'
        ? null
        : stopLineClass(
            this.#stopLines.on(pattern, k),
            this.signals,
            this.#clock.now(),
            place.shareLeft,
            v.at,
          );
    this.profile.observeProgress(v.vehicleId, signal === null ? place : { ...place, signal }, v.at);
  }

  /**
   * Add the stops whose boards a bus's report can be on: its pattern's stops from its next stop on,
   * those it is predicted for (predict-vehicle). A stop it has passed does not show it: before
   * session 8 every report touched every stop of its pattern, and each of those boards was recomputed.
   */
  #touch(stops: Set<string>, v: VehicleRecord): void {
    const p: StopPattern | null = patternForVehicle(this.#net, v);
    if (p === null || v.nextStopId === null) return;
    const k = p.stopIds.indexOf(v.nextStopId);
    if (k < 0) return;
    for (let i = k; i < p.stopIds.length; i++) stops.add(p.stopIds[i] as string);
  }
}
