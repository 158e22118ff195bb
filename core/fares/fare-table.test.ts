/**
 * @module core/fares/fare-table.test
 * The fare table loader: the shipped file loads; a bad one names the field.
 */
import { expect, test } from 'vitest';
import { ValidationError } from '../errors/index.ts';
import { loadFareTable, parseFareTable, SEOUL_FARE_TABLE_FILE, seoulPolicy } from './index.ts';

test('the shipped Seoul table loads with subway 1,550 / 900 / 550', () => {
  const table = loadFareTable(SEOUL_FARE_TABLE_FILE);
  expect(table.transit.baseFares.subway).toEqual({ adult: 1550, youth: 900, child: 550 });
  expect(seoulPolicy().version).toBe('seoul-capital-area@2025-06-28');
});

test('modes without youth or child fares fall back to the adult fare', () => {
  expect(seoulPolicy().baseFares.villageBus.child).toBe(1200);
});

test('a bad table names the field that is wrong', () => {
  const table = loadFareTable(SEOUL_FARE_TABLE_FILE);
  const bad = {
    ...table,
    transit: { ...table.transit, transfer: { ...table.transit.transfer, windowMinutes: -1 } },
  };
  expect(() => parseFareTable(bad)).toThrow(ValidationError);
  expect(() => parseFareTable(bad)).toThrow(/transit\.transfer\.windowMinutes/);
});

test('a missing file is a file error naming the file', () => {
  expect(() => loadFareTable('/nonexistent/fares.json')).toThrow(/nonexistent\/fares\.json/);
});
