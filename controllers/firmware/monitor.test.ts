/**
 * @module controllers/firmware/monitor.test
 * The conflict monitor trips on deliberately broken sequencers and latches until reset.
 */
import { expect, test } from 'vitest';
import type { Layout, Sequencer, StepContext } from '../index.ts';
import { GREEN, RingSequencer, StageSequencer, createController } from '../index.ts';
import { nemaIntersection, stageIntersection } from '../testing/index.ts';

const T0 = 1_780_000_000_000;

/** Run until the controller faults or `seconds` pass; returns the fault. */
function runUntilFault(make: (layout: Layout) => Sequencer, stages = false, seconds = 600): string | null {
  const x = stages ? stageIntersection({ mode: 'actuated' }) : nemaIntersection({ mode: 'actuated' });
  const c = createController(x, { sequencerFactory: make });
  // Every detector pulses for 0.2 s every 10 s: calls everywhere, and greens that can gap out.
  for (let t = 0; t <= seconds * 1000 && c.fault === null; t += 100) {
    for (const d of c.layout.detectorIndex.keys()) c.setDetector(d, t % 10_000 < 200);
    c.step(T0 + t);
  }
  if (c.fault !== null) {
    expect(c.mode).toBe('flash');
    expect(c.signalGroupStates().every((g) => g.color === 'r' && g.flashing)).toBe(true);
  }
  return c.fault;
}

/** A sequencer built on a layout whose timing was tampered with. */
function tampered<T extends Sequencer>(
  Seq: new (layout: Layout) => T,
  change: Partial<Record<'yellowMs' | 'redClearMs' | 'minGreenMs' | 'pedClearMs', number>>,
): (layout: Layout) => Sequencer {
  return (layout) =>
    new Seq({ ...layout, groups: layout.groups.map((g) => ({ ...g, ...change, maxGreenMs: 12_000 })) });
}

test('the real sequencers run without tripping the monitor', () => {
  expect(runUntilFault((l) => new RingSequencer(l))).toBeNull();
  expect(runUntilFault((l) => new StageSequencer(l), true)).toBeNull();
});

test('the monitor trips on a sequencer that shortens the yellow change', () => {
  expect(runUntilFault(tampered(RingSequencer, { yellowMs: 2000 }))).toMatch(/yellow .* shorter/);
  expect(runUntilFault(tampered(StageSequencer, { yellowMs: 2000 }), true)).toMatch(/yellow .* shorter/);
});

test('the monitor trips on a sequencer that shortens the red clearance', () => {
  expect(runUntilFault(tampered(RingSequencer, { redClearMs: 0 }))).toMatch(/red clearance/);
  expect(runUntilFault(tampered(StageSequencer, { redClearMs: 0 }), true)).toMatch(/red clearance/);
});

test('the monitor trips on a green shorter than its minimum', () => {
  expect(runUntilFault(tampered(RingSequencer, { minGreenMs: 1000 }))).toMatch(/shorter than the minimum/);
});

test('the monitor trips on a flashing don’t walk shorter than configured', () => {
  expect(runUntilFault(tampered(RingSequencer, { pedClearMs: 1000 }))).toMatch(/flashing don't walk/);
});

test('the monitor trips on conflicting greens and latches until reset', () => {
  /** Phase 2 and phase 4 (opposite sides of the barrier) green together after a while. */
  class ConflictingSequencer extends RingSequencer {
    #steps = 0;
    override step(nowMs: number, ctx: StepContext): void {
      super.step(nowMs, ctx);
      if (++this.#steps > 600 && this.color[1] === GREEN) this.color[3] = GREEN;
    }
  }
  const conflicting = (layout: Layout): Sequencer => new ConflictingSequencer(layout);
  const x = nemaIntersection();
  const c = createController(x, { sequencerFactory: conflicting });
  let t = 0;
  for (; t <= 600_000 && c.fault === null; t += 100) c.step(T0 + t);
  expect(c.fault).toMatch(/conflict: groups 2 and 4/);
  expect(c.movementState('m2')).toBe('r');
  expect(c.activeUnits()).toEqual([]);
  expect(c.forceOff(2)).toBe(false);
  c.step(T0 + t + 10_000);
  expect(c.mode).toBe('flash');
  expect(c.resetFault()).toBe(true);
  expect(c.fault).toBeNull();
  expect(c.mode).toBe('fixed');
});
