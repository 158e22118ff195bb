/**
 * @module displays/web/stop/arrival-text
 * How the stop sign lays out the center's arrival texts and orders its rows, and how often it reads a
 * timetable-only board again. Plain functions (no DOM), so they are unit-tested.
 */
import type { RouteBoard } from '../shared/types.ts';

/**
 * The center's arrival text split into its time and its qualifier: `3분 후 [2번째 전]` into `3분 후`
 * and `2번째 전`; `6분 후 (시간표)` / `14 min (scheduled)` into `6분 후` / `14 min` and `(시간표)` /
 * `(scheduled)`, so the qualifier goes in the smaller type beside the time instead of making the time
 * too wide for its column ("14 min (scheduled" was cut off on the 1920 px sign).
 */
export function splitArrival(text: string): { main: string; sub: string } {
  const bracket = /^(.*?)\s*\[(.*)\]\s*$/.exec(text);
  if (bracket !== null) return { main: bracket[1] ?? text, sub: bracket[2] ?? '' };
  const paren = /^(.*?\S)\s+(\([^()]*\))\s*$/.exec(text);
  if (paren !== null) return { main: paren[1] ?? text, sub: paren[2] ?? '' };
  return { main: text, sub: '' };
}

/** The minutes a route's first arrival shows (0 for "곧 도착"), or none when it has no arrival. */
function shownMinutes(r: RouteBoard): number {
  const a = r.arrivals[0];
  if (a === undefined) return Number.MAX_SAFE_INTEGER;
  if (a.text.ko === '곧 도착') return 0;
  return Math.max(1, Math.round(a.etaS / 60));
}

/**
 * The rows soonest first by the minutes they show, and routes showing the same minutes in route
 * number order; routes without arrivals (ended, no data) last. Sorting on the exact seconds made two
 * routes both at "2분 후" swap rows at every update, and a rider lost the row they were reading.
 */
export function orderRows(routes: readonly RouteBoard[]): RouteBoard[] {
  return [...routes].sort(
    (a, b) =>
      shownMinutes(a) - shownMinutes(b) ||
      a.shortName.localeCompare(b.shortName, 'ko', { numeric: true }) ||
      a.routeId.localeCompare(b.routeId),
  );
}

/** Seconds of the center's clock between reads of a board with no live bus (it gets no deltas). */
export const TIMETABLE_REREAD_S = 15;

/**
 * Whether a timetable-only board generated at `generatedAtMs` is due to be read again at `nowMs`,
 * both on the center's clock (which may run faster than the browser's: the demo at x4).
 */
export function timetableDue(generatedAtMs: number, nowMs: number): boolean {
  return nowMs - generatedAtMs >= TIMETABLE_REREAD_S * 1000;
}
