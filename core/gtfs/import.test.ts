/**
 * @module core/gtfs/import.test
 * Importing the Caltrain 2016 feed (copied to a temp dir; shared data is never touched), a tiny
 * hand-written feed for interpolation, frequencies and calendar_dates, and corrupted copies that must
 * fail naming the file and line.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { FileFormatError } from '../errors/index.ts';
import { transitSchema } from '../transit/index.ts';
import { importGtfs } from './index.ts';
import { sharedDataPath } from '../shared-data/index.ts';

/** The shared reference data sits beside the repository (`../shared/data`). */
const CALTRAIN = sharedDataPath('gtfs', 'caltrain-2016');
const work = mkdtempSync(join(tmpdir(), 'its-gtfs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let copies = 0;
/** A fresh copy of the Caltrain feed to corrupt. */
function caltrainCopy(): string {
  const dir = join(work, `caltrain-${copies++}`);
  cpSync(CALTRAIN, dir, { recursive: true });
  return dir;
}

/** Replace line `n` (1-based) of a file. */
function editLine(dir: string, file: string, n: number, edit: (line: string) => string): void {
  const path = join(dir, file);
  const lines = readFileSync(path, 'utf8').split('\n');
  lines[n - 1] = edit(lines[n - 1] ?? '');
  writeFileSync(path, lines.join('\n'));
}

describe('the Caltrain 2016 feed', () => {
  const { transit, summary } = importGtfs(caltrainCopy());

  test('imports every agency, route, stop, trip, stop time and shape', () => {
    expect(summary).toMatchObject({
      agencies: 1,
      routes: 4,
      stops: 95,
      trips: 218,
      stopTimes: 3103,
      shapes: 8,
      shapePoints: 3008,
      services: 3,
    });
    expect(summary.skipped.calendarExceptions).toBe(8);
  });

  test('the result is a valid transit section, and survives JSON', () => {
    expect(transitSchema.safeParse(JSON.parse(JSON.stringify(transit))).success).toBe(true);
  });

  test('times are HH:MM:SS and stop times run in sequence', () => {
    const trip = transit.trips.find((t) => t.id === '23a');
    expect(trip?.stopTimes[0]).toEqual({
      stopId: '777403',
      stopSequence: 1,
      arrival: '07:33:00',
      departure: '07:33:00',
    });
    for (const t of transit.trips)
      for (let k = 1; k < t.stopTimes.length; k++)
        expect(t.stopTimes[k]!.stopSequence).toBeGreaterThan(t.stopTimes[k - 1]!.stopSequence);
  });

  test('shapes are [lon, lat] and routes keep their colours', () => {
    const [lon, lat] = transit.shapes[0]!.points[0]!;
    expect(lat).toBeGreaterThan(37);
    expect(lon).toBeLessThan(-121);
    expect(transit.routes.find((r) => r.id === 'Bu-16APR')?.color).toBe('E31837');
  });
});

describe('a small hand-written feed', () => {
  const dir = join(work, 'tiny');
  cpSync(CALTRAIN, dir, { recursive: true, filter: (src) => !src.endsWith('.txt') });
  const files: Record<string, string> = {
    'agency.txt': 'agency_name,agency_url,agency_timezone\r\n서울버스,https://bus.go.kr,Asia/Seoul\r\n',
    'routes.txt': 'route_id,route_short_name,route_long_name,route_type\n140,140,"도봉산역, AT센터",3\n',
    'stops.txt':
      'stop_id,stop_name,stop_lat,stop_lon,location_type\nA,"강남역",37.4979,127.0276,0\nB,신논현역,37.5045,127.0250,0\nC,논현역,37.5110,127.0215,0\nX,boarding,,,4\n',
    'trips.txt': 'route_id,service_id,trip_id,direction_id\n140,holiday,t1,1\n140,holiday,t2,\n',
    'stop_times.txt':
      'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nt1,7:00:00,7:00:00,A,1\nt1,,,B,5\nt1,7:10:00,7:11:00,C,9\nt2,8:00:00,8:00:00,A,1\n',
    'frequencies.txt': 'trip_id,start_time,end_time,headway_secs\nt1,07:00:00,09:00:00,600\n',
    'calendar_dates.txt': 'service_id,date,exception_type\nholiday,20261225,1\nholiday,20270101,1\n',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { transit, summary } = importGtfs(dir);

  test('interpolates empty times between timepoints evenly by stop', () => {
    expect(transit.trips[0]?.stopTimes.map((s) => [s.arrival, s.departure])).toEqual([
      ['07:00:00', '07:00:00'],
      ['07:05:00', '07:05:00'],
      ['07:10:00', '07:11:00'],
    ]);
    expect(transit.trips[0]?.directionId).toBe(1);
  });

  test('names a lone agency by its name, and counts what it left out', () => {
    expect(transit.agencies[0]?.id).toBe('서울버스');
    expect(transit.routes[0]?.agencyId).toBe('서울버스');
    expect(summary.skipped).toMatchObject({ stopsWithoutPosition: 1, tripsWithFewerThanTwoStops: 1 });
    expect(transit.trips.map((t) => t.id)).toEqual(['t1']);
  });

  test('reads frequencies and turns a calendar_dates-only service into a weekly pattern', () => {
    expect(transit.frequencies).toEqual([
      { tripId: 't1', startTime: '07:00:00', endTime: '09:00:00', headwayS: 600 },
    ]);
    // 2026-12-25 is a Friday, 2027-01-01 a Friday.
    expect(transit.calendar).toEqual([
      {
        serviceId: 'holiday',
        days: [false, false, false, false, true, false, false],
        startDate: '20261225',
        endDate: '20270101',
      },
    ]);
  });
});

type Breakage = readonly [what: string, corrupt: (dir: string) => void, message: RegExp];

const BROKEN: readonly Breakage[] = [
  [
    'a missing required file',
    (d) => rmSync(join(d, 'stops.txt')),
    /stops\.txt: required GTFS file is missing/,
  ],
  [
    'a row with too few columns',
    (d) => editLine(d, 'stops.txt', 5, (l) => l.replace(/,[^,]*$/, '')),
    /stops\.txt:5: has 10 fields, the header has 11/,
  ],
  [
    'a bad time',
    (d) => editLine(d, 'stop_times.txt', 10, (l) => l.replace(/,(\d+):(\d+):/, ',$1:6x:')),
    /stop_times\.txt:10: arrival_time ".*6x.*" is not a time H:MM:SS/,
  ],
  [
    'an unknown stop in stop_times',
    (d) => editLine(d, 'stop_times.txt', 3, (l) => l.replace(',777402,', ',999999,')),
    /stop_times\.txt:3: unknown stop_id "999999"/,
  ],
  [
    'a non-numeric latitude',
    (d) => editLine(d, 'stops.txt', 4, (l) => l.replace(/,37\.\d+,/, ',abc,')),
    /stops\.txt:4: stop_lat "abc" is not a number/,
  ],
  [
    'a latitude of 91',
    (d) => editLine(d, 'stops.txt', 4, (l) => l.replace(/,37\.\d+,/, ',91,')),
    /stops\.txt:4: stop_lat 91 is outside -90\.\.90/,
  ],
  [
    'an unknown route in trips',
    (d) => editLine(d, 'trips.txt', 2, (l) => l.replace('TaSj-16APR', 'Nope')),
    /trips\.txt:2: unknown route_id "Nope"/,
  ],
  [
    'an unknown trip in stop_times',
    (d) => editLine(d, 'stop_times.txt', 2, (l) => l.replace('23a', 'ghost')),
    /stop_times\.txt:2: unknown trip_id "ghost"/,
  ],
  [
    'stop times going back in time',
    (d) => editLine(d, 'stop_times.txt', 3, (l) => l.replace('7:45:00,7:45:00', '7:30:00,7:30:00')),
    /stop_times\.txt:3: arrival_time 07:30:00 is before the departure from the previous stop/,
  ],
  [
    'a missing column',
    (d) => editLine(d, 'stops.txt', 1, (l) => l.replace('stop_id', 'stopid')),
    /stops\.txt:1: missing column "stop_id"/,
  ],
  [
    'an unterminated quote',
    (d) => editLine(d, 'shapes.txt', 7, (l) => l.replace('"cal_sf_gil"', '"cal_sf_gil')),
    /shapes\.txt:7: /,
  ],
  [
    'no calendar at all',
    (d) => (rmSync(join(d, 'calendar.txt')), rmSync(join(d, 'calendar_dates.txt'))),
    /neither calendar\.txt nor calendar_dates\.txt/,
  ],
  [
    'a bad route colour',
    (d) => editLine(d, 'routes.txt', 3, (l) => l.replace('FFFFFF', 'white')),
    /routes\.txt:3: route_color "white" is not six hex digits/,
  ],
  [
    'a duplicate trip id',
    (d) => editLine(d, 'trips.txt', 3, (l) => l.replace('25a', '23a')),
    /trips\.txt:3: duplicate trip_id "23a"/,
  ],
];

describe('a corrupted feed', () => {
  test.each(BROKEN)('with %s fails naming the file and line', (_what, corrupt, message) => {
    const dir = caltrainCopy();
    corrupt(dir);
    let error: unknown;
    try {
      importGtfs(dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(FileFormatError);
    expect((error as FileFormatError).message).toMatch(message);
  });

  test('a missing path or a file (a zipped feed) is refused, each said as it is', () => {
    // A missing path said 'not a directory ... unzip it first', which sends a user looking for a zip.
    expect(() => importGtfs(join(work, 'no-such-feed'))).toThrow(/no-such-feed: no such directory$/);
    const zip = join(work, 'feed.zip');
    writeFileSync(zip, 'PK');
    expect(() => importGtfs(zip)).toThrow(/feed\.zip: not a directory .*unzip it first/);
  });
});
