/**
 * @module center/gtfs-rt/feeds
 * GTFS-realtime feeds (gtfs.org/realtime/reference) as plain objects in the protobufjs JSON shape of
 * `transit_realtime.FeedMessage`: TripUpdates from arrival predictions, VehiclePositions from bus
 * progress, and Alerts from active incidents (effect DETOUR for bus routes that drive a blocked link).
 * Encoding to protobuf is an adapter's job.
 */
import { incidentPlace } from '../detours/index.ts';
import type { CenterNetwork } from '../network/index.ts';
import type { ArrivalPrediction } from '../prediction/index.ts';
import type { IncidentRecord, VehicleRecord } from '../state/index.ts';

/** A FeedMessage as a plain object. */
export type FeedObject = {
  readonly header: { gtfsRealtimeVersion: string; incrementality: 'FULL_DATASET'; timestamp: number };
  readonly entity: readonly Record<string, unknown>[];
};

const header = (nowMs: number): FeedObject['header'] => ({
  gtfsRealtimeVersion: '2.0',
  incrementality: 'FULL_DATASET',
  timestamp: Math.floor(nowMs / 1000),
});

const trip = (v: VehicleRecord): Record<string, unknown> => ({
  ...(v.tripId === null ? {} : { tripId: v.tripId }),
  routeId: v.routeId,
});

/** TripUpdates: per bus, the predicted arrival at each stop ahead with its uncertainty (seconds). */
export function tripUpdatesFeed(
  buses: readonly { vehicle: VehicleRecord; predictions: readonly ArrivalPrediction[] }[],
  nowMs: number,
): FeedObject {
  return {
    header: header(nowMs),
    entity: buses.map(({ vehicle, predictions }) => ({
      id: `tu-${vehicle.vehicleId}`,
      tripUpdate: {
        trip: trip(vehicle),
        vehicle: { id: vehicle.vehicleId },
        timestamp: Math.floor(vehicle.at / 1000),
        ...(vehicle.scheduleDeviationS === null ? {} : { delay: Math.round(vehicle.scheduleDeviationS) }),
        stopTimeUpdate: predictions.map((p) => ({
          stopId: p.stopId,
          arrival: { time: Math.round(p.etaMs / 1000), uncertainty: Math.round((p.highMs - p.lowMs) / 2000) },
          scheduleRelationship: 'SCHEDULED',
        })),
      },
    })),
  };
}

/** GTFS-rt OccupancyStatus from a passenger count and capacity. */
function occupancy(passengers: number | null, capacity: number): string | undefined {
  if (passengers === null) return undefined;
  const r = passengers / capacity;
  if (r < 0.1) return 'EMPTY';
  if (r < 0.5) return 'MANY_SEATS_AVAILABLE';
  if (r < 0.75) return 'FEW_SEATS_AVAILABLE';
  if (r < 0.95) return 'STANDING_ROOM_ONLY';
  return 'FULL';
}

/** VehiclePositions of every bus. */
export function vehiclePositionsFeed(
  net: CenterNetwork,
  vehicles: readonly VehicleRecord[],
  nowMs: number,
): FeedObject {
  const capacity = new Map((net.scenario.transit?.routes ?? []).map((r) => [r.id, r.capacity]));
  return {
    header: header(nowMs),
    entity: vehicles.map((v) => {
      const occ = occupancy(v.passengers, capacity.get(v.routeId) ?? 80);
      return {
        id: `vp-${v.vehicleId}`,
        vehicle: {
          trip: trip(v),
          vehicle: { id: v.vehicleId },
          position: { latitude: v.lat, longitude: v.lon, speed: v.speedMps },
          timestamp: Math.floor(v.at / 1000),
          ...(v.nextStopId === null ? {} : { stopId: v.nextStopId, currentStatus: 'IN_TRANSIT_TO' }),
          ...(occ === undefined ? {} : { occupancyStatus: occ }),
        },
      };
    }),
  };
}

const CAUSE: Readonly<Record<IncidentRecord['kind'], string>> = {
  crash: 'ACCIDENT',
  breakdown: 'TECHNICAL_PROBLEM',
  roadwork: 'CONSTRUCTION',
  congestion: 'OTHER_CAUSE',
  other: 'UNKNOWN_CAUSE',
};

const translated = (ko: string, en: string): Record<string, unknown> => ({
  translation: [
    { text: ko, language: 'ko' },
    { text: en, language: 'en' },
  ],
});

/** Extra text for an incident's alert (e.g. the detour to take), and whether a detour exists. */
export type AlertDetail = { readonly ko: string; readonly en: string; readonly detour: boolean };

/** Alerts for active incidents: DETOUR for the bus routes on a link with blocked lanes. */
export function alertsFeed(
  net: CenterNetwork,
  incidents: readonly IncidentRecord[],
  nowMs: number,
  detailOf: (incident: IncidentRecord) => AlertDetail | null = () => null,
): FeedObject {
  const entity = incidents
    .filter((i) => i.status === 'active')
    .map((i) => {
      const routes = net.routesByLink.get(i.linkId) ?? [];
      const blocking = i.lanes.length > 0;
      // Every lane of the link: the road is closed, as signs say it (center/detours).
      const laneCount = net.links.get(i.linkId)?.lanes ?? 0;
      const closed = laneCount > 0 && i.lanes.length >= laneCount;
      // Each language names the road in its own words (scenario `nameKo`; the English name without
      // one) and the section between the link's named ends, as the signs do (center/detours).
      const place = incidentPlace(net, i.linkId);
      const detail = detailOf(i);
      return {
        id: `alert-${i.id}`,
        alert: {
          activePeriod: [{ start: Math.floor(i.startedAt / 1000) }],
          informedEntity:
            routes.length > 0
              ? routes.map((routeId) => ({ routeId }))
              : [{ agencyId: net.scenario.transit?.agencies[0]?.id ?? 'its' }],
          cause: CAUSE[i.kind],
          effect:
            routes.length > 0 && (blocking || detail?.detour === true) ? 'DETOUR' : 'SIGNIFICANT_DELAYS',
          headerText: translated(`${place.ko} ${kindKo(i.kind)}`, `${kindEn(i.kind)} on ${place.en}`),
          descriptionText:
            detail === null
              ? translated(
                  i.lanes.length === 0 ? place.ko : closed ? '전면 통제' : `${i.lanes.length}개 차로 통제`,
                  i.lanes.length === 0
                    ? place.en
                    : closed
                      ? 'Road closed'
                      : `${i.lanes.length} lane(s) closed`,
                )
              : translated(detail.ko, detail.en),
          severityLevel: i.severity === 'critical' ? 'SEVERE' : i.severity === 'major' ? 'WARNING' : 'INFO',
        },
      };
    });
  return { header: header(nowMs), entity };
}

function kindKo(kind: IncidentRecord['kind']): string {
  return { crash: '사고', breakdown: '고장차량', roadwork: '공사', congestion: '정체', other: '돌발상황' }[
    kind
  ];
}

function kindEn(kind: IncidentRecord['kind']): string {
  return {
    crash: 'Crash',
    breakdown: 'Broken-down vehicle',
    roadwork: 'Roadwork',
    congestion: 'Congestion',
    other: 'Incident',
  }[kind];
}
