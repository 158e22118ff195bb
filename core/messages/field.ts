/**
 * @module core/messages/field
 * Messages field devices (or the simulator, or the firmware bridge) publish. One zod schema per kind,
 * each with a `kind` discriminant and the common envelope (STYLE.md §10).
 */
import { z } from 'zod';
import { entityId, envelope, epochMs, latitude, longitude, nonNegativeInt, percent } from './common.ts';

/** Per-interval loop detector aggregate (volume, occupancy, speed), as NTCIP 1202 volume/occupancy. */
export const detectorReportSchema = z.strictObject({
  kind: z.literal('det.report'),
  ...envelope,
  /** Start of the aggregation interval, epoch ms. */
  intervalStart: epochMs,
  intervalS: z.number().int().min(1).max(3600),
  /** Vehicles counted in the interval. */
  volume: nonNegativeInt.max(10_000),
  /** Share of the interval the loop was occupied. */
  occupancyPct: percent,
  /** Mean spot speed; null when no vehicle passed or the loop is a single loop without speed. */
  speedKmh: z.number().min(0).max(300).nullable(),
});

/** A loop detector's presence edge: the moment a vehicle enters (`on`) or leaves (`off`) the loop. */
export const detectorActuationSchema = z.strictObject({
  kind: z.literal('det.actuation'),
  ...envelope,
  state: z.enum(['on', 'off']),
});

/** Bus AVL position fix. Speed m/s, heading degrees clockwise from true north. */
export const busPositionSchema = z.strictObject({
  kind: z.literal('bus.position'),
  ...envelope,
  /** Vehicle (bus) id; the GPS unit's deviceId may differ. */
  vehicleId: entityId,
  routeId: entityId.nullable(),
  tripId: z.string().min(1).max(128).nullable(),
  lat: latitude,
  lon: longitude,
  speedMps: z.number().min(0).max(100),
  headingDeg: z.number().min(0).lt(360).nullable(),
  /** 0 no fix, 1 GPS, 2 DGPS, 4 RTK fixed, 5 RTK float (NMEA GGA quality). */
  fixQuality: z.number().int().min(0).max(8),
  hdop: z.number().min(0).max(99.99).nullable(),
  /** Passengers on board when the bus's counter knows. */
  passengers: nonNegativeInt.max(500).nullable(),
});

/**
 * J2735 MovementPhaseState, spelled as in SAE J2735 (2016) §7.1xx, for each signal group.
 */
export const movementPhaseState = z.enum([
  'unavailable',
  'dark',
  'stop-then-proceed',
  'stop-and-remain',
  'pre-movement',
  'permissive-movement-allowed',
  'protected-movement-allowed',
  'permissive-clearance',
  'protected-clearance',
  'caution-conflicting-traffic',
]);
export type MovementPhaseState = z.infer<typeof movementPhaseState>;

/** Controller operating mode. */
export const controllerMode = z.enum(['fixed', 'actuated', 'coordinated', 'external', 'flash', 'off']);
export type ControllerMode = z.infer<typeof controllerMode>;

/**
 * Signal phase and timing (SPaT) of one intersection, J2735-like: per signal group its state and the
 * earliest, latest and likely end of that state (epoch ms).
 */
export const spatSchema = z.strictObject({
  kind: z.literal('spat'),
  ...envelope,
  intersectionId: entityId,
  mode: controllerMode,
  planId: z.string().min(1).max(64).nullable(),
  /** Seconds since the start of the current cycle; null when not running a cycle. */
  cycleSecond: z.number().min(0).max(600).nullable(),
  /** Latched conflict-monitor fault, if any. */
  fault: z.string().max(200).nullable(),
  groups: z
    .array(
      z.strictObject({
        /** Signal group number (a NEMA phase number for phase-based controllers, a stage index+1 otherwise). */
        signalGroup: z.number().int().min(1).max(255),
        state: movementPhaseState,
        minEndTime: epochMs.nullable(),
        maxEndTime: epochMs.nullable(),
        likelyTime: epochMs.nullable(),
      }),
    )
    .max(64),
});

/** Transit modes a card reader serves. */
export const transitMode = z.enum([
  'subway',
  'trunkBus',
  'branchBus',
  'circulationBus',
  'villageBus',
  'lateNightBus',
  'wideAreaBus',
  'taxi',
]);
export type TransitMode = z.infer<typeof transitMode>;

export const riderClass = z.enum(['adult', 'youth', 'child']);
export type RiderClass = z.infer<typeof riderClass>;

/** A transit-card tap at a reader (bus door, subway gate, taxi meter). */
export const cardTapSchema = z.strictObject({
  kind: z.literal('tap'),
  ...envelope,
  cardId: z.string().min(4).max(32),
  tap: z.enum(['in', 'out']),
  mode: transitMode,
  operatorId: entityId,
  routeId: entityId.nullable(),
  stopId: entityId.nullable(),
  vehicleId: entityId.nullable(),
  riderClass,
  /** Cumulative distance along the route at the tap (km), for distance fares; null at subway gates. */
  odometerKm: z.number().min(0).max(10_000).nullable(),
  /**
   * Distance of the leg ended by this tap-out (km), when the reader knows it better than odometers do
   * (a subway exit gate looks it up in its station-distance table; a taxi meter measures it). Optional.
   */
  legKm: z.number().min(0).max(10_000).optional(),
  /** Taxi meter: seconds driven below the slow-time speed (15 km/h), charged by time. Optional. */
  slowS: z.number().int().min(0).max(86_400).optional(),
  /** What the reader charged at this tap, integer won (may be 0 on a transfer). */
  chargedKrw: z.number().int().min(0).max(1_000_000),
  /** Card balance after the tap, integer won, as the reader saw it. */
  balanceAfterKrw: z.number().int().min(-1_000_000).max(10_000_000),
});

/** Vehicle classes of the Korea Expressway tariff; `light` = light car (50% discount). */
export const tollVehicleClass = z.enum(['1', '2', '3', '4', '5', 'light']);
export type TollVehicleClass = z.infer<typeof tollVehicleClass>;

/** A vehicle passing a Hi-pass-like toll gantry. */
export const tollPassSchema = z.strictObject({
  kind: z.literal('toll.pass'),
  ...envelope,
  gantryId: entityId,
  /** On-board unit id; null when the vehicle has none (plate billing). */
  obuId: z.string().min(4).max(32).nullable(),
  vehicleClass: tollVehicleClass,
  plate: z.string().min(1).max(16),
  lane: z.number().int().min(1).max(16),
  /** Purse balance the OBU reported; null without OBU. */
  balanceKrw: z.number().int().min(-1_000_000).max(10_000_000).nullable(),
});

/** Device presence and health; published retained, and as the MQTT last will with `online: false`. */
export const deviceStatusSchema = z.strictObject({
  kind: z.literal('status'),
  ...envelope,
  deviceKind: z.enum([
    'detector',
    'controller',
    'gps',
    'reader',
    'gantry',
    'bridge',
    'edge',
    'center',
    'sim',
  ]),
  online: z.boolean(),
  /** Why the state changed (e.g. `startup`, `last-will`, `shutdown`). */
  reason: z.string().max(200),
  /** Set when the device restarted: its `seq` starts again from this value. */
  seqReset: z.boolean(),
  firmware: z.string().max(64).nullable(),
});

export type DetectorReport = z.infer<typeof detectorReportSchema>;
export type DetectorActuation = z.infer<typeof detectorActuationSchema>;
export type BusPosition = z.infer<typeof busPositionSchema>;
export type Spat = z.infer<typeof spatSchema>;
export type CardTap = z.infer<typeof cardTapSchema>;
export type TollPass = z.infer<typeof tollPassSchema>;
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;
