/**
 * @module firmware-bridge/gpsd/tpv-reader.test
 */
import { expect, test } from 'vitest';
import { GpsdReader } from './index.ts';

const tpv =
  '{"class":"TPV","mode":3,"time":"2017-01-10T00:09:41.000Z","lat":44.068897833,"lon":-121.314271333,"altMSL":1144.8,"speed":0.015,"track":12.5}';

test('turns a TPV with a fix into a fix and skips other classes', () => {
  const reader = new GpsdReader();
  const fixes = reader.push(`{"class":"VERSION","release":"3.22"}\n${tpv}\n{"class":"TPV","mode":1}\n`);
  expect(fixes).toHaveLength(1);
  expect(fixes[0]?.timeMs).toBe(Date.UTC(2017, 0, 10, 0, 9, 41));
  expect(fixes[0]?.speedMps).toBe(0.015);
  expect(reader.counters.rejected['other-class']).toBe(1);
  expect(reader.counters.rejected['no-fix']).toBe(1);
});

test('reassembles lines split across chunks and counts garbage', () => {
  const reader = new GpsdReader();
  const fixes = [
    ...reader.push(tpv.slice(0, 30)),
    ...reader.push(`${tpv.slice(30)}\n{garbage\n`),
    ...reader.end(),
  ];
  expect(fixes).toHaveLength(1);
  const c = reader.counters;
  expect(c.lines).toBe(c.fixes + Object.values(c.rejected).reduce((a, b) => a + b, 0));
  expect(c.rejected['not-json']).toBe(1);
});
