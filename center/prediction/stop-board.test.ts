/**
 * @module center/prediction/stop-board.test
 * What a board shows beside its live buses: the timetable's next after them when fewer are live than
 * a board shows, never a live bus's own slot twice; and a timetable time under a minute away.
 */
import { expect, test } from 'vitest';
import { loadScenario } from '../../core/index.ts';
import { buildCenterNetwork } from '../network/index.ts';
import { arrivalText } from './arrival-text.ts';
import type { ArrivalPrediction } from './predict-vehicle.ts';
import { StopBoardMaker } from './stop-board.ts';
import { utcOffsetOf } from './schedule.ts';

const net = buildCenterNetwork(loadScenario('core/scenario/fixtures/mini.json'));
/** 07:10 in Seoul. Route 140 runs every 8 min from 07:00, at stop 22-202 2 min 10 s after its start. */
const T = Date.UTC(2026, 10, 25, 22, 10, 0);
const at = (hhmmss: string): number => {
  const [h, m, s] = hhmmss.split(':').map(Number) as [number, number, number];
  return Date.UTC(2026, 10, 26, h - 9, m, s);
};
const stop = { name: '강남역', nameEn: 'Gangnam Stn', routeIds: ['140'] };

function live(id: string, etaMs: number): ArrivalPrediction {
  return {
    vehicleId: id,
    routeId: '140',
    tripId: '140-0-0700',
    stopId: '22-202',
    stopsAway: 1,
    etaMs,
    lowMs: etaMs - 30_000,
    highMs: etaMs + 60_000,
    expectedMs: etaMs,
    sdS: 30,
    fixedMs: etaMs,
    basis: 'history',
    passengers: null,
  };
}

function board(preds: ArrivalPrediction[]) {
  const maker = new StopBoardMaker(net, utcOffsetOf(net.scenario.startTime), () => T);
  return maker.make(
    '22-202',
    stop,
    () => preds,
    () => 0,
    T,
  ).routes[0];
}

test('one live bus: the timetable slot after it fills the second line, flagged', () => {
  const row = board([live('bus-1', at('07:12:30'))]);
  expect(row?.status).toBe('live');
  expect(row?.arrivals.map((a) => [a.source, a.etaMs])).toEqual([
    ['live', at('07:12:30')],
    ['schedule', at('07:18:10')],
  ]);
  expect(row?.arrivals[1]).toMatchObject({ vehicleId: null, text: { ko: '8분 후 (시간표)' } });
});

test("a bus a little ahead of its slot is not shown again as that slot's timetable bus", () => {
  // Due 07:17:40, 30 s before the 07:18:10 slot (the next is 07:26:10): that slot is its own.
  const row = board([live('bus-1', at('07:17:40'))]);
  expect(row?.arrivals.map((a) => [a.source, a.etaMs])).toEqual([
    ['live', at('07:17:40')],
    ['schedule', at('07:26:10')],
  ]);
});

test('two live buses: no timetable line', () => {
  const row = board([live('bus-1', at('07:12:30')), live('bus-2', at('07:20:00'))]);
  expect(row?.arrivals.map((a) => a.source)).toEqual(['live', 'live']);
});

test('a timetable time under a minute away is due, not "1 min"', () => {
  expect(arrivalText(3, null, 'schedule')).toEqual({ ko: '곧 도착 예정 (시간표)', en: 'due (scheduled)' });
  expect(arrivalText(59, null, 'schedule').en).toBe('due (scheduled)');
  expect(arrivalText(60, null, 'schedule')).toEqual({ ko: '1분 후 (시간표)', en: '1 min (scheduled)' });
});
