/**
 * @module firmware-bridge/nmea/reader.test
 * Behaviours of the streaming NMEA reader.
 */
import { expect, test } from 'vitest';
import { NmeaReader, readNmeaLog } from './index.ts';
import { sampleCycle, withChecksum } from './test-sentences.ts';

const twoCycles = sampleCycle('000941') + sampleCycle('000942');

test('merges one cycle of RMC, VTG, GGA and GSA into one 3D fix', () => {
  const { fixes, counters } = readNmeaLog(twoCycles);
  expect(fixes).toHaveLength(2);
  const fix = fixes[0];
  expect(fix?.mode).toBe(3);
  expect(fix?.timeMs).toBe(Date.UTC(2017, 0, 10, 0, 9, 41));
  expect(fix?.lat).toBeCloseTo(44.068897833, 8);
  expect(fix?.lon).toBeCloseTo(-121.314271333, 8);
  expect(fix?.speedMps).toBeCloseTo(0.0149, 4);
  expect(fix?.hdop).toBe(1.01);
  expect(fix?.sentences).toEqual(['RMC', 'VTG', 'GGA', 'GSA']);
  expect(counters.accepted).toBe(8);
});

test('gives the same fixes whatever the chunking of the byte stream', () => {
  const whole = readNmeaLog(twoCycles).fixes;
  const reader = new NmeaReader();
  const bytes = Buffer.from(twoCycles);
  const pieces = [];
  for (let i = 0; i < bytes.length; i += 7) pieces.push(...reader.push(bytes.subarray(i, i + 7)));
  pieces.push(...reader.end());
  expect(pieces).toEqual(whole);
});

test('reports a cycle as soon as its learned last sentence arrives', () => {
  const reader = new NmeaReader();
  reader.push(sampleCycle('000941'));
  const first = reader.push(sampleCycle('000942'));
  expect(first.map((f) => f.timeOfDayMs)).toEqual([9 * 60_000 + 41_000, 9 * 60_000 + 42_000]);
  const third = reader.push(sampleCycle('000943'));
  expect(third.map((f) => f.timeOfDayMs)).toEqual([9 * 60_000 + 43_000]);
});

test('finds a sentence after binary bytes on the same line', () => {
  const garbage = Buffer.from([0xb5, 0x62, 0x01, 0x07, 0x24, 0xff, 0x00, 0x13]);
  const { fixes, counters } = readNmeaLog(Buffer.concat([garbage, Buffer.from(twoCycles)]));
  expect(fixes).toHaveLength(2);
  expect(counters.garbageBytes).toBeGreaterThan(0);
});

test('rejects a wrong checksum and counts it', () => {
  const bad = withChecksum('GPGGA,193221.00,2037.72792,N,08704.08478,W,1,04,1.7,-30.40,M,-13.9,M,,').replace(
    /\*..$/,
    '*00',
  );
  const { fixes, counters } = readNmeaLog(`${bad}\r\n`);
  expect(fixes).toEqual([]);
  expect(counters.rejected['bad-checksum']).toBe(1);
});

test('accepts a complete sentence without checksum, as gpsd does, but not a truncated one', () => {
  const full = '$GPGGA,222449,3349.0337,S,01843.9282,E,1,07,02.31,000115.4,M,0033.3,M,,\r\n';
  const cut = '$GPGGA,222450,3349.0337,S,01843.92\r\n';
  const { fixes, counters } = readNmeaLog(full + cut);
  expect(fixes).toHaveLength(1);
  expect(fixes[0]?.date).toBeNull();
  expect(counters.unchecked).toBe(1);
  expect(counters.rejected.truncated).toBe(1);
});

test('rejects a sentence cut inside its checksum as truncated', () => {
  const { counters } = readNmeaLog('$GPBOD,,T,,M,,*\r\n$GPGGA,1*4\n');
  expect(counters.rejected.truncated).toBe(2);
});

test('reports no fix while the receiver has none', () => {
  const log = [
    withChecksum('GPGGA,000452.981,0000.0000,N,00000.0000,E,0,00,50.0,0.0,M,0.0,M,0.0,0000'),
    withChecksum('GPGSA,A,1,,,,,,,,,,,,,50.0,50.0,50.0'),
    withChecksum('GPRMC,000452.981,V,36000.0000,N,72000.0000,E,0.000000,,190120,,'),
  ].join('\n');
  expect(readNmeaLog(log).fixes).toEqual([]);
});

test('reads any talker and places a 2-digit year in 2000-2099', () => {
  const log = withChecksum('GLRMC,235959.50,A,3723.2475,N,12158.3416,W,10.0,90.0,311299,,');
  const [fix] = readNmeaLog(log).fixes;
  expect(fix?.date).toEqual({ year: 2099, month: 12, day: 31 });
  expect(fix?.mode).toBe(2);
  expect(fix?.trackDeg).toBe(90);
});

test('carries the date across midnight for GGA-only cycles', () => {
  const log = [
    withChecksum('GPZDA,235959.00,31,12,2025,00,00'),
    withChecksum('GPGGA,235959.00,3723.2475,N,12158.3416,W,1,08,0.9,10.0,M,0,M,,'),
    withChecksum('GPGGA,000000.00,3723.2475,N,12158.3416,W,1,08,0.9,10.0,M,0,M,,'),
  ].join('\r\n');
  const fixes = readNmeaLog(log).fixes;
  expect(fixes.map((f) => f.timeMs)).toEqual([Date.UTC(2025, 11, 31, 23, 59, 59), Date.UTC(2026, 0, 1)]);
});

test('names the bad field of a malformed sentence', () => {
  const seen: string[] = [];
  readNmeaLog(withChecksum('GPRMC,126199,A,3723.2475,N,12158.3416,W,1.0,90.0,311225,,'), {
    onReject: (reason, detail) => seen.push(`${reason}:${detail}`),
  });
  expect(seen).toEqual(['bad-field:RMC.time']);
});

test('derives speed from successive positions when no sentence reports it', () => {
  const log = [
    withChecksum('GPZDA,120000.00,01,06,2024,00,00'),
    withChecksum('GPGGA,120000.00,3700.0000,N,12700.0000,E,1,08,0.9,10.0,M,0,M,,'),
    withChecksum('GPGGA,120001.00,3700.0054,N,12700.0000,E,1,08,0.9,10.0,M,0,M,,'),
  ].join('\n');
  const fixes = readNmeaLog(log).fixes;
  expect(fixes[0]?.speedMps).toBeNull();
  // 0.0054' of latitude at 37 N is 10.0 m.
  expect(fixes[1]?.speedMps).toBeCloseTo(10.0, 1);
});

test('re-reports a cycle only when a late sentence changes the fix', () => {
  const withGll = (hhmmss: string, lon: string) =>
    sampleCycle(hhmmss) + `${withChecksum(`GNGLL,4404.13387,N,${lon},W,${hhmmss}.00,A,A`)}\r\n`;
  const log = [
    sampleCycle('000940'),
    sampleCycle('000941'),
    // GSA ended the last cycle, so 00:09:42 is reported at its GSA; its GLL moves the position.
    withGll('000942', '12118.85000'),
    sampleCycle('000950'),
    sampleCycle('000951'),
    // Reported at GSA; the late GLL repeats the position, so no second fix.
    withGll('000952', '12118.85628'),
  ].join('');
  const seconds = readNmeaLog(log).fixes.map((f) => (f.timeOfDayMs % 60_000) / 1000);
  expect(seconds).toEqual([40, 41, 42, 42, 50, 51, 52]);
});
