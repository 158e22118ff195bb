import { expect, test } from 'vitest';
import { InFlightWindow } from './in-flight-window.ts';

/** A window on a hand-moved clock. */
function windowAt(min: number, max: number): { w: InFlightWindow; at: (ms: number) => void } {
  let now = 0;
  const w = new InFlightWindow({ min, max, now: () => now });
  return { w, at: (ms) => (now = ms) };
}

/** Fill the window from empty (every admit but the last says "read on"), then settle it all. */
function fillAndDrain(w: InFlightWindow): void {
  const n = w.limit;
  for (let i = 1; i < n; i++) expect(w.admit()).toBe(true);
  w.admit();
  for (let i = 0; i < n; i++) w.settle();
}

test('a window that never fills stays at its floor', () => {
  const { w, at } = windowAt(4, 64);
  for (let t = 0; t < 10_000; t += 10) {
    at(t);
    expect(w.admit()).toBe(true);
    expect(w.admit()).toBe(true);
    w.settle();
    w.settle();
  }
  expect(w.limit).toBe(4);
});

test('a full window parks the reader until one settles', () => {
  const { w } = windowAt(2, 2);
  expect(w.admit()).toBe(true);
  expect(w.admit()).toBe(false);
  expect(w.settle()).toBe(true);
  expect(w.running).toBe(1);
});

test('a sustained backlog doubles the window up to its maximum', () => {
  const { w, at } = windowAt(4, 16);
  // Eight fills within 500 ms: the window doubles.
  for (let i = 0; i < 8; i++) {
    at(i * 10);
    fillAndDrain(w);
  }
  expect(w.limit).toBe(8);
  for (let i = 0; i < 16; i++) {
    at(100 + i * 10);
    fillAndDrain(w);
  }
  expect(w.limit).toBe(16);
  // Never beyond the maximum.
  for (let i = 0; i < 16; i++) {
    at(300 + i * 10);
    fillAndDrain(w);
  }
  expect(w.limit).toBe(16);
});

test('one burst after a pause does not widen it', () => {
  const { w, at } = windowAt(4, 64);
  // Seven fills in a burst, then quiet, then seven more: never eight within 500 ms.
  for (const start of [0, 600, 1200]) {
    for (let i = 0; i < 7; i++) {
      at(start + i);
      fillAndDrain(w);
    }
  }
  expect(w.limit).toBe(4);
});

test('a second without filling halves it, down to its floor', () => {
  const { w, at } = windowAt(4, 16);
  for (let i = 0; i < 16; i++) {
    at(i * 5);
    fillAndDrain(w);
  }
  expect(w.limit).toBe(16);
  at(1100);
  w.admit();
  w.settle();
  expect(w.limit).toBe(8);
  // Halving restarts the second: no second halving at once.
  w.admit();
  w.settle();
  expect(w.limit).toBe(8);
  at(2200);
  w.admit();
  w.settle();
  at(3300);
  w.admit();
  w.settle();
  at(4400);
  w.admit();
  w.settle();
  expect(w.limit).toBe(4);
});

test('a shrunk window parks the reader until the running fall below it', () => {
  const { w, at } = windowAt(2, 4);
  for (let i = 0; i < 8; i++) {
    at(i);
    fillAndDrain(w);
  }
  expect(w.limit).toBe(4);
  expect(w.admit()).toBe(true);
  expect(w.admit()).toBe(true);
  expect(w.admit()).toBe(true);
  at(5000);
  // Three running, the window halves to 2 on this settle: the reader waits.
  expect(w.settle()).toBe(false);
  expect(w.limit).toBe(2);
  expect(w.settle()).toBe(true);
});

test('a fixed window (min = max) never moves; bounds are whole and at least 1', () => {
  const { w, at } = windowAt(8, 8);
  for (let i = 0; i < 50; i++) {
    at(i);
    fillAndDrain(w);
  }
  expect(w.limit).toBe(8);
  expect(new InFlightWindow({ min: 0, max: 0.5, now: () => 0 }).limit).toBe(1);
  expect(new InFlightWindow({ min: 100, max: 10, now: () => 0 }).limit).toBe(10);
});
