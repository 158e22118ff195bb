/**
 * @module core/clock/clock.test
 * The virtual clock fires timers in due order with `now()` at each due time, repeats intervals, and
 * forgets cleared timers. The system clock is checked only for shape (tests never sleep).
 */
import { describe, expect, test } from 'vitest';
import { SystemClock, VirtualClock } from './index.ts';

describe('VirtualClock', () => {
  test('starts where told and moves only when advanced', () => {
    const clock = new VirtualClock(1000);
    expect(clock.now()).toBe(1000);
    clock.advance(250);
    expect(clock.now()).toBe(1250);
    clock.advanceTo(2000);
    expect(clock.now()).toBe(2000);
  });

  test('fires timers in due-time order, ties in creation order, with now() at each due time', () => {
    const clock = new VirtualClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`c@${clock.now()}`), 300);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 100);
    clock.setTimeout(() => fired.push(`b1@${clock.now()}`), 200);
    clock.setTimeout(() => fired.push(`b2@${clock.now()}`), 200);
    clock.advance(250);
    expect(fired).toEqual(['a@100', 'b1@200', 'b2@200']);
    expect(clock.now()).toBe(250);
    clock.advance(50);
    expect(fired).toEqual(['a@100', 'b1@200', 'b2@200', 'c@300']);
  });

  test('does not fire a timer before it is due', () => {
    const clock = new VirtualClock(0);
    let fired = false;
    clock.setTimeout(() => (fired = true), 100);
    clock.advance(99);
    expect(fired).toBe(false);
    clock.advance(1);
    expect(fired).toBe(true);
  });

  test('a zero or negative delay fires on the next advance, even advance(0)', () => {
    const clock = new VirtualClock(500);
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), 0);
    clock.setTimeout(() => fired.push(clock.now()), -10);
    clock.advance(0);
    expect(fired).toEqual([500, 500]);
  });

  test('repeats an interval at every period within one advance', () => {
    const clock = new VirtualClock(0);
    const at: number[] = [];
    clock.setInterval(() => at.push(clock.now()), 1000);
    clock.advance(3500);
    expect(at).toEqual([1000, 2000, 3000]);
    clock.advance(500);
    expect(at).toEqual([1000, 2000, 3000, 4000]);
  });

  test('interleaves intervals and timeouts by due time', () => {
    const clock = new VirtualClock(0);
    const fired: string[] = [];
    clock.setInterval(() => fired.push(`i${clock.now()}`), 100);
    clock.setTimeout(() => fired.push(`t${clock.now()}`), 150);
    clock.advance(300);
    expect(fired).toEqual(['i100', 't150', 'i200', 'i300']);
  });

  test('a cleared timeout never fires and is no longer pending', () => {
    const clock = new VirtualClock(0);
    let fired = false;
    const handle = clock.setTimeout(() => (fired = true), 10);
    expect(clock.pendingTimers).toBe(1);
    clock.clear(handle);
    expect(clock.pendingTimers).toBe(0);
    clock.advance(100);
    expect(fired).toBe(false);
  });

  test('an interval can clear itself from its own callback', () => {
    const clock = new VirtualClock(0);
    let count = 0;
    const handle = clock.setInterval(() => {
      count++;
      if (count === 3) clock.clear(handle);
    }, 10);
    clock.advance(1000);
    expect(count).toBe(3);
    expect(clock.pendingTimers).toBe(0);
  });

  test('a timer set from a callback fires in the same advance when due', () => {
    const clock = new VirtualClock(0);
    const fired: number[] = [];
    clock.setTimeout(() => {
      fired.push(clock.now());
      clock.setTimeout(() => fired.push(clock.now()), 50);
    }, 100);
    clock.advance(200);
    expect(fired).toEqual([100, 150]);
  });

  test('clearing an unknown or fired handle is ignored', () => {
    const clock = new VirtualClock(0);
    const handle = clock.setTimeout(() => undefined, 1);
    clock.advance(5);
    expect(() => clock.clear(handle)).not.toThrow();
    expect(() => clock.clear({ id: 9999 })).not.toThrow();
  });

  test('refuses to be advanced from inside a timer callback, so time never runs backwards', () => {
    const clock = new VirtualClock(0);
    let inner: unknown;
    clock.setTimeout(() => {
      try {
        clock.advance(1000);
      } catch (err) {
        inner = err;
      }
    }, 100);
    clock.advance(400);
    expect(inner).toBeInstanceOf(Error);
    expect(clock.now()).toBe(400);
    clock.advance(100);
    expect(clock.now()).toBe(500);
  });

  test('refuses to go backwards or to run a zero-period interval', () => {
    const clock = new VirtualClock(100);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advanceTo(50)).toThrow(RangeError);
    expect(() => clock.setInterval(() => undefined, 0)).toThrow(RangeError);
  });
});

describe('SystemClock', () => {
  test('reports wall-clock time and clears timers before they fire', () => {
    const clock = new SystemClock();
    const before = Date.now();
    expect(clock.now()).toBeGreaterThanOrEqual(before);
    let fired = false;
    const t = clock.setTimeout(() => (fired = true), 60_000);
    const i = clock.setInterval(() => (fired = true), 60_000);
    clock.clear(t);
    clock.clear(i);
    expect(fired).toBe(false);
  });
});
