/**
 * @module displays/web/control/phase-label.test
 * Ring-barrier phase labels fit their boxes.
 */
import { expect, test } from 'vitest';
import { phaseLabel } from './phase-label.ts';

test('a running short phase drops its split rather than run into the next box', () => {
  // GN01's 18 s left turns in a 140 s cycle: 61.7 units wide (480 * 18 / 140 - 2).
  expect(phaseLabel(1, 18, true, 61.7)).toBe('▶ Φ1');
  expect(phaseLabel(1, 18, false, 61.7)).toBe('Φ1  18s');
  expect(phaseLabel(2, 60, true, 203.7)).toBe('▶ Φ2  60s');
  expect(phaseLabel(6, 59.6, false, 203.7)).toBe('Φ6  60s');
});
