/**
 * @module bench/table.test
 */
import { expect, test } from 'vitest';
import { formatTable, formatValue } from './table.ts';

test('formats figures with separators and a met column', () => {
  const text = formatTable([
    {
      benchmark: 'sim',
      file: 'sim.bench.ts',
      wallS: 1,
      error: null,
      figures: [
        {
          name: 'updates/s',
          value: 812345.6,
          unit: '1/s',
          target: '>= 795000',
          ratio: 3.07,
          reference: { name: 'SUMO', value: 265000 },
          met: true,
        },
      ],
    },
    { benchmark: 'broken', file: 'broken.bench.ts', wallS: 0, error: 'boom', figures: [] },
  ]);
  expect(text).toContain('812,346');
  expect(text).toContain('3.07x SUMO');
  expect(text).toContain('yes');
  expect(text).toContain('FAILED: boom');
});

test('small values keep three decimals', () => {
  expect(formatValue(0.01234)).toBe('0.012');
  expect(formatValue(12.345)).toBe('12.35');
  expect(formatValue(Number.NaN)).toBe('–');
  expect(formatValue(Number.POSITIVE_INFINITY)).toBe('Infinity');
});
