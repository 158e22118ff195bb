/**
 * @module displays/web/stop/arrival-text
 * How the stop sign lays out the center's arrival texts, names where each route goes from the stop,
 * orders its rows, and how often it reads a timetable-only board again. Plain functions (no DOM), so
 * they are unit-tested.
 */
import { splitBilingualName } from '../shared/bilingual.ts';
import type { CatalogueRoute, RouteBoard } from '../shared/types.ts';

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

/** "<destination> 방면" / "to <destination>" from a headsign in the "English (한국어)" form. */
export function towards(headsign: string): { ko: string; en: string } {
  const name = splitBilingualName(headsign);
  return { ko: `${name.ko} 방면`, en: `to ${name.en}` };
}

/**
 * Where the route goes from `stopId`: towards its direction's destination, or, at the last stop of
 * every direction that comes here, that it ends here (riders wait in vain for a bus that goes no
 * further; the column was left blank there, a row with a number and times but no way).
 */
export function routeDestination(
  route: CatalogueRoute | undefined,
  stopId: string,
): { ko: string; en: string } {
  const dirs = route?.directions.filter((d) => d.stopIds.includes(stopId)) ?? [];
  // Its first place on the way, so a loop's first-and-last stop goes on round it.
  const onward = new Set(
    dirs.filter((d) => d.stopIds.indexOf(stopId) < d.stopIds.length - 1).map((d) => d.headsign),
  );
  // A platform both ways serve (the subway's island platforms) goes both ways.
  if (onward.size > 1) return { ko: '양방향', en: 'Both directions' };
  const [headsign] = onward;
  if (headsign !== undefined) return towards(headsign);
  if (dirs.length > 0) return { ko: '이 정류장 종점', en: 'Terminates here' };
  return { ko: '', en: '' };
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
