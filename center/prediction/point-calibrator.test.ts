/**
 * @module center/prediction/point-calibrator.test
 */
import { expect, test } from 'vitest';
import { PointCalibrator } from './point-calibrator.ts';

const T0 = Date.UTC(2026, 10, 26, 23, 0, 0);

/** Feed `n` outcomes 2 minutes ahead: expected at +120 s, σ 30 s, the fixed rule showing `fixedS` after. */
function feed(c: PointCalibrator, n: number, actualAfterS: (i: number) => number, fixedS = 0): void {
  for (let i = 0; i < n; i++) {
    const madeAtMs = T0 + i * 60_000;
    const expectedMs = madeAtMs + 120_000;
    c.record(`bus-${i}`, 'S1', madeAtMs, { expectedMs, sdS: 30, fixedMs: expectedMs + fixedS * 1000 });
    c.observeArrival(`bus-${i}`, 'S1', expectedMs + actualAfterS(i) * 1000);
  }
}

test('shows the fixed rule until a horizon has enough outcomes', () => {
  const c = new PointCalibrator({ minSamples: 50, refitEvery: 10 });
  feed(c, 40, (i) => (i % 2 === 0 ? -40 : 40));
  expect(c.pointMs(T0, T0 + 120_000, 30, T0 + 100_000)).toBe(T0 + 100_000);
});

test('moves the shown time so more buses arrive inside the window, at no cost in mean error', () => {
  // Half the buses 40 s early, half 40 s late: shown at the expected time, the early half is outside
  // the 0-3 min window (−30/+90 s); shown 10-40 s earlier, every bus is inside at the same mean error.
  const c = new PointCalibrator({ minSamples: 50, refitEvery: 10 });
  feed(c, 200, (i) => (i % 2 === 0 ? -40 : 40));
  const shown = c.pointMs(T0, T0 + 120_000, 30, T0 + 120_000);
  const shiftS = (shown - (T0 + 120_000)) / 1000;
  expect(shiftS).toBeLessThanOrEqual(-10);
  expect(shiftS).toBeGreaterThanOrEqual(-40);
  // Another horizon learnt nothing: the fixed rule there.
  expect(c.pointMs(T0, T0 + 700_000, 30, T0 + 690_000)).toBe(T0 + 690_000);
});

test('keeps the fixed rule when it already puts the most arrivals inside', () => {
  const c = new PointCalibrator({ minSamples: 50, refitEvery: 10 });
  // Every bus 20 s after the fixed rule's time: all inside already.
  feed(c, 200, () => 20, 0);
  expect(c.fitAt(120)).toBeNull();
  expect(c.pointMs(T0, T0 + 120_000, 30, T0 + 110_000)).toBe(T0 + 110_000);
});

test('never shows a time before now, and forgets a bus that left', () => {
  const c = new PointCalibrator({ minSamples: 50, refitEvery: 10 });
  feed(c, 200, (i) => (i % 2 === 0 ? -40 : 40));
  expect(c.pointMs(T0, T0 + 5_000, 30, T0 + 5_000)).toBeGreaterThanOrEqual(T0);
  c.record('gone', 'S1', T0, { expectedMs: T0 + 60_000, sdS: 10, fixedMs: T0 + 60_000 });
  c.forget('gone');
  const before = c.fitAt(60);
  c.observeArrival('gone', 'S1', T0 + 500_000);
  expect(c.fitAt(60)).toEqual(before);
});

test('spreads a fit over the arrivals that follow it, one offset per arrival', () => {
  // Fitted to all 50 outcomes (15 held out would decide by which side the last few fell).
  const c = new PointCalibrator({ minSamples: 50, refitEvery: 50, holdout: 0 });
  // The 50th outcome starts the fit and scores its first offset; 31 offsets, then the pick.
  feed(c, 50, (i) => (i % 2 === 0 ? -40 : 40));
  expect(c.fitAt(120)).toBeNull();
  for (let i = 0; i < 30; i++) c.observeArrival('nobody', 'S1', T0);
  expect(c.fitAt(120)).toBeNull();
  c.observeArrival('nobody', 'S1', T0);
  expect(c.fitAt(120)).not.toBeNull();
});

test('drops a fit that does not hold on the newest outcomes, which it was not fitted to', () => {
  // 140 buses 40 s either side of the expected time, then 60 right on it: shifting the time shown
  // earlier puts every older bus inside the window but only adds error for the newest.
  const actualAfterS = (i: number): number => (i >= 140 ? 0 : i % 2 === 0 ? -40 : 40);
  const finish = (c: PointCalibrator): void => {
    for (let i = 0; i < 31; i++) c.observeArrival('nobody', 'S1', T0);
  };
  const checked = new PointCalibrator({ minSamples: 50, refitEvery: 10, maeTolerance: 0.5 });
  feed(checked, 200, actualAfterS);
  finish(checked);
  expect(checked.fitAt(120)).toBeNull();
  // Fitted to every outcome, the newest among them, the shift is taken.
  const unchecked = new PointCalibrator({ minSamples: 50, refitEvery: 10, maeTolerance: 0.5, holdout: 0 });
  feed(unchecked, 200, actualAfterS);
  finish(unchecked);
  expect(unchecked.fitAt(120)).not.toBeNull();
});
