/**
 * @module core/scenario/schema
 * The scenario file format: one JSON document describing a district — network, regions, signals,
 * detectors, transit, fare readers, toll gantries, demand, and timed incidents and faults. Times in
 * `events` and `demand` are seconds from `startTime`.
 */
import { z } from 'zod';
import { entityId, riderClass, tollVehicleClass, transitMode } from '../messages/index.ts';
import { detectorSchema, intersectionSchema, networkSchema } from '../network/index.ts';
import { transitSchema } from '../transit/index.ts';

export const regionSchema = z.strictObject({
  id: entityId,
  name: z.string().min(1).max(100),
  nameEn: z.string().max(100).optional(),
});

export const operatorSchema = z.strictObject({
  id: entityId,
  name: z.string().min(1).max(100),
  kind: z.enum(['bus', 'subway', 'taxi', 'toll']),
});

/** A transit-card reader: a bus's door readers (one per bus) or a subway station's gates. */
export const fareReaderSchema = z.strictObject({
  id: entityId,
  region: entityId,
  mode: transitMode,
  operatorId: entityId,
  /** The bus route (bus readers) or subway line. */
  routeId: z.string().min(1).max(128).nullable().default(null),
  /** Station for a subway gate; null for an on-board bus reader. */
  stopId: z.string().min(1).max(128).nullable().default(null),
});

export const tollRoadSchema = z.strictObject({
  id: entityId,
  operatorId: entityId,
  name: z.string().min(1).max(100),
  system: z.enum(['closed', 'open']),
  /** Lanes each way, for the tariff's lane adjustment (2 lanes 0.5x, 6+ lanes 1.2x). */
  lanesEachWay: z.number().int().min(1).max(8),
});

export const tollGantrySchema = z.strictObject({
  id: entityId,
  region: entityId,
  tollRoadId: entityId,
  linkId: entityId,
  positionM: z.number().min(0),
  /** Entry and exit gantries pair up in a closed system; a plaza charges a fixed toll in an open one. */
  role: z.enum(['entry', 'exit', 'plaza']),
  /** Chainage along the toll road, km; distance travelled = |exit km - entry km|. */
  chainageKm: z.number().min(0).max(1000),
  /** Open system: distance charged at this plaza. */
  chargedKm: z.number().min(0).max(1000).optional(),
});

export const vehicleTypeSchema = z.strictObject({
  id: entityId,
  lengthM: z.number().positive().max(30).default(5),
  minGapM: z.number().min(0).max(10).default(2.5),
  accelMps2: z.number().positive().max(10).default(2.6),
  decelMps2: z.number().positive().max(15).default(4.5),
  maxSpeedMps: z.number().positive().max(100).default(55.6),
  /** Desired time headway T of the IDM, seconds. */
  headwayS: z.number().positive().max(5).default(1.0),
  tollClass: tollVehicleClass.default('1'),
  /** Share of vehicles of this type with a Hi-pass OBU. */
  obuShare: z.number().min(0).max(1).default(0.85),
});

const timeWindow = {
  beginS: z.number().min(0),
  endS: z.number().positive(),
};

export const flowSchema = z.strictObject({
  id: entityId,
  /** Link where vehicles enter. */
  entryLink: entityId,
  /** Fixed route (link ids from entryLink on); otherwise vehicles follow turning ratios. */
  route: z.array(entityId).min(1).optional(),
  vehPerHour: z.number().min(0).max(10_000),
  typeId: entityId.default('car'),
  ...timeWindow,
});

export const turningRatioSchema = z.strictObject({
  fromLink: entityId,
  /** toLink id -> share; shares are normalized. */
  ratios: z.record(z.string(), z.number().min(0)),
});

export const odZoneSchema = z.strictObject({
  id: entityId,
  entryLinks: z.array(entityId).min(1),
  exitLinks: z.array(entityId).min(1),
});

export const odEntrySchema = z.strictObject({
  from: entityId,
  to: entityId,
  vehPerHour: z.number().min(0).max(20_000),
  typeId: entityId.default('car'),
  ...timeWindow,
});

export const passengerDemandSchema = z.strictObject({
  /** Boardings per stop per hour on average; the simulator spreads them over stops and routes. */
  boardingsPerStopPerHour: z.number().min(0).max(2000).default(30),
  riderClassShares: z
    .record(riderClass, z.number().min(0).max(1))
    .default({ adult: 0.85, youth: 0.1, child: 0.05 }),
  /** Share of riders who transfer to another route or the subway. */
  transferShare: z.number().min(0).max(1).default(0.2),
  /** Share of riders who forget to tap out. */
  missingTapOutShare: z.number().min(0).max(0.5).default(0.01),
});

export const demandSchema = z.strictObject({
  vehicleTypes: z.array(vehicleTypeSchema).min(1),
  flows: z.array(flowSchema).default([]),
  turningRatios: z.array(turningRatioSchema).default([]),
  odZones: z.array(odZoneSchema).default([]),
  od: z.array(odEntrySchema).default([]),
  passengers: passengerDemandSchema.optional(),
});

export const eventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('lane-blocked'),
    id: entityId,
    linkId: entityId,
    lanes: z.array(z.number().int().min(0).max(7)).min(1),
    positionM: z.number().min(0),
    ...timeWindow,
  }),
  z.strictObject({
    type: z.literal('detector-stuck'),
    id: entityId,
    detectorId: entityId,
    state: z.enum(['on', 'off']),
    ...timeWindow,
  }),
  z.strictObject({
    type: z.literal('gps-dropout'),
    id: entityId,
    /** A bus route (all its buses) or one vehicle. */
    routeId: z.string().min(1).max(128).optional(),
    vehicleId: entityId.optional(),
    ...timeWindow,
  }),
  z.strictObject({
    type: z.literal('gps-jump'),
    id: entityId,
    routeId: z.string().min(1).max(128).optional(),
    vehicleId: entityId.optional(),
    /** Size of the false jump, metres. */
    distanceM: z.number().positive().max(100_000),
    ...timeWindow,
  }),
  z.strictObject({
    type: z.literal('controller-comm-loss'),
    id: entityId,
    intersectionId: entityId,
    ...timeWindow,
  }),
  z.strictObject({
    type: z.literal('edge-link-down'),
    id: entityId,
    region: entityId,
    ...timeWindow,
  }),
]);
export type ScenarioEvent = z.infer<typeof eventSchema>;

export const scenarioSchema = z.strictObject({
  /** Format version of this file. */
  format: z.literal('its-scenario/1'),
  id: entityId,
  name: z.string().min(1).max(200),
  description: z.string().max(2000).default(''),
  /** ISO 8601 with offset: the wall-clock moment simulated second 0 stands for. */
  startTime: z.iso.datetime({ offset: true }),
  timezone: z.string().default('Asia/Seoul'),
  /** Simulated duration, seconds. */
  durationS: z
    .number()
    .positive()
    .max(7 * 86_400),
  regions: z.array(regionSchema).min(1),
  operators: z.array(operatorSchema).default([]),
  network: networkSchema,
  intersections: z.array(intersectionSchema).default([]),
  detectors: z.array(detectorSchema).default([]),
  transit: transitSchema.optional(),
  fareReaders: z.array(fareReaderSchema).default([]),
  tollRoads: z.array(tollRoadSchema).default([]),
  tollGantries: z.array(tollGantrySchema).default([]),
  demand: demandSchema,
  events: z.array(eventSchema).default([]),
});

export type Scenario = z.infer<typeof scenarioSchema>;
/** What a scenario file contains before defaults are applied. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
