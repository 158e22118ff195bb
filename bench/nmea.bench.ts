/**
 * @module bench/nmea.bench
 * NMEA reader: bytes/s and lines/s over every gpsd regression log (repeated), and its agreement with
 * gpsd 3.22 on those logs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { NmeaReader, compareWithGpsd, gpsdFixes, readNmeaLog } from '../firmware-bridge/index.ts';
import type { BenchFigure, Benchmark } from './types.ts';
import { sharedDataPath } from '../core/shared-data/index.ts';

const LOG_DIR = sharedDataPath('nmea', 'gpsd-logs');

export const benchmark: Benchmark = {
  name: 'nmea reader',
  run: async ({ quick }) => {
    const names = readdirSync(LOG_DIR).filter((f) => f.endsWith('.log'));
    const logs = names.map((f) => readFileSync(join(LOG_DIR, f)));
    const bytesPerPass = logs.reduce((a, b) => a + b.length, 0);
    const passes = quick ? 5 : 50;
    let lines = 0;
    const started = performance.now();
    for (let p = 0; p < passes; p++) {
      for (const log of logs) {
        const reader = new NmeaReader();
        reader.push(log);
        reader.end();
        lines += reader.counters.lines;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    let tpvs = 0;
    let matched = 0;
    let superseded = 0;
    names.forEach((name, i) => {
      const cmp = compareWithGpsd(
        readNmeaLog(logs[i] ?? '').fixes,
        gpsdFixes(readFileSync(join(LOG_DIR, `${name}.chk`), 'utf8')),
      );
      tpvs += cmp.tpvs;
      matched += cmp.matched;
      superseded += cmp.mismatches.filter((m) => m.superseded).length;
    });
    const figures: BenchFigure[] = [
      { name: 'NMEA bytes read', value: (bytesPerPass * passes) / seconds / 1e6, unit: 'MB/s' },
      {
        name: 'NMEA lines read',
        value: lines / seconds,
        unit: 'lines/s',
        target: '>= 10000 (1000 receivers at 10 sentences/s on one core)',
        met: lines / seconds >= 10_000,
      },
      {
        name: 'gpsd TPVs matched strictly',
        value: (100 * matched) / tpvs,
        unit: '%',
        note: `${matched}/${tpvs} over ${names.length} logs`,
      },
      {
        name: 'gpsd TPVs matched, superseded per-sentence TPVs allowed',
        value: (100 * (matched + superseded)) / tpvs,
        unit: '%',
        note: `${matched + superseded}/${tpvs}`,
      },
    ];
    return figures;
  },
};
