/**
 * @module center/state/testing/sample-records
 * Small valid records for tests of the store and of what builds on it.
 */
import type {
  IncidentRecord,
  LinkStateRecord,
  SegmentTimeRecord,
  SignMessageRecord,
  StopRecord,
  VehicleRecord,
} from '../index.ts';

const T0 = Date.UTC(2026, 2, 2, 0, 0, 0);

/** A link-state record; override any field. */
export function sampleLink(over: Partial<LinkStateRecord> = {}): LinkStateRecord {
  return {
    linkId: 'L1',
    region: 'r1',
    edgeId: 'edge-r1',
    intervalStart: T0,
    intervalS: 30,
    flowVph: 900,
    densityVpkm: 20,
    speedKmh: 45,
    occupancyPct: 12,
    source: 'detector',
    ...over,
  };
}

/** A bus-progress record positioned in Seoul; override any field. */
export function sampleVehicle(over: Partial<VehicleRecord> = {}): VehicleRecord {
  return {
    vehicleId: 'bus-1',
    routeId: 'R1',
    tripId: 'T1',
    region: 'r1',
    at: T0,
    lat: 37.5665,
    lon: 126.978,
    speedMps: 8,
    distanceM: 1200,
    scheduleDeviationS: 30,
    lastStopId: 'S1',
    nextStopId: 'S2',
    onRoute: true,
    passengers: 20,
    ...over,
  };
}

/** A stop record; override any field. */
export function sampleStop(over: Partial<StopRecord> = {}): StopRecord {
  return { id: 'S1', name: '시청', nameEn: 'City Hall', lon: 126.978, lat: 37.5665, region: 'r1', ...over };
}

/** An active operator-declared incident; override any field. */
export function sampleIncident(over: Partial<IncidentRecord> = {}): IncidentRecord {
  return {
    id: 'inc-1',
    region: 'r1',
    linkId: 'L1',
    lanes: [0],
    positionM: 100,
    lon: 126.978,
    lat: 37.5665,
    kind: 'crash',
    severity: 'major',
    description: 'two cars',
    source: 'operator',
    status: 'active',
    startedAt: T0,
    clearedAt: null,
    updatedAt: T0,
    ...over,
  };
}

/** A sign message; override any field. */
export function sampleSignMessage(over: Partial<SignMessageRecord> = {}): SignMessageRecord {
  return {
    id: 'vms-1/m1',
    signId: 'vms-1',
    textKo: '전방 사고',
    textEn: 'Crash ahead',
    priority: 100,
    source: 'operator',
    incidentId: null,
    createdAt: T0,
    expiresAt: null,
    ...over,
  };
}

/** A segment travel time record; override any field. */
export function sampleSegmentTime(over: Partial<SegmentTimeRecord> = {}): SegmentTimeRecord {
  return {
    routeId: 'R1',
    fromStopId: 'S1',
    toStopId: 'S2',
    vehicleId: 'bus-1',
    departedAt: T0,
    travelTimeS: 95,
    region: 'r1',
    ...over,
  };
}
