/**
 * @module center/prediction/arrival-text
 * Arrival texts as Seoul bus-stop signs show them (TOPIS BIT): "곧 도착" for a bus about to arrive,
 * "3분 후 [2번째 전]" otherwise, "운행종료" when the route has finished; a timetable time is flagged
 * "(시간표)" ("곧 도착 예정" under a minute: due by the timetable only); with English equivalents.
 */

/** Korean and English text of one arrival or route state. */
export type ArrivalText = { readonly ko: string; readonly en: string };

/** Seconds under which a bus is shown as arriving. */
export const ARRIVING_WITHIN_S = 60;

/** Text for a bus `etaS` seconds and `stopsAway` stops away (null stops for a timetable arrival). */
export function arrivalText(
  etaS: number,
  stopsAway: number | null,
  source: 'live' | 'schedule',
): ArrivalText {
  if (source === 'live' && (etaS < ARRIVING_WITHIN_S || stopsAway === 0))
    return { ko: '곧 도착', en: 'arriving' };
  const min = Math.max(1, Math.round(etaS / 60));
  if (source === 'schedule' || stopsAway === null) {
    // A timetable time under a minute away is "due", not "1 min": nothing live says it is coming.
    if (etaS < ARRIVING_WITHIN_S) return { ko: '곧 도착 예정 (시간표)', en: 'due (scheduled)' };
    return { ko: `${min}분 후 (시간표)`, en: `${min} min (scheduled)` };
  }
  const en = `${min} min [${stopsAway} ${stopsAway === 1 ? 'stop' : 'stops'} away]`;
  return { ko: `${min}분 후 [${stopsAway}번째 전]`, en };
}

/** The route has no more trips today. */
export const SERVICE_ENDED: ArrivalText = Object.freeze({ ko: '운행종료', en: 'service ended' });
/** Nothing known: no live bus and no timetable within the horizon. */
export const NO_DATA: ArrivalText = Object.freeze({ ko: '정보 없음', en: 'no information' });
