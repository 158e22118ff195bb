/**
 * @module firmware-bridge/nmea/fields
 * Readers of NMEA 0183 field formats. Each returns `undefined` for an empty field and `null` for a
 * present but malformed one, so the caller can tell "not reported" from "bad input".
 */
import type { NmeaDate } from './types.ts';

/** Knots to metres per second (1 kn = 1852 m / 3600 s). */
export const KNOTS_TO_MPS = 1852 / 3600;

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const TIME = /^(\d{2})(\d{2})(\d{2}(?:\.\d*)?)$/;
const LATLON = /^(\d+)(\d{2}(?:\.\d*)?)$/;

/** A decimal number field. */
export function readNumber(field: string | undefined): number | undefined | null {
  if (field === undefined || field === '') return undefined;
  if (!DECIMAL.test(field)) return null;
  return Number(field);
}

/** `hhmmss[.sss]` as milliseconds since 00:00 UTC. */
export function readTimeOfDay(field: string | undefined): number | undefined | null {
  if (field === undefined || field === '') return undefined;
  const m = TIME.exec(field);
  if (m === null) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  const s = Number(m[3]);
  // Second 60 is a leap second (NMEA permits it); anything beyond is corrupt.
  if (h > 23 || min > 59 || !(s < 61)) return null;
  return Math.round(((h * 60 + min) * 60 + s) * 1000);
}

/**
 * A latitude or longitude in NMEA `(d)ddmm.mmmm` form with its hemisphere letter, as signed degrees.
 */
export function readAngle(
  value: string | undefined,
  hemisphere: string | undefined,
  positive: string,
  negative: string,
  maxDeg: number,
): number | undefined | null {
  if (value === undefined || value === '' || hemisphere === undefined || hemisphere === '') return undefined;
  const m = LATLON.exec(value);
  if (m === null || (hemisphere !== positive && hemisphere !== negative)) return null;
  const deg = Number(m[1]);
  const min = Number(m[2]);
  if (!(min < 60)) return null;
  const abs = deg + min / 60;
  if (abs > maxDeg) return null;
  return hemisphere === negative ? -abs : abs;
}

/**
 * RMC's `ddmmyy`. The 2-digit year is placed in 2000-2099, as gpsd does without a ZDA century
 * (gpsd 3.22 context->century); ZDA supplies a 4-digit year.
 */
export function readDdmmyy(field: string | undefined): NmeaDate | undefined | null {
  if (field === undefined || field === '') return undefined;
  if (!/^\d{6}$/.test(field)) return null;
  return checkDate(2000 + Number(field.slice(4, 6)), Number(field.slice(2, 4)), Number(field.slice(0, 2)));
}

/** A date from separate day, month and 4-digit year fields (ZDA). */
export function readDayMonthYear(
  day: string | undefined,
  month: string | undefined,
  year: string | undefined,
): NmeaDate | undefined | null {
  if (!day || !month || !year) return undefined;
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
  return checkDate(Number(year), Number(month), Number(day));
}

function checkDate(year: number, month: number, day: number): NmeaDate | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day > daysInMonth ? null : { year, month, day };
}

/** Epoch milliseconds of a date and time of day. */
export function epochOf(date: NmeaDate, timeOfDayMs: number): number {
  return Date.UTC(date.year, date.month - 1, date.day) + timeOfDayMs;
}
