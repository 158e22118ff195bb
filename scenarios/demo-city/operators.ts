/**
 * @module scenarios/demo-city/operators
 * Who runs what, and the card readers whose taps they are paid from. Bus companies are fictional
 * (Seoul's quasi-public bus operators are private firms); Seoul Metro runs Line 2 and Korea Expressway
 * Corporation the Gyeongbu Expressway tolls. Readers: one on-board reader set per bus route, gates at
 * every Line 2 station, and one taxi meter reader for the fleet.
 */
import type { ScenarioInput } from '../../core/index.ts';
import type { BusRouteSpec } from './bus-routes.ts';
import { LINE2_STATIONS, stationId } from './subway.ts';

type Operator = NonNullable<ScenarioInput['operators']>[number];
type FareReader = NonNullable<ScenarioInput['fareReaders']>[number];

export const OPERATORS: readonly Operator[] = [
  { id: 'seocho-unsu', name: 'Seocho Unsu 서초운수 (fictional; trunk 440)', kind: 'bus' },
  { id: 'gangnam-yeogaek', name: 'Gangnam Yeogaek 강남여객 (fictional; branch 4412)', kind: 'bus' },
  { id: 'bundang-gwangyeok', name: 'Bundang Gwangyeok 분당광역 (fictional; wide-area 9409)', kind: 'bus' },
  { id: 'seoul-metro', name: 'Seoul Metro 서울교통공사 (Line 2)', kind: 'subway' },
  { id: 'kec', name: 'Korea Expressway Corporation 한국도로공사', kind: 'toll' },
  { id: 'gangnam-taxi', name: 'Gangnam Taxi 강남택시 (fictional)', kind: 'taxi' },
];

/** GTFS agencies: the bus companies and Seoul Metro. */
export function agencies(): { id: string; name: string; url?: string; timezone: string }[] {
  return OPERATORS.filter((o) => o.kind === 'bus' || o.kind === 'subway').map((o) => ({
    id: o.id,
    name: o.name,
    ...(o.id === 'seoul-metro' ? { url: 'https://www.seoulmetro.co.kr' } : {}),
    timezone: 'Asia/Seoul',
  }));
}

/** Card readers: per bus route, per Line 2 station gate line, and the taxi fleet. */
export function fareReaders(busRoutes: readonly BusRouteSpec[]): FareReader[] {
  return [
    ...busRoutes.map((r) => ({
      id: `reader-bus-${r.id}`,
      region: r.region,
      mode: r.mode,
      operatorId: r.operatorId,
      routeId: r.id,
      stopId: null,
    })),
    ...LINE2_STATIONS.map((s) => ({
      id: `reader-gate-L2-${s.code}`,
      region: s.region,
      mode: 'subway' as const,
      operatorId: 'seoul-metro',
      routeId: 'L2',
      stopId: stationId(s.code),
    })),
    {
      id: 'reader-taxi',
      region: 'gangnam',
      mode: 'taxi',
      operatorId: 'gangnam-taxi',
      routeId: null,
      stopId: null,
    },
  ];
}
