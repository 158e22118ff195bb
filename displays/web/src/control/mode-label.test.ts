/**
 * @module displays/web/control/mode-label.test
 */
import { expect, test } from 'vitest';
import { CONTROLLER_MODE_LABELS, modeLabel } from './mode-label.ts';

test("a controller's mode reads in Korean and English, not as its wire value", () => {
  expect(modeLabel('external')).toBe('외부 제어 (엣지) · external (edge)');
  expect(modeLabel('flash')).toBe('점멸 · flashing');
  for (const [ko, en] of Object.values(CONTROLLER_MODE_LABELS)) {
    expect(ko).toMatch(/[\uac00-\ud7a3]/);
    expect(en).not.toBe('');
  }
  expect(modeLabel('something-new')).toBe('something-new');
});
