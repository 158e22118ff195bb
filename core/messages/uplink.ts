/**
 * @module core/messages/uplink
 * Edge-to-center messages: an edge summarizes its region and sends `edge.batch` messages (QoS 1,
 * store-and-forward) whose items are typed by their own `type` discriminant. The center answers each
 * stored batch with an `uplink.ack`, and only that answer lets the edge delete the batch from its queue
 * (end-to-end acknowledgement: a broker that restarts, or a center that was not subscribed when the
 * broker took the batch, loses nothing).
 */
import { z } from 'zod';
import { controllerMode } from './field.ts';
import { entityId, envelope, epochMs, latitude, longitude, nonNegativeInt, percent } from './common.ts';

/** Most lanes a link has (core/network: `lane` 0-7), so at most this many lane entries. */
export const MAX_LINK_LANES = 8;

/**
 * One lane of the station a link state was estimated from, over the same interval. Lane 0 is the
 * rightmost (core/network). Flow is that lane's loops alone (not scaled to the link), so the lanes'
 * shares of the station's flow can be compared over time: a blocked lane loses its share while its
 * neighbours keep flowing, which the link's totals hide.
 */
export const laneStateItem = z.strictObject({
  lane: z
    .number()
    .int()
    .min(0)
    .max(MAX_LINK_LANES - 1),
  flowVph: z.number().min(0).max(10_000),
  occupancyPct: percent,
});
export type LaneStateItem = z.infer<typeof laneStateItem>;

/** Traffic state of one directed link over an interval. */
export const linkStateItem = z.strictObject({
  type: z.literal('link-state'),
  linkId: entityId,
  intervalStart: epochMs,
  intervalS: z.number().int().min(1).max(3600),
  flowVph: z.number().min(0).max(20_000),
  densityVpkm: z.number().min(0).max(1000),
  speedKmh: z.number().min(0).max(300).nullable(),
  occupancyPct: percent,
  /** Source of the speed: loop detectors, bus probes, or both. */
  source: z.enum(['detector', 'probe', 'fused']),
  /**
   * Per lane of the station the state was estimated from, healthy loops only, in lane order (absent
   * from edges that do not send it, and for lanes without a healthy loop).
   */
  lanes: z.array(laneStateItem).max(MAX_LINK_LANES).optional(),
});

export const detectorHealth = z.enum(['ok', 'stuck-on', 'stuck-off', 'chattering', 'silent']);
export type DetectorHealth = z.infer<typeof detectorHealth>;

/** A detector's health verdict, sent when it changes and periodically. */
export const detectorHealthItem = z.strictObject({
  type: z.literal('detector-health'),
  detectorId: entityId,
  health: detectorHealth,
  since: epochMs,
});

/**
 * Live timing of one unit (NEMA phase or stage) at `signalTiming.at`, as J2735 SPaT gives it per
 * signal group (MovementEvent: state, minEndTime, maxEndTime) plus what the next green and red are
 * likely to last. Lets the center tell a bus's wait at the stop line ahead from the mean wait.
 */
export const unitTiming = z.strictObject({
  /** Phase number or stage id, as the keys of `lastSplitsS`. */
  unit: z.string().min(1).max(64),
  /** Timing green now (yellow and red clearance are not green). */
  green: z.boolean(),
  /** Seconds into the current green, or since the last green ended; null when never green. */
  elapsedS: z.number().min(0).max(86_400).nullable(),
  /** Earliest and latest end of the current green, s after `at` (minimum and maximum green); null while not green. */
  minEndS: z.number().min(0).max(600).nullable(),
  maxEndS: z.number().min(0).max(600).nullable(),
  /** Length of its last completed green and of the red before its last green, s; null when not seen yet. */
  lastGreenS: z.number().min(0).max(600).nullable(),
  lastRedS: z.number().min(0).max(600).nullable(),
});
export type UnitTimingItem = z.infer<typeof unitTiming>;

/** SPaT-like live timing of every unit of an intersection, read at `at`. */
export const signalTiming = z.strictObject({
  at: epochMs,
  units: z.array(unitTiming).max(64),
});

/**
 * Summary of one intersection's signal operation: sent periodically and, with `timing`, whenever the
 * set of green units changes.
 */
export const signalStateItem = z.strictObject({
  type: z.literal('signal-state'),
  intersectionId: entityId,
  mode: controllerMode,
  strategy: z.string().min(1).max(64),
  planId: z.string().min(1).max(64).nullable(),
  cycleS: z.number().min(0).max(600).nullable(),
  /** Green time each phase or stage got in the last cycle, seconds, keyed by signal group. */
  lastSplitsS: z.record(z.string(), z.number().min(0).max(600)),
  /** Signal groups currently green. */
  greenGroups: z.array(z.number().int().min(1).max(255)),
  fault: z.string().max(200).nullable(),
  online: z.boolean(),
  /** Live timing of each unit (absent from edges that do not send it). */
  timing: signalTiming.optional(),
});

/** Where a bus is on its trip. */
export const busProgressItem = z.strictObject({
  type: z.literal('bus-progress'),
  vehicleId: entityId,
  routeId: entityId,
  tripId: z.string().min(1).max(128).nullable(),
  at: epochMs,
  lat: latitude,
  lon: longitude,
  speedMps: z.number().min(0).max(100),
  /** Distance travelled along the route shape, metres. */
  distanceM: z.number().min(0),
  /** Positive = late, seconds. */
  scheduleDeviationS: z.number().nullable(),
  lastStopId: entityId.nullable(),
  nextStopId: entityId.nullable(),
  onRoute: z.boolean(),
  passengers: nonNegativeInt.nullable(),
});

/** A bus arriving at or departing from a stop. */
export const stopEventItem = z.strictObject({
  type: z.literal('stop-event'),
  vehicleId: entityId,
  routeId: entityId,
  tripId: z.string().min(1).max(128).nullable(),
  stopId: entityId,
  event: z.enum(['arrive', 'depart']),
  at: epochMs,
});

/** Observed travel time of a bus between two consecutive stops (departure to arrival). */
export const segmentTimeItem = z.strictObject({
  type: z.literal('segment-time'),
  routeId: entityId,
  fromStopId: entityId,
  toStopId: entityId,
  vehicleId: entityId,
  departedAt: epochMs,
  travelTimeS: z.number().min(0).max(7200),
});

/** An alarm raised or cleared at the edge (detector fault, controller lost, device offline, ...). */
export const alarmItem = z.strictObject({
  type: z.literal('alarm'),
  alarmId: z.string().min(1).max(128),
  state: z.enum(['raised', 'cleared']),
  severity: z.enum(['info', 'warning', 'major', 'critical']),
  /** The device or entity the alarm is about. */
  sourceId: entityId,
  code: z.string().min(1).max(64),
  message: z.string().max(500),
  at: epochMs,
});

export const uplinkItemSchema = z.discriminatedUnion('type', [
  linkStateItem,
  detectorHealthItem,
  signalStateItem,
  busProgressItem,
  stopEventItem,
  segmentTimeItem,
  alarmItem,
]);
export type UplinkItem = z.infer<typeof uplinkItemSchema>;

/** A batch of uplink items from one edge; `deviceId` is the edge id and `seq` its uplink counter. */
export const edgeBatchSchema = z.strictObject({
  kind: z.literal('edge.batch'),
  ...envelope,
  region: entityId,
  items: z.array(uplinkItemSchema).max(5000),
});
export type EdgeBatch = z.infer<typeof edgeBatchSchema>;

/** One stored batch as an `uplink.ack` names it. */
export const ackedBatch = z.strictObject({
  batchId: z.string().min(1).max(128),
  batchSeq: nonNegativeInt,
  status: z.enum(['accepted', 'duplicate']),
});
export type AckedBatch = z.infer<typeof ackedBatch>;

/** Most batches one `uplink.ack` names: its own (`batchId`) and up to this many less one in `more`. */
export const MAX_ACKED_BATCHES = 1024;

/**
 * The center's acknowledgement of stored uplink batches of one edge, on `its/v1/<region>/cmd/<edgeId>/up`
 * (`uplinkAckTopic`). `deviceId` is the acknowledging center instance; `status` is `accepted` the first
 * time the batch is stored and `duplicate` when its id was stored before (a resend): either way the
 * edge may delete the batch. `batchId`/`batchSeq`/`status` name one batch; `more` (optional) names
 * further batches of the same edge stored in the same turn of the center's event loop, so a center
 * taking thousands of batches a second sends one acknowledgement per edge and turn, not one per batch.
 * An edge treats each entry of `more` exactly as an acknowledgement of its own.
 */
export const uplinkAckSchema = z.strictObject({
  kind: z.literal('uplink.ack'),
  ...envelope,
  edgeId: entityId,
  batchId: z.string().min(1).max(128),
  batchSeq: nonNegativeInt,
  status: z.enum(['accepted', 'duplicate']),
  more: z
    .array(ackedBatch)
    .max(MAX_ACKED_BATCHES - 1)
    .optional(),
});
export type UplinkAck = z.infer<typeof uplinkAckSchema>;

/** Every batch an acknowledgement names, its own first. */
export function ackedBatches(ack: UplinkAck): AckedBatch[] {
  const own = { batchId: ack.batchId, batchSeq: ack.batchSeq, status: ack.status };
  return ack.more === undefined ? [own] : [own, ...ack.more];
}
