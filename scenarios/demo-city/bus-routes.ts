/**
 * @module scenarios/demo-city/bus-routes
 * Three Seoul-style bus routes. Seoul numbers and colours its buses by type (2004 reform): trunk
 * (blue, 3 digits: origin zone, destination zone, serial; zone 4 = Gangnam/Seocho), branch (green,
 * 4 digits) and wide-area express (red, 4 digits starting with 9 for buses from Gyeonggi). The numbers
 * here follow that scheme but are representative, not the real routes of these streets.
 */
import type { Frequency, Stop, TransitRoute, Trip } from '../../core/index.ts';
import type { Point } from './geo.ts';
import type { DistrictNetwork } from './network-types.ts';
import type { RegionId } from './places.ts';
import type { Headway, TimedStop } from './schedule.ts';
import { WEEKDAY_SERVICE, frequenciesOf, stopTimesOf } from './schedule.ts';
import type { StopRegistry } from './stops.ts';

/** How a bus route is described before it is laid on the network. */
export type BusRouteSpec = {
  id: string;
  longName: string;
  mode: 'trunkBus' | 'branchBus' | 'wideAreaBus';
  color: string;
  operatorId: string;
  region: RegionId;
  capacity: number;
  lowFloor: boolean;
  /** Nodes driven in direction 0; direction 1 drives them in reverse. */
  nodePath: string[];
  headsigns: [string, string];
  headways: Headway[];
};

/** Seoul bus colours (Seoul Metropolitan Government bus design guide). */
export const SEOUL_BUS_COLOURS = { trunk: '0068B7', branch: '53B332', wideArea: 'E60012' } as const;

export const BUS_ROUTES: readonly BusRouteSpec[] = [
  {
    id: '440',
    longName: '440 서초대로-테헤란로 (Seocho-daero west - Gangnam Station - Samseong Station)',
    mode: 'trunkBus',
    color: SEOUL_BUS_COLOURS.trunk,
    operatorId: 'seocho-unsu',
    region: 'gangnam',
    capacity: 80,
    lowFloor: true,
    nodePath: [
      'SCW',
      'SC01',
      'SC02',
      'SC03',
      'SC04',
      'GN01',
      'GN02',
      'GN03',
      'GN04',
      'GN05',
      'GN06',
      'GN07',
      'GN08',
      'GNE',
    ],
    headsigns: ['Samseong Station (삼성역)', 'Seocho Station (서초역)'],
    headways: [
      { from: '06:50', to: '09:00', headwayS: 360 },
      { from: '09:00', to: '10:00', headwayS: 480 },
    ],
  },
  {
    id: '4412',
    longName:
      '4412 반포대로-논현로 (Banpo-daero - Seocho Station - Gangnam Station - Yeoksam Station - Nonhyeon-ro)',
    mode: 'branchBus',
    color: SEOUL_BUS_COLOURS.branch,
    operatorId: 'gangnam-yeogaek',
    region: 'seocho',
    capacity: 60,
    lowFloor: true,
    nodePath: ['SC01N', 'SC01', 'SC02', 'SC03', 'SC04', 'GN01', 'GN02', 'GN03', 'GN03N'],
    headsigns: ['Nonhyeon-ro (논현로)', 'Banpo-daero (반포대로)'],
    headways: [
      { from: '06:50', to: '09:00', headwayS: 540 },
      { from: '09:00', to: '10:00', headwayS: 720 },
    ],
  },
  {
    id: '9409',
    longName:
      '9409 경부고속도로-테헤란로 (Gyeongbu Expressway - Seocho IC - Gangnam Station - Samseong Station)',
    mode: 'wideAreaBus',
    color: SEOUL_BUS_COLOURS.wideArea,
    operatorId: 'bundang-gwangyeok',
    region: 'gangnam',
    capacity: 45,
    lowFloor: false,
    nodePath: [
      'EXS',
      'EXICS',
      'SC04',
      'GN01',
      'GN02',
      'GN03',
      'GN04',
      'GN05',
      'GN06',
      'GN07',
      'GN08',
      'GN08N',
    ],
    headsigns: ['Samseong Station (삼성역)', 'Bundang (분당)'],
    headways: [
      { from: '06:50', to: '09:00', headwayS: 600 },
      { from: '09:00', to: '10:00', headwayS: 900 },
    ],
  },
];

/** Average bus running speed by road class, including signal delay, km/h. */
const RUN_KMH: Record<string, number> = { expressway: 70, ramp: 35 };
const URBAN_RUN_KMH = 17;
/** Dwell at a stop, seconds. */
const DWELL_S = 20;
/** First departures of the template trips: buses are already out when the run starts at 07:30. */
const FIRST_DEPARTURE_S = 6 * 3600 + 50 * 60;

/** A bus route laid on the network: its GTFS rows. */
export type BuiltBusRoute = {
  route: TransitRoute;
  trips: Trip[];
  frequencies: Frequency[];
  shapes: { id: string; points: Point[] }[];
};

/** Lays a bus route on the network, placing its stops in the shared registry. */
export function buildBusRoute(spec: BusRouteSpec, net: DistrictNetwork, stops: StopRegistry): BuiltBusRoute {
  const roadLinks: Record<string, string[]> = {};
  const trips: Trip[] = [];
  const frequencies: Frequency[] = [];
  const shapes: { id: string; points: Point[] }[] = [];
  for (const dir of [0, 1] as const) {
    const path = dir === 0 ? spec.nodePath : [...spec.nodePath].reverse();
    const linkIds = path.slice(1).map((to, i) => net.link(`${path[i]}-${to}`).id);
    roadLinks[String(dir)] = linkIds;
    const timed: TimedStop[] = [];
    const points: Point[] = [];
    let distM = 0;
    let atS = 0;
    for (const id of linkIds) {
      const link = net.link(id);
      const mps = (RUN_KMH[link.roadClass] ?? URBAN_RUN_KMH) / 3.6;
      for (const s of stops.on(id)) {
        timed.push({
          stopId: s.id,
          atS: atS + s.positionM / mps + timed.length * DWELL_S,
          distM: distM + s.positionM,
          dwellS: DWELL_S,
        });
      }
      points.push(...(points.length === 0 ? link.geometry : link.geometry.slice(1)));
      distM += link.lengthM;
      atS += link.lengthM / mps;
    }
    const tripId = `${spec.id}-${dir}`;
    const shapeId = `shape-${spec.id}-${dir}`;
    shapes.push({ id: shapeId, points });
    trips.push({
      id: tripId,
      routeId: spec.id,
      serviceId: WEEKDAY_SERVICE.serviceId,
      headsign: spec.headsigns[dir],
      directionId: dir,
      shapeId,
      stopTimes: stopTimesOf(timed, FIRST_DEPARTURE_S),
    });
    frequencies.push(...frequenciesOf(tripId, spec.headways));
  }
  return {
    route: {
      id: spec.id,
      agencyId: spec.operatorId,
      shortName: spec.id,
      longName: spec.longName,
      gtfsType: 3,
      mode: spec.mode,
      operatorId: spec.operatorId,
      region: spec.region,
      color: spec.color,
      textColor: 'FFFFFF',
      roadLinks,
      lowFloor: spec.lowFloor,
      capacity: spec.capacity,
    },
    trips,
    frequencies,
    shapes,
  };
}

/** A stop as GTFS holds it (without the generator's bookkeeping). */
export function gtfsStop(s: Stop): Stop {
  const { id, name, nameEn, lat, lon, linkId, positionM, locationType } = s;
  return { id, name, nameEn, lat, lon, linkId, positionM, locationType };
}
