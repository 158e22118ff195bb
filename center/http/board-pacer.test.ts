/**
 * @module center/http/board-pacer.test
 * Board pacing: at most one frame per interval per stop, the asks coalesced inside it answered at its
 * end from the state of then (the last one never lost), and unchanged boards not resent before their
 * refresh.
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { BoardArrival, StopBoard } from '../../core/api/index.ts';
import { BoardPacer, shownKey } from './board-pacer.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

const now = (): number => Date.now();

function board(generatedAt: number, arrivals: Partial<BoardArrival>[]): StopBoard {
  return {
    stopId: 's1',
    name: 'Stop',
    nameEn: null,
    generatedAt,
    routes: [
      {
        routeId: 'r1',
        shortName: '1',
        status: 'live',
        text: { ko: '3분', en: '3 min' },
        arrivals: arrivals.map((a) => ({
          vehicleId: 'bus-1',
          tripId: 't1',
          headsign: null,
          etaMs: generatedAt + 180_000,
          etaS: 180,
          lowS: 150,
          highS: 210,
          stopsAway: 2,
          source: 'live',
          asOf: generatedAt - 1000,
          crowding: null,
          text: { ko: '3분', en: '3 min' },
          ...a,
        })),
      },
    ],
  };
}

test('a board asked for again within its interval after a frame waits for the interval, once', () => {
  const due: string[][] = [];
  const pacer = new BoardPacer((ids) => due.push(ids), { intervalMs: 100, refreshMs: 1000, now });
  const t = now();
  expect(pacer.take(['a', 'b'])).toEqual(['a', 'b']);
  expect(pacer.offer('a', board(t, [{ asOf: 1 }]))).toBe(true);
  // b showed nothing new... it was never sent, so it is not paced either.
  vi.advanceTimersByTime(30);
  expect(pacer.take(['a', 'b'])).toEqual(['b']);
  vi.advanceTimersByTime(30);
  expect(pacer.take(['a', 'c'])).toEqual(['c']);
  expect(pacer.waiting).toBe(1);
  vi.advanceTimersByTime(39);
  expect(due).toEqual([]);
  vi.advanceTimersByTime(1);
  expect(due).toEqual([['a']]);
  expect(pacer.waiting).toBe(0);
  // Recomputed at the interval's end: a frame starts the next interval, nothing new does not.
  expect(pacer.offer('a', board(t, [{ asOf: 2 }]))).toBe(true);
  vi.advanceTimersByTime(50);
  expect(pacer.take(['a'])).toEqual([]);
  vi.advanceTimersByTime(50);
  expect(due).toEqual([['a'], ['a']]);
  // Nothing new at this interval's end: no frame, so the next ask is answered at once.
  expect(pacer.offer('a', board(t, [{ asOf: 2 }]))).toBe(false);
  vi.advanceTimersByTime(10);
  expect(pacer.take(['a'])).toEqual(['a']);
  expect(pacer.waiting).toBe(0);
});

test('an interval of 0 recomputes every ask at once', () => {
  const due: string[][] = [];
  const pacer = new BoardPacer((ids) => due.push(ids), { intervalMs: 0, refreshMs: 0, now });
  expect(pacer.take(['a'])).toEqual(['a']);
  expect(pacer.take(['a'])).toEqual(['a']);
  vi.runAllTimers();
  expect(due).toEqual([]);
});

test('coalescing never loses the last update, and never sends a board twice within its interval', () => {
  // A stop's state changes at random times; every change asks for its board, and a board shows the
  // state when it is recomputed. After the last change, the last frame must show the last state.
  let seed = 7;
  const random = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const stops = ['a', 'b', 'c'];
  const state = new Map(stops.map((s) => [s, 0]));
  const shown = new Map<string, number>();
  const sentAt = new Map<string, number[]>();
  let pacer: BoardPacer | null = null;
  const compute = (ids: readonly string[]): void => {
    for (const id of ids) {
      const value = state.get(id) ?? -1;
      // Some changes leave the board as it was (the same state again): those are not sent.
      if (pacer?.offer(id, board(now(), [{ asOf: value }])) !== true) continue;
      shown.set(id, value);
      sentAt.set(id, [...(sentAt.get(id) ?? []), now()]);
    }
  };
  pacer = new BoardPacer(compute, { intervalMs: 100, refreshMs: 1000, now });
  for (let i = 0; i < 2000; i++) {
    vi.advanceTimersByTime(Math.floor(random() * 60));
    const id = stops[Math.floor(random() * stops.length)] ?? 'a';
    if (random() < 0.8) state.set(id, i);
    compute(pacer.take([id]));
  }
  vi.runAllTimers();
  for (const id of stops) {
    expect(shown.get(id)).toBe(state.get(id));
    const times = sentAt.get(id) ?? [];
    expect(times.length).toBeGreaterThan(100);
    for (let k = 1; k < times.length; k++) {
      expect((times[k] ?? 0) - (times[k - 1] ?? 0)).toBeGreaterThanOrEqual(100);
    }
  }
  expect(pacer.waiting).toBe(0);
});

test('a board showing nothing new is not resent until its refresh; a new report is', () => {
  const pacer = new BoardPacer(() => undefined, { intervalMs: 100, refreshMs: 1000, now });
  const t = now();
  expect(pacer.offer('s1', board(t, [{}]))).toBe(true);
  vi.advanceTimersByTime(200);
  // Only the seconds-from-now moved on.
  expect(pacer.offer('s1', board(t, [{ etaS: 179, lowS: 149, highS: 209 }]))).toBe(false);
  // The bus reported again: a new asOf is news even with the same text.
  expect(pacer.offer('s1', board(t, [{ asOf: t + 100 }]))).toBe(true);
  vi.advanceTimersByTime(999);
  expect(pacer.offer('s1', board(t, [{ asOf: t + 100 }]))).toBe(false);
  vi.advanceTimersByTime(1);
  expect(pacer.offer('s1', board(t, [{ asOf: t + 100 }]))).toBe(true);
  // Other stops are judged apart.
  expect(pacer.offer('s2', board(t, [{ asOf: t + 100 }]))).toBe(true);
});

test('what a sign shows is in the key, the seconds-from-now are not', () => {
  const t = 5_000_000;
  const base = shownKey(board(t, [{}]));
  expect(shownKey(board(t, [{ etaS: 1, lowS: 0, highS: 2 }]))).toBe(base);
  expect(shownKey(board(t, [{ vehicleId: 'bus-2' }]))).not.toBe(base);
  expect(shownKey(board(t, [{ text: { ko: '2분', en: '2 min' } }]))).not.toBe(base);
  expect(shownKey(board(t, [{ stopsAway: 1 }]))).not.toBe(base);
  expect(shownKey(board(t, [{ crowding: 'high' }]))).not.toBe(base);
  expect(shownKey(board(t, [{ etaMs: t + 120_000 }]))).not.toBe(base);
  // An arrival already due reads as due, whatever the turn's clock.
  expect(shownKey(board(t, [{ etaMs: t, asOf: t }]))).toBe(
    shownKey(board(t + 500, [{ etaMs: t + 500, asOf: t }])),
  );
  expect(shownKey(board(t, [{}, { vehicleId: 'bus-2' }]))).not.toBe(base);
});

test('cancel drops the waiting stops', () => {
  const due: string[][] = [];
  const pacer = new BoardPacer((ids) => due.push(ids), { intervalMs: 100, refreshMs: 1000, now });
  pacer.take(['a']);
  pacer.offer('a', board(now(), [{}]));
  pacer.take(['a']);
  expect(pacer.waiting).toBe(1);
  pacer.cancel();
  vi.runAllTimers();
  expect(due).toEqual([]);
  expect(pacer.waiting).toBe(0);
});

test('boards falling due within a quarter interval of each other are recomputed together, none early', () => {
  const due: { at: number; ids: string[] }[] = [];
  const pacer = new BoardPacer((ids) => due.push({ at: now(), ids }), {
    intervalMs: 100,
    refreshMs: 1000,
    now,
  });
  const t = now();
  vi.advanceTimersByTime(5);
  pacer.offer('a', board(t, [{ asOf: 1 }]));
  vi.advanceTimersByTime(10);
  pacer.offer('b', board(t, [{ asOf: 1 }]));
  vi.advanceTimersByTime(10);
  expect(pacer.take(['a', 'b'])).toEqual([]);
  vi.runAllTimers();
  // Due at t + 105 and t + 115: both at t + 125, the next quarter-interval mark.
  expect(due).toEqual([{ at: t + 125, ids: ['a', 'b'] }]);
});

test('a refresh of an unchanged board does not hold the next change back', () => {
  const pacer = new BoardPacer(() => undefined, { intervalMs: 100, refreshMs: 1000, now });
  const t = now();
  expect(pacer.offer('a', board(t, [{ asOf: 1 }]))).toBe(true);
  vi.advanceTimersByTime(1000);
  expect(pacer.take(['a'])).toEqual(['a']);
  expect(pacer.offer('a', board(t, [{ asOf: 1 }]))).toBe(true);
  vi.advanceTimersByTime(10);
  expect(pacer.take(['a'])).toEqual(['a']);
  expect(pacer.offer('a', board(t, [{ asOf: 2 }]))).toBe(true);
  vi.advanceTimersByTime(10);
  expect(pacer.take(['a'])).toEqual([]);
});
