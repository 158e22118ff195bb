/**
 * @module center/prediction/signal-wait.test
 */
import { expect, test } from 'vitest';
import { loadScenario } from '../../core/index.ts';
import { buildCenterNetwork } from '../network/index.ts';
import {
  SignalBoard,
  stopLineClass,
  stopLineDelayS,
  stopLineWait,
  type IntersectionTiming,
} from './signal-wait.ts';
import { StopLines } from './stop-lines.ts';

const T0 = Date.UTC(2026, 10, 26, 23, 0, 0);
/** Phase 2 with a 40 s green and a 60 s red last cycle (mean wait of a random arrival 18 s). */
const unit = { unit: '2', minEndS: null, maxEndS: null, lastGreenS: 40, lastRedS: 60 };
const red = (elapsedS: number): IntersectionTiming => ({
  at: T0,
  units: [{ ...unit, green: false, elapsedS }],
});
const green = (elapsedS: number, minEndS: number, maxEndS: number): IntersectionTiming => ({
  at: T0,
  units: [{ ...unit, green: true, elapsedS, minEndS, maxEndS }],
});

test('a bus at a red light waits about what is left of a red as long as the last one', () => {
  const w = stopLineWait(red(20), ['2'], T0, 0);
  expect(w?.meanS).toBeCloseTo(18, 5);
  expect(w?.expectedS).toBeCloseTo(40, 5);
  // Reaching the line 30 s on, it waits 30 s less; after the next green has begun, not at all.
  expect(stopLineWait(red(20), ['2'], T0, 30)?.expectedS).toBeLessThan(12);
  expect(stopLineWait(red(20), ['2'], T0, 60)?.expectedS).toBe(0);
});

test('a bus that reaches the line before the green can end does not wait', () => {
  expect(stopLineWait(green(5, 10, 60), ['2'], T0, 8)?.expectedS).toBe(0);
  // Reaching it after the latest end of the green, it meets the red.
  expect(stopLineWait(green(5, 10, 60), ['2'], T0, 70)?.expectedS).toBeGreaterThan(20);
});

test('the timing ages with the clock, and says nothing when stale or without a full cycle seen', () => {
  // Read 10 s ago, 20 s into the red: now 30 s in.
  expect(stopLineWait(red(20), ['2'], T0 + 10_000, 0)?.expectedS).toBeCloseTo(30, 5);
  expect(stopLineWait(red(20), ['2'], T0 + 600_000, 0)).toBeNull();
  const unseen = { at: T0, units: [{ ...unit, green: false, elapsedS: 3, lastRedS: null }] };
  expect(stopLineWait(unseen, ['2'], T0, 0)).toBeNull();
  expect(stopLineWait(red(20), ['4'], T0, 0)).toBeNull();
});

test('the delay is read at the first stop line still ahead of the bus on its segment', () => {
  const network = buildCenterNetwork(loadScenario('scenarios/demo-city'));
  const lines = new StopLines(network);
  const pattern = network.patterns.find((p) => p.stopIds.some((_, k) => lines.on(p, k).length > 0));
  const k = pattern?.stopIds.findIndex((_, i) => lines.on(pattern, i).length > 0) ?? -1;
  expect(pattern).toBeDefined();
  const line = lines.on(pattern!, k)[0]!;
  expect(line.shareLeft).toBeGreaterThan(0);
  expect(line.shareLeft).toBeLessThan(1);
  expect(line.units.length).toBeGreaterThan(0);
  const board = new SignalBoard();
  const on = lines.on(pattern!, k);
  // No timing known: no delay.
  expect(stopLineDelayS(on, board, T0, 1, T0)).toBe(0);
  board.observe(line.intersectionId, {
    at: T0,
    units: line.units.map((u) => ({ ...unit, unit: u, green: false, elapsedS: 20 })),
  });
  // Standing at the line on red: 40 s left against a mean of 18 s.
  expect(stopLineDelayS(on, board, T0, line.shareLeft, T0)).toBeCloseTo(22, 5);
  expect(stopLineClass(on, board, T0, line.shareLeft, T0)).toBe('w');
  // At the line only 50 s from now (the end of a dwell), when this red has most likely ended: passes.
  expect(stopLineClass(on, board, T0, line.shareLeft, T0 + 50_000)).toBe('p');
  // Past the line: nothing more to wait for on this segment.
  expect(stopLineDelayS(on, board, T0, line.shareLeft - 0.2, T0)).toBe(0);
  expect(stopLineClass(on, board, T0, line.shareLeft - 0.2, T0)).toBeNull();
  // An older reading does not replace a newer one.
  board.observe(line.intersectionId, { at: T0 - 60_000, units: [] });
  expect(board.get(line.intersectionId)?.at).toBe(T0);
});
