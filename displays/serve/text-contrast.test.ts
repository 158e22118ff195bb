/**
 * @module displays/serve/text-contrast.test
 */
import { expect, test } from 'vitest';
import { contrastRatio, readableTextColour } from './text-contrast.ts';

test('contrast ratios are those of WCAG 2.2', () => {
  expect(contrastRatio('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
  expect(contrastRatio('#FFFFFF', '#FFFFFF')).toBe(1);
  expect(contrastRatio('#53B332', '#FFFFFF')).toBeCloseTo(2.67, 2);
});

test("a route's own text colour is kept where it reads, and replaced where it does not", () => {
  // Seoul's blue (trunk) and red (express) buses keep white numbers; the green (branch) bus's white
  // number at 2.7:1 becomes black (7.9:1), the yellow (circular) bus's too.
  expect(readableTextColour('#0068B7', '#FFFFFF')).toBe('#FFFFFF');
  expect(readableTextColour('#E60012', '#FFFFFF')).toBe('#FFFFFF');
  expect(readableTextColour('#53B332', '#FFFFFF')).toBe('#000000');
  expect(readableTextColour('#F2B70A', '#FFFFFF')).toBe('#000000');
  expect(readableTextColour('#0068B7', '#0068B8')).toBe('#FFFFFF');
});
