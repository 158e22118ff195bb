/**
 * @module edge/adaptive/unit-tracker
 * Turns detector samples and the controller's active units into each unit's live state: green and red
 * times, a queue estimate, arrival rate, gap and used green.
 *
 * Queue: an input-output estimate (Sharma, Bullock & Bonneson 2007): arrivals counted on advance loops
 * (scaled to the unit's lanes), or, without them, the arrival rate learnt from stop-bar departures per
 * cycle; departures counted on stop-bar loops during green; reset to zero when every stop-bar loop
 * shows a gap of the passage time during green (the queue has cleared), and at least one vehicle per
 * stop-bar loop standing occupied during red. Used green (SCATS, Sims & Dobinson 1980): loop occupied
 * time plus a standard 1 s headway allowance per vehicle, over the green.
 */
import type { Detector } from '../../core/index.ts';
import type { UnitKey, UnitState, UnitTiming } from './types.ts';

/** What the adaptive layer needs of one detector (a `DetectorView` of edge/detectors satisfies it). */
export type DetectorSample = {
  readonly detectorId: string;
  readonly health: string;
  /**
   * A healthy loop a queue standing across its station has held occupied for the stuck-on window
   * (edge/detectors standing-queue.ts). Its occupancy says nothing of the unit's demand or gaps (a
   * queue behind a blockage downstream does not discharge on green), so control leaves it out, as it
   * did when such loops were taken for stuck-on; its link still reads the queue's speed.
   */
  readonly heldByQueue?: boolean;
  readonly occupied: boolean;
  readonly lastOffMs: number | null;
  readonly countTotal: number;
  readonly occupiedMsTotal: number;
  readonly latest: { readonly occupancyPct: number } | null;
};

type Track = {
  greenStartMs: number | null;
  lastGreenEndMs: number | null;
  lastGreenS: number | null;
  lastUsedGreenS: number | null;
  queue: number;
  arrivalVps: number | null;
  cycleDepartures: number;
  cycleArrivals: number;
  /** The last green ended while vehicles were still crossing: departures under-count arrivals. */
  saturatedEnd: boolean;
  lastGapS: number | null;
  greenDepartures: number;
  cycleStartMs: number | null;
  /** Per stop-bar detector, occupied ms and count when the green started. */
  atGreenStart: Map<string, { occupiedMs: number; count: number }>;
  lastCounts: Map<string, number>;
};

const STANDARD_HEADWAY_S = 1;
const ARRIVAL_SMOOTHING = 0.3;
const SATURATED_PROBE = 1.3;
const SATURATION_VPHPL = 1900;
/** Arrival rate assumed before one has been measured, veh/h per lane (a light urban approach). */
const PRIOR_VPHPL = 300;

/** Live unit states of one intersection. */
export class UnitTracker {
  readonly #units: readonly UnitTiming[];
  readonly #detectors: ReadonlyMap<string, Detector>;
  readonly #tracks = new Map<string, Track>();
  readonly #downstream = new Map<string, readonly string[]>();
  #lastMs: number | null = null;

  constructor(units: readonly UnitTiming[], detectors: readonly Detector[]) {
    this.#units = units;
    this.#detectors = new Map(detectors.map((d) => [d.id, d]));
    for (const u of units) {
      this.#downstream.set(
        String(u.unit),
        detectors.filter((d) => u.toLinks.includes(d.linkId)).map((d) => d.id),
      );
      this.#tracks.set(String(u.unit), {
        greenStartMs: null,
        lastGreenEndMs: null,
        lastGreenS: null,
        lastUsedGreenS: null,
        queue: 0,
        arrivalVps: null,
        cycleDepartures: 0,
        cycleArrivals: 0,
        saturatedEnd: false,
        lastGapS: null,
        greenDepartures: 0,
        cycleStartMs: null,
        atGreenStart: new Map(),
        lastCounts: new Map(),
      });
    }
  }

  /** Advance to `nowMs` with the controller's active units and the detectors' samples. */
  update(
    nowMs: number,
    activeUnits: readonly UnitKey[],
    samples: ReadonlyMap<string, DetectorSample>,
  ): UnitState[] {
    const dtS = this.#lastMs === null ? 0 : Math.max(0, (nowMs - this.#lastMs) / 1000);
    this.#lastMs = nowMs;
    const active = new Set(activeUnits.map(String));
    return this.#units.map((u) => {
      const t = this.#tracks.get(String(u.unit));
      if (t === undefined) throw new Error(`no track for unit ${u.unit}`);
      const isActive = active.has(String(u.unit));
      const healthy = u.detectorIds
        .map((id) => samples.get(id))
        .filter((s): s is DetectorSample => s !== undefined && s.health === 'ok' && s.heldByQueue !== true);
      const stopbars = healthy.filter((s) => this.#detectors.get(s.detectorId)?.role !== 'advance');
      const advances = healthy.filter((s) => this.#detectors.get(s.detectorId)?.role === 'advance');
      const departures = this.#delta(t, stopbars);
      const advanceArrivals = this.#delta(t, advances);
      const gapS = this.#gap(nowMs, stopbars.length > 0 ? stopbars : healthy);
      // Green transitions.
      if (isActive && t.greenStartMs === null) {
        if (t.cycleStartMs !== null && nowMs > t.cycleStartMs) {
          const counted = advances.length > 0 ? t.cycleArrivals : t.cycleDepartures;
          // Departures of a green cut short by its end only bound arrivals from below: probe upwards.
          const probe = advances.length === 0 && t.saturatedEnd ? SATURATED_PROBE : 1;
          const rate = (probe * counted) / ((nowMs - t.cycleStartMs) / 1000);
          t.arrivalVps =
            t.arrivalVps === null ? rate : t.arrivalVps + ARRIVAL_SMOOTHING * (rate - t.arrivalVps);
        }
        t.cycleStartMs = nowMs;
        t.cycleDepartures = 0;
        t.cycleArrivals = 0;
        t.greenStartMs = nowMs;
        t.greenDepartures = 0;
        t.atGreenStart = new Map(
          stopbars.map((d) => [d.detectorId, { occupiedMs: d.occupiedMsTotal, count: d.countTotal }]),
        );
      } else if (!isActive && t.greenStartMs !== null) {
        t.lastGreenS = (nowMs - t.greenStartMs) / 1000;
        t.lastUsedGreenS = Math.min(t.lastGreenS, usedGreenS(stopbars, t.atGreenStart));
        t.lastGreenEndMs = nowMs;
        t.greenStartMs = null;
        // Saturated only if vehicles were still crossing at the end and the green ran near saturation
        // flow throughout (HCM 1900 veh/h/lane); a trickle of arrivals over the loop is not a queue.
        const saturationVeh = ((SATURATION_VPHPL * u.lanes) / 3600) * t.lastGreenS;
        t.saturatedEnd =
          t.lastGapS !== null && t.lastGapS < u.passageS && t.greenDepartures >= 0.7 * saturationVeh;
      }
      t.cycleDepartures += departures;
      if (isActive) t.greenDepartures += departures;
      // Queue estimate.
      const lanesWithAdvance = new Set(advances.map((s) => this.#detectors.get(s.detectorId)?.lane ?? -1))
        .size;
      const arrivals =
        advances.length > 0
          ? (advanceArrivals * u.lanes) / Math.max(1, lanesWithAdvance)
          : (t.arrivalVps ?? (PRIOR_VPHPL * u.lanes) / 3600) * dtS;
      if (advances.length > 0) t.cycleArrivals += arrivals;
      t.queue = Math.max(0, t.queue + arrivals - (isActive ? departures : 0));
      if (isActive && t.queue < 1 && gapS !== null && gapS < u.passageS && advances.length === 0) t.queue = 1;
      t.lastGapS = gapS;
      if (isActive && gapS !== null && gapS >= u.passageS && stopbars.every((s) => !s.occupied)) t.queue = 0;
      if (!isActive) t.queue = Math.max(t.queue, stopbars.filter((s) => s.occupied).length);
      const downstream = (this.#downstream.get(String(u.unit)) ?? [])
        .map((id) => samples.get(id))
        .filter((s) => s !== undefined && s.health === 'ok' && s.latest !== null)
        .map((s) => s?.latest?.occupancyPct ?? 0);
      const state: UnitState = {
        ...u,
        active: isActive,
        greenS: t.greenStartMs === null ? null : (nowMs - t.greenStartMs) / 1000,
        redS: isActive || t.lastGreenEndMs === null ? null : (nowMs - t.lastGreenEndMs) / 1000,
        queueVeh: healthy.length === 0 ? null : t.queue,
        arrivalVph: healthy.length === 0 || t.arrivalVps === null ? null : t.arrivalVps * 3600,
        arrivalsVeh: advances.length > 0 ? arrivals : null,
        departuresVeh: stopbars.length > 0 ? departures : null,
        gapS,
        stopbarsOccupied: stopbars.filter((s) => s.occupied).length,
        downstreamOccupancyPct:
          downstream.length === 0 ? null : downstream.reduce((a, b) => a + b, 0) / downstream.length,
        lastUsedGreenS: t.lastUsedGreenS,
        lastGreenS: t.lastGreenS,
      };
      return state;
    });
  }

  #delta(t: Track, samples: readonly DetectorSample[]): number {
    let n = 0;
    for (const s of samples) {
      const before = t.lastCounts.get(s.detectorId);
      if (before !== undefined && s.countTotal >= before) n += s.countTotal - before;
      t.lastCounts.set(s.detectorId, s.countTotal);
    }
    return n;
  }

  #gap(nowMs: number, samples: readonly DetectorSample[]): number | null {
    if (samples.length === 0) return null;
    let gap = Infinity;
    for (const s of samples) {
      if (s.occupied) return 0;
      if (s.lastOffMs !== null) gap = Math.min(gap, (nowMs - s.lastOffMs) / 1000);
    }
    return gap;
  }
}

/**
 * Green used since the green started, s, on the busiest lane: SCATS's occupied time plus a standard gap
 * per vehicle, or the vehicles times the saturation headway (3600 / 1900 s), whichever is larger, so a
 * short loop (little occupancy per vehicle) does not hide a saturated green.
 */
function usedGreenS(
  stopbars: readonly DetectorSample[],
  atStart: ReadonlyMap<string, { occupiedMs: number; count: number }>,
): number {
  let used = 0;
  for (const d of stopbars) {
    const start = atStart.get(d.detectorId);
    if (start === undefined) continue;
    const n = Math.max(0, d.countTotal - start.count);
    const occupiedS = Math.max(0, d.occupiedMsTotal - start.occupiedMs) / 1000;
    used = Math.max(used, occupiedS + STANDARD_HEADWAY_S * n, (n * 3600) / SATURATION_VPHPL);
  }
  return used;
}
