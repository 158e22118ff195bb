/**
 * @module bench/center-ingest-gps-fleet
 * A fleet of buses driving along one region's bus trips of a scenario, as GPS units report them
 * (`bus.position` on `its/v1/<region>/bus/<deviceId>`), for the benches that feed a real edge: the
 * GPS-to-board latency (`center-ingest-gps.bench.ts`) and the uplink cost per fix
 * (`edge-pipeline-uplink.ts`). Buses are spread evenly along each trip's shape, so every stop has
 * buses just upstream of it (the next arrivals its board shows), and each drives on at a steady speed.
 * Start times are staggered over the progress period of the edge (one progress report per bus every
 * 10 s), so reports reach the uplink at an even rate rather than in a burst every 10 s.
 */
import { busRegionOf, type BusPosition, type LonLat, type Scenario } from '../core/index.ts';

/** One bus of the fleet: its trip's shape and where it starts on it. */
export type FleetBus = {
  readonly vehicleId: string;
  readonly deviceId: string;
  readonly routeId: string;
  readonly tripId: string;
  readonly points: readonly LonLat[];
  /** Distance along `points` of each point, m. */
  readonly cumM: readonly number[];
  readonly startM: number;
  readonly speedMps: number;
  /** When the bus sends its first fix, ms after the fleet starts. */
  readonly firstFixMs: number;
};

/** Options of {@link busFleet}. */
export type FleetOptions = {
  readonly region: string;
  readonly buses: number;
  /** Vehicle and device id prefix (unique per run on a shared broker). */
  readonly prefix: string;
  /** Over how long first fixes are spread, ms. Default 10 000 (the edge's bus progress period). */
  readonly staggerMs?: number;
  /** Metres kept clear at each end of a shape. Default 300. */
  readonly marginM?: number;
  /** Default 6 m/s (about 22 km/h, a city bus between stops). */
  readonly speedMps?: number;
};

const EARTH_M_PER_DEG = 111_195;

function distanceM(a: LonLat, b: LonLat): number {
  const cos = Math.cos(((a[1] + b[1]) / 2) * (Math.PI / 180));
  return Math.hypot((b[0] - a[0]) * cos, b[1] - a[1]) * EARTH_M_PER_DEG;
}

/** The buses: `buses` of them spread over the region's bus trips (GTFS route_type 3) with a shape. */
export function busFleet(scenario: Scenario, options: FleetOptions): FleetBus[] {
  const transit = scenario.transit;
  const shapes = new Map((transit?.shapes ?? []).map((s) => [s.id, s.points]));
  const buses = new Set(
    (transit?.routes ?? [])
      .filter((r) => r.gtfsType === 3 && busRegionOf(scenario, r.id) === options.region)
      .map((r) => r.id),
  );
  const trips = (transit?.trips ?? []).flatMap((t) => {
    const points = t.shapeId === null || t.shapeId === undefined ? undefined : shapes.get(t.shapeId);
    if (!buses.has(t.routeId) || points === undefined) return [];
    const cumM = [0];
    for (let i = 1; i < points.length; i++) {
      cumM.push((cumM[i - 1] ?? 0) + distanceM(points[i - 1] as LonLat, points[i] as LonLat));
    }
    return [{ trip: t, points, cumM }];
  });
  if (trips.length === 0) throw new Error(`${scenario.id}: no bus trip with a shape in ${options.region}`);
  const margin = options.marginM ?? 300;
  const stagger = options.staggerMs ?? 10_000;
  const perTrip = Math.ceil(options.buses / trips.length);
  return Array.from({ length: options.buses }, (_, j) => {
    const { trip, points, cumM } = trips[j % trips.length] ?? trips[0]!;
    const lengthM = cumM[cumM.length - 1] ?? 0;
    const k = Math.floor(j / trips.length);
    return {
      vehicleId: `${options.prefix}-v${j}`,
      deviceId: `${options.prefix}-g${j}`,
      routeId: trip.routeId,
      tripId: trip.id,
      points,
      cumM,
      startM: margin + ((lengthM - 2 * margin) * (k + 0.5)) / perTrip,
      speedMps: options.speedMps ?? 6,
      firstFixMs: Math.floor((j * stagger) / options.buses),
    };
  });
}

/** Where `bus` is after `elapsedS` seconds of driving. */
export function positionAt(bus: FleetBus, elapsedS: number): LonLat {
  const d = Math.min(bus.startM + bus.speedMps * elapsedS, bus.cumM[bus.cumM.length - 1] ?? 0);
  let i = 1;
  while (i < bus.cumM.length - 1 && (bus.cumM[i] ?? 0) < d) i++;
  const [a, b] = [bus.points[i - 1] as LonLat, bus.points[i] as LonLat];
  const [da, db] = [bus.cumM[i - 1] ?? 0, bus.cumM[i] ?? 0];
  const share = db > da ? (d - da) / (db - da) : 0;
  return [a[0] + share * (b[0] - a[0]), a[1] + share * (b[1] - a[1])];
}

/** The `seq`-th fix of `bus`, taken at `ts` (epoch ms), `elapsedS` after its first fix. */
export function fixOf(bus: FleetBus, seq: number, ts: number, elapsedS: number): BusPosition {
  const [lon, lat] = positionAt(bus, elapsedS);
  return {
    kind: 'bus.position',
    id: `${bus.deviceId}-${seq}-fix`,
    deviceId: bus.deviceId,
    seq,
    ts,
    vehicleId: bus.vehicleId,
    routeId: bus.routeId,
    tripId: bus.tripId,
    lat,
    lon,
    speedMps: bus.speedMps,
    headingDeg: null,
    fixQuality: 1,
    hdop: 0.9,
    passengers: 20,
  };
}

/** The field topic a GPS unit publishes on. */
export function busTopic(region: string, bus: FleetBus): string {
  return `its/v1/${region}/bus/${bus.deviceId}`;
}
