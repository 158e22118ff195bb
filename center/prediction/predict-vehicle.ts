/**
 * @module center/prediction/predict-vehicle
 * Predicted arrivals of one bus at each stop ahead. First the rest of its current segment: for a bus
 * still at the stop it last reached, the rest of its expected dwell and the whole segment; otherwise
 * what earlier buses took from the same place on the segment (segment-profile), shrunk toward its
 * share of the segment's time (plus a hold when it stands still: see current-segment). Then for each
 * later stop the dwell at the stop before it (by route and stop, the headway to the bus ahead and the
 * bus's load: dwell-model) plus that segment's smoothed travel time, shrunk toward the timetable's
 * running time while few buses have been seen (the timetable alone when none has). Variances add
 * along the way; the range is asymmetric because buses are more often later than predicted than
 * earlier.
 */
import type { StopPattern } from '../network/index.ts';
import { haversineM } from '../state/index.ts';
import type { VehicleRecord } from '../state/index.ts';
import { remainingOnSegment, STANDING_MPS } from './current-segment.ts';
import type { DwellModel } from './dwell-model.ts';
import type { SegmentPlace, SegmentProfile } from './segment-profile.ts';
import type { SegmentSmoother } from './segment-smoother.ts';

/** One predicted arrival. */
export type ArrivalPrediction = {
  readonly vehicleId: string;
  readonly routeId: string;
  readonly tripId: string | null;
  readonly stopId: string;
  /** 1 = the bus's next stop. */
  readonly stopsAway: number;
  readonly etaMs: number;
  readonly lowMs: number;
  readonly highMs: number;
  /** The expected (mean) arrival and its σ, s, before the point shown is chosen (point-calibrator). */
  readonly expectedMs: number;
  readonly sdS: number;
  /** The point the fixed shift before the median would show. */
  readonly fixedMs: number;
  /** Whether every segment used came from observed buses (`history`) or some from the timetable. */
  readonly basis: 'history' | 'schedule-times';
  readonly passengers: number | null;
};

/** What the prediction reads besides the bus and its pattern. */
export type PredictContext = {
  readonly nowMs: number;
  readonly smoother: SegmentSmoother;
  readonly dwell: DwellModel;
  readonly stopPosition: (stopId: string) => { readonly lon: number; readonly lat: number } | null;
  /** Live slowdown of a segment (travel time now / usual), e.g. from link speeds; default 1. */
  readonly segmentFactor?: (routeId: string, fromStopId: string, toStopId: string) => number;
  /**
   * Distances along the route shape of stops `from` and `to` of a pattern (GTFS shape_dist_traveled),
   * to place the bus between them by its `distanceM`; null when unknown (then by straight lines).
   */
  readonly stopDistanceM?: (
    pattern: StopPattern,
    from: number,
    to: number,
  ) => readonly [number, number] | null;
  /** Since when the bus has stood still (its first report below the standing speed), epoch ms. */
  readonly standingSinceMs?: number | null;
  /** Learnt time to the next stop by place on the segment; without it, a share of the segment's time. */
  readonly profile?: SegmentProfile;
  /** Pseudo-samples of the timetable's running time a segment's estimate is shrunk toward. Default {@link SCHEDULE_PRIOR_SAMPLES}. */
  readonly schedulePriorSamples?: number;
  /** Pseudo-samples of the share-of-segment estimate a learnt place is shrunk toward. Default {@link PROFILE_PRIOR_SAMPLES}. */
  readonly profilePriorSamples?: number;
  /** Share of the bus's excess load carried one stop further. Default {@link LOAD_EXCESS_DECAY}. */
  readonly loadExcessDecay?: number;
  /**
   * How much longer than the mean the bus will wait at the next signal's stop line on segment
   * `k - 1 → k`, being at `shareLeft` of it at `atMs` (signal-wait); default 0.
   */
  readonly stopLineDelayS?: (pattern: StopPattern, k: number, shareLeft: number, atMs: number) => number;
  /**
   * The bus's situation at the signal ahead on segment `k - 1 → k`, being at `shareLeft` of it at
   * `atMs` (signal-wait `stopLineClass`): the learnt profile is read for that class. Default none.
   */
  readonly stopLineClass?: (
    pattern: StopPattern,
    k: number,
    shareLeft: number,
    atMs: number,
  ) => string | null;
  /** Whether a bus still at its last stop gets the rest of its dwell (default true). */
  readonly dwellAware?: boolean;
  /** Predict at most this far ahead, ms. Default 40 min. */
  readonly horizonMs?: number;
  /** The range reaches this many σ before / after the prediction. Default {@link RANGE_SIGMAS}. */
  readonly rangeSigmas?: { readonly early: number; readonly late: number };
  /** How far the median lies before the mean over one segment, in σ. Default {@link MEDIAN_SHIFT_SIGMAS}. */
  readonly medianShiftSigmas?: number;
  /**
   * The time to show for an arrival expected at `expectedMs` with σ `sdS`, where the fixed shift
   * before the median shows `fixedMs` (learnt from past outcomes: point-calibrator). Default the
   * fixed rule.
   */
  readonly pointAt?: (nowMs: number, expectedMs: number, sdS: number, fixedMs: number) => number;
};

/**
 * A bus's time over a segment is right-skewed (most pass on green, some wait a whole red), so the
 * median, which minimises the absolute error, lies before the mean: by about γσ/6 (Pearson's
 * mode-median-mean rule), and a sum over n segments has skew γ/√n. The point shown is put a little
 * before the median, because riders forgive a late bus more than an early one (the TransitApp
 * windows are −30/+90 s to −90/+270 s): on the demo city's simulator ground truth
 * (`its bench --only center-prediction`) 0.8 instead of the median's 0.5 moves MAE by at most
 * ±2 s per horizon bucket and puts 2-5 points more of arrivals inside the windows.
 */
export const MEDIAN_SHIFT_SIGMAS = 0.8;

/**
 * Width of the uncertainty range in σ of the summed segment variances: the 10th and 90th
 * percentiles of (actual − expected) / σ on the demo city's simulator ground truth
 * (`its bench --only center-prediction`: −1.12 and +1.23 over all horizons), so about 80% of
 * arrivals fall inside (77-83% per horizon bucket). Late is wider than early: a bus caught at a red
 * light or a crowded stop loses far more than a lucky one gains.
 */
export const RANGE_SIGMAS = Object.freeze({ early: 1.1, late: 1.25 });

/**
 * Weight of the timetable's running time in a segment's estimate, in buses: with one or two buses
 * seen, a segment's signal delay is mostly luck (σ ≈ 35 s on the demo city), and the timetable is the
 * better guess.
 */
export const SCHEDULE_PRIOR_SAMPLES = 2;

/** Share of a bus's excess load over the usual one still aboard one stop further on. */
export const LOAD_EXCESS_DECAY = 0.8;

/** Weight of the share-of-segment estimate against the time learnt from a place, in samples. */
export const PROFILE_PRIOR_SAMPLES = 3;

/**
 * Least time left of a dwell that has lasted longer than expected, seconds: a bus still at the stop
 * has at least to close its doors and pull out (about one GPS period on the edge's stop radius).
 */
export const DWELL_LEFT_MIN_S = 5;

/** Fraction of the segment prev → next still ahead of a bus at (lon, lat). */
function remainingShare(
  ctx: Pick<PredictContext, 'stopPosition'>,
  prev: string,
  next: string,
  lon: number,
  lat: number,
): number {
  const a = ctx.stopPosition(prev);
  const b = ctx.stopPosition(next);
  if (a === null || b === null) return 0.5;
  const whole = haversineM(a.lon, a.lat, b.lon, b.lat);
  if (whole <= 1) return 0;
  return Math.min(1, Math.max(0, haversineM(lon, lat, b.lon, b.lat) / whole));
}

/**
 * Headway of the bus at each stop ahead, from the bus ahead of it on the route (the one that reached
 * the bus's last stop before it): the gap at a stop the bus ahead has reached is known from its
 * arrival there; beyond it, the gap the bus has now is assumed to hold.
 */
function headways(
  v: VehicleRecord,
  pattern: StopPattern,
  k: number,
  ctx: PredictContext,
): (j: number, arrivalMs: number) => number | null {
  const last = k > 0 ? pattern.stopIds[k - 1] : undefined;
  if (last === undefined) return () => null;
  const ahead = ctx.dwell.arrivalAhead(pattern.routeId, last, v.vehicleId, ctx.nowMs);
  if (ahead === null) return () => null;
  const ownMs = ctx.dwell.arrivalAt(pattern.routeId, last, v.vehicleId) ?? ctx.nowMs;
  const nowGapS = (ownMs - ahead.at) / 1000;
  return (j, arrivalMs) => {
    const there = ctx.dwell.arrivalAt(pattern.routeId, pattern.stopIds[j] ?? '', ahead.vehicleId);
    return there === null || there > arrivalMs ? nowGapS : (arrivalMs - there) / 1000;
  };
}

/**
 * Where a bus is on the segment ending at stop `k` of its pattern: the share of the segment still
 * ahead (by distance along the shape when known, else by straight lines) and whether it stands.
 */
export function placeOnSegment(
  v: VehicleRecord,
  pattern: StopPattern,
  k: number,
  ctx: Pick<PredictContext, 'stopDistanceM' | 'stopPosition' | 'standingSinceMs'>,
): SegmentPlace | null {
  const from = pattern.stopIds[k - 1];
  const to = pattern.stopIds[k];
  if (from === undefined || to === undefined) return null;
  const along = ctx.stopDistanceM?.(pattern, k - 1, k) ?? null;
  const shareLeft =
    along === null
      ? remainingShare(ctx, from, to, v.lon, v.lat)
      : (along[1] - v.distanceM) / Math.max(1, along[1] - along[0]);
  return {
    routeId: pattern.routeId,
    fromStopId: from,
    toStopId: to,
    shareLeft: Math.min(1, Math.max(0, shareLeft)),
    standing: v.speedMps < STANDING_MPS,
    standingForS:
      ctx.standingSinceMs === undefined || ctx.standingSinceMs === null
        ? null
        : Math.max(0, (v.at - ctx.standingSinceMs) / 1000),
  };
}

/**
 * When the bus reaches its next stop (`k` on the pattern), epoch ms, with the variance of that time:
 * before the first stop by distance and speed; still at its last stop, the rest of its dwell and the
 * whole segment; otherwise the learnt time from its place, shrunk toward its share of the segment.
 */
function arrivalAtNextStop(
  v: VehicleRecord,
  pattern: StopPattern,
  k: number,
  ctx: PredictContext,
  segment: (i: number, atMs: number) => { meanS: number; varianceS2: number },
  headwayAt: (j: number, arrivalMs: number) => number | null,
): { atMs: number; varianceS2: number } {
  if (k === 0) {
    const p = ctx.stopPosition(pattern.stopIds[0] ?? '');
    const distM = p === null ? 0 : haversineM(v.lon, v.lat, p.lon, p.lat);
    return { atMs: v.at + (distM / Math.max(4, v.speedMps)) * 1000, varianceS2: 100 };
  }
  const seg = segment(k - 1, v.at);
  const last = pattern.stopIds[k - 1] ?? '';
  const arrivedMs = ctx.dwell.openArrivalAt(v.vehicleId, last);
  if (arrivedMs !== null && ctx.dwellAware !== false) {
    const dwellS = ctx.dwell.expectedDwellS({
      routeId: pattern.routeId,
      stopId: last,
      headwayS: headwayAt(k - 1, arrivedMs),
      scheduledS: pattern.scheduledDwellS[k - 1],
    });
    const leftS = Math.max(DWELL_LEFT_MIN_S, dwellS - (ctx.nowMs - arrivedMs) / 1000);
    const signalS = ctx.stopLineDelayS?.(pattern, k, 1, ctx.nowMs + leftS * 1000) ?? 0;
    return {
      atMs: ctx.nowMs + (leftS + seg.meanS + signalS) * 1000,
      varianceS2: seg.varianceS2 + DWELL_LEFT_MIN_S ** 2,
    };
  }
  const placed = placeOnSegment(v, pattern, k, ctx);
  const signal = placed === null ? null : (ctx.stopLineClass?.(pattern, k, placed.shareLeft, v.at) ?? null);
  const place = placed === null || signal === null ? placed : { ...placed, signal };
  const learnt = place === null ? null : (ctx.profile?.estimate(place) ?? null);
  const share = remainingOnSegment(seg, place?.shareLeft ?? 0.5, v.speedMps);
  const prior = ctx.profilePriorSamples ?? PROFILE_PRIOR_SAMPLES;
  const w = learnt === null ? 0 : learnt.samples / (learnt.samples + prior);
  const signalS = place === null ? 0 : (ctx.stopLineDelayS?.(pattern, k, place.shareLeft, v.at) ?? 0);
  return {
    atMs: v.at + (w * (learnt?.meanS ?? 0) + (1 - w) * share.meanS + signalS) * 1000,
    varianceS2: w * (learnt?.varianceS2 ?? 0) + (1 - w) * share.varianceS2,
  };
}

/** Predictions for every stop ahead of a bus on its pattern (empty when it has finished). */
export function predictVehicle(
  v: VehicleRecord,
  pattern: StopPattern,
  ctx: PredictContext,
): ArrivalPrediction[] {
  const stops = pattern.stopIds;
  const k = v.nextStopId === null ? -1 : stops.indexOf(v.nextStopId);
  if (k < 0) return [];
  const horizonMs = ctx.horizonMs ?? 2_400_000;
  const factor = ctx.segmentFactor ?? (() => 1);
  const range = ctx.rangeSigmas ?? RANGE_SIGMAS;
  const skew = ctx.medianShiftSigmas ?? MEDIAN_SHIFT_SIGMAS;
  const schedulePrior = ctx.schedulePriorSamples ?? SCHEDULE_PRIOR_SAMPLES;
  let basis: ArrivalPrediction['basis'] = 'history';
  const segment = (i: number, atMs: number): { meanS: number; varianceS2: number } => {
    const from = stops[i] ?? '';
    const to = stops[i + 1] ?? '';
    const est = ctx.smoother.estimate(pattern.routeId, from, to, atMs);
    const f = factor(pattern.routeId, from, to);
    const sched = pattern.scheduledSegmentS[i];
    if (est !== null) {
      // Few buses seen yet: lean on the timetable's running time as a prior (empirical Bayes).
      const w = sched === undefined ? 1 : est.samples / (est.samples + schedulePrior);
      return { meanS: (w * est.meanS + (1 - w) * (sched ?? 0)) * f, varianceS2: est.varianceS2 };
    }
    basis = 'schedule-times';
    const s = sched ?? 120;
    return { meanS: s * f, varianceS2: (0.25 * s) ** 2 };
  };
  const headwayAt = headways(v, pattern, k, ctx);
  // A fuller bus than usual stays fuller for a while: its riders' excess over the usual load arriving
  // at its next stop is carried to the stops ahead, fading as its riders get off.
  const loadDecay = ctx.loadExcessDecay ?? LOAD_EXCESS_DECAY;
  const usualLoad = ctx.dwell.usualLoad(pattern.routeId, stops[k] ?? '');
  const loadExcess = v.passengers === null || usualLoad === null ? null : v.passengers - usualLoad;
  const first = arrivalAtNextStop(v, pattern, k, ctx, segment, headwayAt);
  let tMs = Math.max(first.atMs, ctx.nowMs);
  let variance = first.varianceS2;
  const out: ArrivalPrediction[] = [];
  for (let j = k; j < stops.length; j++) {
    if (j > k) {
      const seg = segment(j - 1, tMs);
      const dwellS = ctx.dwell.expectedDwellS({
        routeId: pattern.routeId,
        stopId: stops[j - 1] ?? '',
        headwayS: headwayAt(j - 1, tMs),
        loadExcess,
        loadWeight: loadDecay ** (j - 1 - k),
        scheduledS: pattern.scheduledDwellS[j - 1],
      });
      tMs += (dwellS + seg.meanS) * 1000;
      variance += seg.varianceS2 + 25;
    }
    if (tMs - ctx.nowMs > horizonMs) break;
    const sdMs = (Math.sqrt(variance) + 5) * 1000;
    const fixedMs = Math.max(ctx.nowMs, tMs - (skew / Math.sqrt(j - k + 1)) * sdMs);
    const shown = ctx.pointAt?.(ctx.nowMs, tMs, sdMs / 1000, fixedMs) ?? fixedMs;
    out.push({
      vehicleId: v.vehicleId,
      routeId: v.routeId,
      tripId: v.tripId,
      stopId: stops[j] ?? '',
      stopsAway: j - k + 1,
      etaMs: Math.round(shown),
      lowMs: Math.round(Math.max(ctx.nowMs, tMs - range.early * sdMs)),
      highMs: Math.round(tMs + range.late * sdMs),
      expectedMs: Math.round(tMs),
      sdS: sdMs / 1000,
      fixedMs: Math.round(fixedMs),
      basis,
      passengers: v.passengers,
    });
  }
  return out;
}
