import { expect, test } from 'vitest';
import { cyclePositionS, cycleWindows, LinkedTiming, type LinkedCycle } from './scats-linked.ts';
import { unitState } from './test-units.ts';

const EIGHT = [1, 2, 3, 4, 5, 6, 7, 8].map((p) => unitState(p, { clearanceS: 6 }));
const SPLITS = { 1: 20, 2: 80, 3: 20, 4: 40, 5: 20, 6: 80, 7: 20, 8: 40 };

test('windows are laid out as the controller lays out the plan, from the coordinated green', () => {
  const w = cycleWindows(EIGHT, SPLITS, [2, 6], 160);
  expect(w.get('2')).toEqual({ startS: 0, greenS: 74 });
  expect(w.get('3')).toEqual({ startS: 80, greenS: 14 });
  expect(w.get('4')).toEqual({ startS: 100, greenS: 34 });
  expect(w.get('1')).toEqual({ startS: 140, greenS: 14 });
  expect(w.get('6')).toEqual({ startS: 0, greenS: 74 });
});

test('the cycle position counts from local midnight plus the offset', () => {
  const midnightKstMs = Date.UTC(2026, 10, 25, 15, 0, 0);
  expect(cyclePositionS(midnightKstMs, 160, 0, 540)).toBe(0);
  expect(cyclePositionS(midnightKstMs + 50_000, 160, 30, 540)).toBe(20);
  expect(cyclePositionS(midnightKstMs + 10_000, 160, 30, 540)).toBe(140);
});

const T0 = Date.UTC(2026, 10, 25, 15, 0, 0);
const twoPhase = (offsetS: number): LinkedCycle => {
  const units = [2, 4].map((p) => unitState(p, { clearanceS: 5 }));
  return {
    cycleS: 100,
    offsetS,
    utcOffsetMin: 540,
    windows: cycleWindows(units, { 2: 60, 4: 40 }, [2], 100),
    coordinated: new Set(['2']),
  };
};

test('a coordinated green that starts early keeps the spare time and ends at its window end', () => {
  const timing = new LinkedTiming();
  const cycle = twoPhase(0);
  // Green of 2 started 10 s before the cycle reference (the side street gapped out): window 55 s.
  const at = (s: number): ReturnType<typeof unitState>[] => [
    unitState(2, { active: true, greenS: s + 10, gapS: 9 }),
    unitState(4, { queueVeh: 3 }),
  ];
  expect(timing.ends(T0 + 54_000, at(54), cycle).has('2')).toBe(false);
  expect(timing.ends(T0 + 55_000, at(55), cycle).has('2')).toBe(true);
});

test('a late green is cut short so the next cycle starts on its offset', () => {
  const timing = new LinkedTiming();
  const cycle = twoPhase(0);
  // Side street green starts 20 s late (at 80 instead of 60): it must end at 95 all the same.
  const side = (greenS: number) => [unitState(2), unitState(4, { active: true, greenS, gapS: 0 })];
  expect(timing.ends(T0 + 94_000, side(14), cycle).has('4')).toBe(false);
  expect(timing.ends(T0 + 95_000, side(15), cycle).has('4')).toBe(true);
});

test('non-coordinated greens gap out after their minimum; coordinated ones rest in green', () => {
  const timing = new LinkedTiming();
  const cycle = twoPhase(0);
  const gapped = timing.ends(
    T0 + 70_000,
    [unitState(2), unitState(4, { active: true, greenS: 10, gapS: 3 })],
    cycle,
  );
  expect(gapped.has('4')).toBe(true);
  const resting = timing.ends(
    T0 + 130_000,
    [unitState(2, { active: true, greenS: 30, gapS: 20 }), unitState(4)],
    cycle,
  );
  expect(resting.has('2')).toBe(false);
});

test('after a green cut by an early green for a bus, an early green keeps its own length', () => {
  const timing = new LinkedTiming();
  const cycle = twoPhase(0);
  // The side street (window 60-95) is green at 62 s; priority for a bus on 2 cuts it at 70 s.
  timing.ends(T0 + 62_000, [unitState(2), unitState(4, { active: true, greenS: 2, gapS: 0 })], cycle);
  timing.ends(T0 + 70_000, [unitState(2), unitState(4)], cycle);
  // 2 starts at 75 s, 25 s early: it runs its 55 s (to 130 s), not to its window end at 155 s.
  const two = (greenS: number) => [unitState(2, { active: true, greenS, gapS: 0 }), unitState(4)];
  expect(timing.ends(T0 + 129_000, two(54), cycle).has('2')).toBe(false);
  expect(timing.ends(T0 + 130_000, two(55), cycle).has('2')).toBe(true);
  // Once that coordinated green has ended the cycle is in step again: an early side street green
  // (started at 140 s, window end 195 s) rests to its window end.
  timing.ends(T0 + 134_000, [unitState(2), unitState(4)], cycle);
  const side = (greenS: number) => [unitState(2), unitState(4, { active: true, greenS, gapS: 0 })];
  expect(timing.ends(T0 + 194_000, side(54), cycle).has('4')).toBe(false);
  expect(timing.ends(T0 + 195_000, side(55), cycle).has('4')).toBe(true);
});
