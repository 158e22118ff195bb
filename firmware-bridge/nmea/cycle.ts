/**
 * @module firmware-bridge/nmea/cycle
 * Merges the sentences of one reporting cycle into one fix, as gpsd does: a receiver sends RMC, GGA,
 * VTG, GSA... for the same instant, and a new cycle starts when a sentence carries a different time
 * of day (gpsd driver_nmea0183.c, "starts a reporting cycle"). Like gpsd, the reader learns which
 * sentence type ends a cycle (the last one before the time changed) and reports as soon as that type
 * arrives, so a live fix is not held back until the next second.
 */
import { MAX_DERIVED_SPEED_GAP_MS, nearbyDistanceM } from './derived-speed.ts';
import { epochOf } from './fields.ts';
import type { NmeaDate, NmeaFix, NmeaReport, NmeaSentenceType } from './types.ts';

const DAY_MS = 86_400_000;
const HALF_DAY_MS = DAY_MS / 2;

type Cycle = {
  timeOfDayMs: number | null;
  date: NmeaDate | null;
  lat: number | null;
  lon: number | null;
  speedMps: number | null;
  trackDeg: number | null;
  mode: 1 | 2 | 3 | null;
  fixQuality: number | null;
  hdop: number | null;
  altitudeM: number | null;
  satellites: number | null;
  sentences: NmeaSentenceType[];
  /** Whether the cycle was already reported, and whether it changed since. */
  reported: boolean;
  changedSinceReport: boolean;
  /** The fix before this cycle, kept so a re-report derives the same speed. */
  previous: PreviousFix | null;
  /** What was last reported for this cycle, so a late sentence that changes nothing is not re-reported. */
  reportedKey: string | null;
};

type PreviousFix = { readonly lat: number; readonly lon: number; readonly timeOfDayMs: number };

function newCycle(): Cycle {
  return {
    timeOfDayMs: null,
    date: null,
    lat: null,
    lon: null,
    speedMps: null,
    trackDeg: null,
    mode: null,
    fixQuality: null,
    hdop: null,
    altitudeM: null,
    satellites: null,
    sentences: [],
    reported: false,
    changedSinceReport: false,
    previous: null,
    reportedKey: null,
  };
}

function nextDay(d: NmeaDate): NmeaDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day) + DAY_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function derivedSpeed(p: PreviousFix | null, lat: number, lon: number, timeOfDayMs: number): number | null {
  if (p === null) return null;
  const dtMs = (timeOfDayMs - p.timeOfDayMs + DAY_MS) % DAY_MS;
  if (dtMs === 0 || dtMs > MAX_DERIVED_SPEED_GAP_MS) return null;
  return nearbyDistanceM(p.lat, p.lon, lat, lon) / (dtMs / 1000);
}

/** Merges reports into cycles and returns fixes as cycles complete. Pure; no I/O, no clock. */
export class CycleMerger {
  #cycle: Cycle = newCycle();
  /** Last date the receiver sent and the time of day it applied to, to carry it across cycles. */
  #lastDate: NmeaDate | null = null;
  #lastTimeOfDayMs = 0;
  /** Sentence type that ended the previous cycle, learned as gpsd does. */
  #ender: NmeaSentenceType | null = null;
  /** Previous reported fix, to derive a speed when a cycle reports none. */
  #previous: PreviousFix | null = null;

  /** Merge one report; returns the fixes it completed (zero, one, rarely two). */
  push(report: NmeaReport): NmeaFix[] {
    const out: NmeaFix[] = [];
    const t = report.timeOfDayMs;
    const c = this.#cycle;
    if (t !== undefined && c.timeOfDayMs !== null && c.timeOfDayMs !== t) {
      this.#ender = c.sentences[c.sentences.length - 1] ?? null;
      this.#close(out);
    }
    this.#merge(this.#cycle, report);
    if (report.type === this.#ender && !this.#cycle.reported) this.#report(out);
    return out;
  }

  /** End of input: report the cycle in progress. */
  flush(): NmeaFix[] {
    const out: NmeaFix[] = [];
    this.#close(out);
    return out;
  }

  #close(out: NmeaFix[]): void {
    const c = this.#cycle;
    if (!c.reported || c.changedSinceReport) this.#report(out);
    this.#cycle = newCycle();
  }

  #merge(c: Cycle, r: NmeaReport): void {
    if (r.timeOfDayMs !== undefined) c.timeOfDayMs = r.timeOfDayMs;
    if (r.date !== undefined) c.date = r.date;
    if (r.lat !== undefined && r.lon !== undefined) {
      c.lat = r.lat;
      c.lon = r.lon;
    }
    if (r.speedMps !== undefined) c.speedMps = r.speedMps;
    if (r.trackDeg !== undefined) c.trackDeg = r.trackDeg;
    if (r.mode !== undefined) c.mode = r.mode;
    if (r.modeAtLeast !== undefined && (c.mode === null || c.mode < r.modeAtLeast)) c.mode = r.modeAtLeast;
    if (r.fixQuality !== undefined) c.fixQuality = r.fixQuality;
    if (r.hdop !== undefined) c.hdop = r.hdop;
    if (r.altitudeM !== undefined) c.altitudeM = r.altitudeM;
    if (r.satellites !== undefined) c.satellites = r.satellites;
    c.sentences.push(r.type);
    if (c.reported) c.changedSinceReport = true;
  }

  #report(out: NmeaFix[]): void {
    const c = this.#cycle;
    if (!c.reported) c.previous = this.#previous;
    c.reported = true;
    c.changedSinceReport = false;
    if (c.timeOfDayMs === null) return;
    const date = this.#dateOf(c.timeOfDayMs, c.date);
    const mode = c.mode;
    if (c.lat === null || c.lon === null || (mode !== 2 && mode !== 3)) return;
    const speedMps = c.speedMps ?? derivedSpeed(c.previous, c.lat, c.lon, c.timeOfDayMs);
    this.#previous = { lat: c.lat, lon: c.lon, timeOfDayMs: c.timeOfDayMs };
    const timeMs = date === null ? null : epochOf(date, c.timeOfDayMs);
    const key = JSON.stringify([
      timeMs,
      c.lat,
      c.lon,
      speedMps,
      c.trackDeg,
      mode,
      c.fixQuality,
      c.hdop,
      c.altitudeM,
    ]);
    if (key === c.reportedKey) return;
    c.reportedKey = key;
    out.push({
      date,
      timeOfDayMs: c.timeOfDayMs,
      timeMs,
      lat: c.lat,
      lon: c.lon,
      speedMps,
      trackDeg: c.trackDeg,
      mode,
      fixQuality: c.fixQuality,
      hdop: c.hdop,
      altitudeM: c.altitudeM,
      satellites: c.satellites,
      sentences: [...c.sentences],
    });
  }

  /** The cycle's own date, or the last one carried forward across midnight. */
  #dateOf(timeOfDayMs: number, own: NmeaDate | null): NmeaDate | null {
    let date = own;
    if (date === null && this.#lastDate !== null) {
      date = timeOfDayMs + HALF_DAY_MS < this.#lastTimeOfDayMs ? nextDay(this.#lastDate) : this.#lastDate;
    }
    if (date !== null) {
      this.#lastDate = date;
      this.#lastTimeOfDayMs = timeOfDayMs;
    }
    return date;
  }
}
