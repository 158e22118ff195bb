/**
 * @module firmware-bridge/nmea/gpsd-check
 * Compares the reader's fixes with gpsd's regression output (`.chk` files, one JSON report a line)
 * for the acceptance test and the bench: for each gpsd TPV with mode >= 2, did we report a fix at the
 * same UTC time of day (gpsd shifts old logs' dates by the GPS week rollover, so dates are not
 * compared), within 1e-5 degrees and 0.01 m/s?
 */
import type { NmeaFix } from './types.ts';

/** Tolerances of the comparison (issue 5, "Done when"). */
export const GPSD_TOLERANCE = Object.freeze({ timeMs: 50, degrees: 1e-5, speedMps: 0.01 });

const DAY_MS = 86_400_000;

/** A gpsd TPV report, as far as the comparison needs it. */
export type GpsdTpv = {
  readonly mode: number;
  readonly time?: string;
  readonly lat?: number;
  readonly lon?: number;
  readonly speed?: number;
};

/** Why one gpsd TPV was not matched. */
export type TpvMismatch = 'no-fix-at-time' | 'position' | 'speed' | 'no-fix-at-position';

/**
 * gpsd prints a TPV after each sentence, so one cycle can yield several TPVs for the same instant.
 * An early one may carry a value a later sentence of the cycle replaced (typically a speed gpsd
 * derived from positions after GGA, before RMC brought the receiver's own speed). A mismatch is
 * `superseded` when a later TPV of the same instant matches our merged fix.
 */
export type TpvMismatchRecord = {
  readonly reason: TpvMismatch;
  readonly superseded: boolean;
  readonly tpv: GpsdTpv;
};

/** Outcome of comparing one log. */
export type GpsdComparison = {
  /** TPVs with mode >= 2. */
  readonly tpvs: number;
  /** Of those, TPVs without a time (gpsd had no date yet); matched by position only. */
  readonly untimed: number;
  readonly matched: number;
  readonly mismatches: readonly TpvMismatchRecord[];
};

/** The TPV reports with mode >= 2 of a `.chk` file's text. Non-JSON lines are skipped. */
export function gpsdFixes(chk: string): GpsdTpv[] {
  const out: GpsdTpv[] = [];
  for (const line of chk.split('\n')) {
    if (!line.includes('"class":"TPV"')) continue;
    let tpv: unknown;
    try {
      tpv = JSON.parse(line);
    } catch {
      continue;
    }
    const t = tpv as GpsdTpv;
    if (typeof t.mode === 'number' && t.mode >= 2) out.push(t);
  }
  return out;
}

function timeOfDayMs(iso: string): number {
  return ((Date.parse(iso) % DAY_MS) + DAY_MS) % DAY_MS;
}

function near(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol;
}

function positionMatches(fix: NmeaFix, tpv: GpsdTpv): boolean {
  if (tpv.lat === undefined || tpv.lon === undefined) return true;
  return near(fix.lat, tpv.lat, GPSD_TOLERANCE.degrees) && near(fix.lon, tpv.lon, GPSD_TOLERANCE.degrees);
}

function timeOfDayNear(a: number, b: number): boolean {
  const d = Math.abs(a - b);
  return Math.min(d, DAY_MS - d) <= GPSD_TOLERANCE.timeMs;
}

function checkTimed(fixes: readonly NmeaFix[], tpv: GpsdTpv, tod: number): TpvMismatch | null {
  const atTime = fixes.filter((f) => timeOfDayNear(f.timeOfDayMs, tod));
  const fix = atTime[atTime.length - 1];
  if (fix === undefined) return 'no-fix-at-time';
  if (!positionMatches(fix, tpv)) return 'position';
  if (
    tpv.speed !== undefined &&
    (fix.speedMps === null || !near(fix.speedMps, tpv.speed, GPSD_TOLERANCE.speedMps))
  )
    return 'speed';
  return null;
}

/** Compare our fixes with gpsd's TPVs of the same log. */
export function compareWithGpsd(fixes: readonly NmeaFix[], tpvs: readonly GpsdTpv[]): GpsdComparison {
  let matched = 0;
  let untimed = 0;
  const mismatches: TpvMismatchRecord[] = [];
  tpvs.forEach((tpv, i) => {
    if (tpv.time === undefined) {
      untimed++;
      if (fixes.some((f) => positionMatches(f, tpv))) matched++;
      else mismatches.push({ reason: 'no-fix-at-position', superseded: false, tpv });
      return;
    }
    const tod = timeOfDayMs(tpv.time);
    const reason = checkTimed(fixes, tpv, tod);
    if (reason === null) {
      matched++;
      return;
    }
    const later = tpvs
      .slice(i + 1)
      .filter((t) => t.time !== undefined && timeOfDayNear(timeOfDayMs(t.time), tod));
    const last = later[later.length - 1];
    const superseded = last !== undefined && checkTimed(fixes, last, tod) === null;
    mismatches.push({ reason, superseded, tpv });
  });
  return { tpvs: tpvs.length, untimed, matched, mismatches };
}
