/**
 * @module core/fares/local-time
 * Local clock arithmetic for fare rules. Korea has kept UTC+9 without daylight saving since 1988, so a
 * fixed offset is exact for Asia/Seoul and keeps the rules pure (no time-zone database lookups).
 */

const DAY_MS = 86_400_000;

/** Minutes since local midnight (0-1439) of an epoch-ms instant at a fixed UTC offset. */
export function localMinuteOfDay(tsMs: number, utcOffsetMs: number): number {
  const local = (((tsMs + utcOffsetMs) % DAY_MS) + DAY_MS) % DAY_MS;
  return Math.floor(local / 60_000);
}

/** Local calendar day `YYYY-MM-DD` of an instant at a fixed UTC offset. */
export function localDay(tsMs: number, utcOffsetMs: number): string {
  return new Date(tsMs + utcOffsetMs).toISOString().slice(0, 10);
}

/** `HH:MM` to minutes since midnight. */
export function minutesOf(clock: string): number {
  const [h, m] = clock.split(':');
  return Number(h) * 60 + Number(m);
}

/** Whether a minute of day lies in `[fromMin, toMin)`, the window crossing midnight when to < from. */
export function inDailyWindow(minute: number, fromMin: number, toMin: number): boolean {
  return fromMin <= toMin ? minute >= fromMin && minute < toMin : minute >= fromMin || minute < toMin;
}
