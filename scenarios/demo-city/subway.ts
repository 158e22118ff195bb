/**
 * @module scenarios/demo-city/subway
 * Seoul Subway Line 2 from Bangbae to Sports Complex, for transfers: real station numbers and
 * coordinates (to about 20 m), a GTFS route of type 1 (subway) and one template trip per direction.
 * Line 2 is a loop: the inner circle (내선순환) runs counter-clockwise, eastbound along this southern
 * stretch; the outer circle (외선순환) clockwise, westbound. Peak headway about 2.5 minutes.
 */
import type { Frequency, Stop, TransitRoute, Trip } from '../../core/index.ts';
import type { Point } from './geo.ts';
import { distanceM } from './geo.ts';
import type { RegionId } from './places.ts';
import type { TimedStop } from './schedule.ts';
import { WEEKDAY_SERVICE, frequenciesOf, stopTimesOf } from './schedule.ts';

/** A Line 2 station. */
export type Station = { code: string; en: string; ko: string; point: Point; region: RegionId };

/** Stations west to east. */
export const LINE2_STATIONS: readonly Station[] = [
  { code: '225', en: 'Bangbae', ko: '방배', point: [126.9976, 37.48143], region: 'seocho' },
  { code: '224', en: 'Seocho', ko: '서초', point: [127.00792, 37.4919], region: 'seocho' },
  {
    code: '223',
    en: 'Seoul Nat’l Univ. of Education',
    ko: '교대',
    point: [127.01463, 37.49342],
    region: 'seocho',
  },
  { code: '222', en: 'Gangnam', ko: '강남', point: [127.02762, 37.49794], region: 'gangnam' },
  { code: '221', en: 'Yeoksam', ko: '역삼', point: [127.03646, 37.50062], region: 'gangnam' },
  { code: '220', en: 'Seolleung', ko: '선릉', point: [127.04901, 37.5045], region: 'gangnam' },
  { code: '219', en: 'Samseong', ko: '삼성', point: [127.06313, 37.50884], region: 'gangnam' },
  { code: '218', en: 'Sports Complex', ko: '종합운동장', point: [127.07364, 37.511], region: 'gangnam' },
];

/** GTFS id of a station (location_type 1) and of its platform (location_type 0). */
export const stationId = (code: string): string => `L2-${code}`;
const platformId = (code: string): string => `L2-${code}-P`;

/** Speed between stations and dwell, fitted to Line 2's timetable (about 2 minutes a station). */
const RUN_KMH = 36;
const DWELL_S = 30;

/** Seoul Metro's Line 2 colour. */
export const LINE2_COLOUR = '00A84D';

/** The Line 2 route, its stations and platforms, trips and frequencies. */
export function buildLine2(): {
  route: TransitRoute;
  stops: Stop[];
  trips: Trip[];
  frequencies: Frequency[];
  shapes: { id: string; points: Point[] }[];
} {
  const stops: Stop[] = LINE2_STATIONS.flatMap((s) => [
    {
      id: stationId(s.code),
      name: `${s.ko}역`,
      nameEn: `${s.en} Station`,
      lon: s.point[0],
      lat: s.point[1],
      locationType: 1,
    },
    {
      id: platformId(s.code),
      name: `${s.ko}역 2호선`,
      nameEn: `${s.en} Station, Line 2`,
      lon: s.point[0],
      lat: s.point[1],
      locationType: 0,
      parentStation: stationId(s.code),
    },
  ]);
  const trips: Trip[] = [];
  const frequencies: Frequency[] = [];
  const shapes: { id: string; points: Point[] }[] = [];
  // "English (한국어)" like every headsign of the scenario, so a sign splits it into its two languages.
  const headsigns = ['Jamsil, inner circle (내선순환 잠실)', 'Sadang, outer circle (외선순환 사당)'];
  for (const dir of [0, 1] as const) {
    const seq = dir === 0 ? [...LINE2_STATIONS] : [...LINE2_STATIONS].reverse();
    const timed: TimedStop[] = [];
    let distM = 0;
    let atS = 0;
    seq.forEach((s, i) => {
      if (i > 0) {
        const d = distanceM((seq[i - 1] as Station).point, s.point);
        distM += d;
        atS += Math.round(d / (RUN_KMH / 3.6) / 10) * 10 + DWELL_S;
      }
      timed.push({ stopId: platformId(s.code), atS, distM, dwellS: DWELL_S });
    });
    const tripId = `L2-${dir}`;
    shapes.push({ id: `shape-L2-${dir}`, points: seq.map((s) => s.point) });
    trips.push({
      id: tripId,
      routeId: 'L2',
      serviceId: WEEKDAY_SERVICE.serviceId,
      headsign: headsigns[dir] ?? '',
      directionId: dir,
      shapeId: `shape-L2-${dir}`,
      stopTimes: stopTimesOf(timed, 6 * 3600 + 50 * 60),
    });
    frequencies.push(
      ...frequenciesOf(tripId, [
        { from: '06:50', to: '09:00', headwayS: 150 },
        { from: '09:00', to: '10:00', headwayS: 240 },
      ]),
    );
  }
  const route: TransitRoute = {
    id: 'L2',
    agencyId: 'seoul-metro',
    shortName: '2',
    longName: '2호선 Line 2 (Seoul Subway)',
    gtfsType: 1,
    mode: 'subway',
    operatorId: 'seoul-metro',
    region: null,
    color: LINE2_COLOUR,
    textColor: 'FFFFFF',
    roadLinks: {},
    lowFloor: true,
    capacity: 1600,
  };
  return { route, stops, trips, frequencies, shapes };
}
