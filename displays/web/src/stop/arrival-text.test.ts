/**
 * @module displays/web/stop/arrival-text.test
 * The stop sign's layout of the center's texts, its row order, and how often a timetable-only board
 * is read again.
 */
import { expect, test } from 'vitest';
import type { BoardArrival, CatalogueRoute, RouteBoard } from '../shared/types.ts';
import { orderRows, routeDestination, splitArrival, timetableDue } from './arrival-text.ts';

test('the stops away and the timetable flag go beside the time, not in it', () => {
  expect(splitArrival('3분 후 [2번째 전]')).toEqual({ main: '3분 후', sub: '2번째 전' });
  expect(splitArrival('9 min [6 stops away]')).toEqual({ main: '9 min', sub: '6 stops away' });
  expect(splitArrival('6분 후 (시간표)')).toEqual({ main: '6분 후', sub: '(시간표)' });
  expect(splitArrival('14 min (scheduled)')).toEqual({ main: '14 min', sub: '(scheduled)' });
  expect(splitArrival('곧 도착')).toEqual({ main: '곧 도착', sub: '' });
  expect(splitArrival('운행종료')).toEqual({ main: '운행종료', sub: '' });
});

function arrival(etaS: number, ko: string): BoardArrival {
  return {
    vehicleId: null,
    tripId: null,
    headsign: null,
    etaMs: 1_000_000 + etaS * 1000,
    etaS,
    lowS: etaS,
    highS: etaS,
    stopsAway: null,
    source: 'live',
    asOf: null,
    crowding: null,
    text: { ko, en: ko },
  };
}

function route(shortName: string, arrivals: BoardArrival[]): RouteBoard {
  return {
    routeId: shortName,
    shortName,
    status: arrivals.length === 0 ? 'ended' : 'live',
    arrivals,
    text: { ko: '', en: '' },
  };
}

test('routes showing the same minutes keep route number order whatever their seconds', () => {
  const at = (a: number, b: number): string[] =>
    orderRows([route('9409', [arrival(a, '2분 후')]), route('440', [arrival(b, '2분 후')])]).map(
      (r) => r.shortName,
    );
  // 440 and 9409 both at "2분 후", one a few seconds ahead, then the other: the rows stay put.
  expect(at(141, 148)).toEqual(['440', '9409']);
  expect(at(131, 126)).toEqual(['440', '9409']);
  expect(
    orderRows([
      route('4412', [arrival(430, '7분 후')]),
      route('N13', []),
      route('9409', [arrival(40, '곧 도착')]),
      route('440', [arrival(126, '2분 후')]),
    ]).map((r) => r.shortName),
  ).toEqual(['9409', '440', '4412', 'N13']);
});

test('a timetable-only board is due again 15 s after it was made, on the center clock', () => {
  const made = 1_795_826_000_000;
  expect(timetableDue(made, made + 14_999)).toBe(false);
  expect(timetableDue(made, made + 15_000)).toBe(true);
  // A board from a center whose clock is behind the page's estimate is simply due.
  expect(timetableDue(made, made + 600_000)).toBe(true);
});

test('a route says where it goes from the stop, and at its last stop that it ends there', () => {
  // demo-city's 440: eastbound to 삼성역 ends at 23113, westbound starts at 23114 across the road.
  const r440: CatalogueRoute = {
    id: '440',
    shortName: '440',
    longName: '',
    gtfsType: 3,
    color: '#0068B7',
    textColor: '#FFFFFF',
    lowFloor: true,
    directions: [
      { directionId: 0, headsign: 'Samseong Station (삼성역)', stopIds: ['22101', '23112', '23113'] },
      { directionId: 1, headsign: 'Seocho Station (서초역)', stopIds: ['23114', '22113'] },
    ],
  };
  expect(routeDestination(r440, '23112')).toEqual({ ko: '삼성역 방면', en: 'to Samseong Station' });
  expect(routeDestination(r440, '23114')).toEqual({ ko: '서초역 방면', en: 'to Seocho Station' });
  // Was blank: a row with a number and times and no way.
  expect(routeDestination(r440, '23113')).toEqual({ ko: '이 정류장 종점', en: 'Terminates here' });
  // A loop whose last stop is also on its way round goes on from there.
  const loop = {
    ...r440,
    directions: [{ directionId: 0 as const, headsign: 'Loop (순환)', stopIds: ['a', 'b', 'a'] }],
  };
  expect(routeDestination(loop, 'a')).toEqual({ ko: '순환 방면', en: 'to Loop' });
  expect(routeDestination(undefined, '23113')).toEqual({ ko: '', en: '' });
  // A platform both circles of Line 2 serve goes both ways, whichever train is next.
  const line2 = {
    ...r440,
    gtfsType: 1,
    directions: [
      {
        directionId: 0 as const,
        headsign: 'Jamsil, inner circle (잠실 방면 내선순환)',
        stopIds: ['p1', 'p2', 'p3'],
      },
      {
        directionId: 1 as const,
        headsign: 'Sadang, outer circle (사당 방면 외선순환)',
        stopIds: ['p3', 'p2', 'p1'],
      },
    ],
  };
  expect(routeDestination(line2, 'p2')).toEqual({ ko: '양방향', en: 'Both directions' });
});
