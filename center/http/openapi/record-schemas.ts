/**
 * @module center/http/openapi/record-schemas
 * zod schemas of the live records the API answers (regions, links, signals, detectors, vehicles,
 * incidents, signs, region snapshots), for the OpenAPI document. Where the record is an uplink item
 * kept as the edge sent it, the schema is that item's own zod schema from core/messages with the
 * fields the center adds; the rest follow the core/api view types, and `schema-agreement.ts` makes
 * the compiler refuse any difference between a schema and its type.
 */
import { z } from 'zod';
import {
  alarmItem,
  busProgressItem,
  detectorHealth,
  entityId,
  epochMs,
  latitude,
  lonLat,
  longitude,
  linkStateItem,
  percent,
  regionSchema,
  signalStateItem,
  stopSchema,
} from '../../../core/index.ts';
import { declareIncidentBody } from '../../incidents/index.ts';

const count = z.number().int().min(0);

/** A scenario region with its number of links (`GET /api/v1/regions`). */
export const regionView = regionSchema.extend({ links: count });

/** Latest state of a link: the uplink `link-state` item, with the region and edge that sent it. */
export const linkStateView = linkStateItem
  .omit({ type: true })
  .extend({ region: entityId, edgeId: entityId });

/** Latest signal operation: the uplink `signal-state` item, with its region and reception time. */
export const signalStateView = signalStateItem.omit({ type: true }).extend({ region: entityId, at: epochMs });

/** An intersection no edge has reported yet (`GET /api/v1/signals/<id>`). */
export const signalUnreported = z.strictObject({
  intersectionId: entityId,
  online: z.literal(false),
  state: z.null(),
});

/** Latest bus progress: the uplink `bus-progress` item with its region. */
export const vehicleView = busProgressItem.omit({ type: true }).extend({ region: entityId });

/** Latest alarm state: the uplink `alarm` item with its region. */
export const alarmView = alarmItem.omit({ type: true }).extend({ region: entityId });

/** Latest health verdict of a detector, as kept (region snapshots). */
export const detectorHealthView = z.strictObject({
  detectorId: entityId,
  region: entityId,
  health: detectorHealth,
  since: epochMs,
  reportedAt: epochMs,
});

/** A detector of the scenario with its latest health (`GET /api/v1/detectors`). */
export const detectorView = z.strictObject({
  id: entityId,
  region: entityId,
  linkId: entityId,
  lane: count,
  role: z.string(),
  health: z.enum([...detectorHealth.options, 'unknown']),
  since: epochMs.nullable(),
});

/** Lanes blocked on a link; the kinds and severities are those an operator may declare. */
export const incidentView = z.strictObject({
  id: z.string(),
  region: entityId,
  linkId: entityId,
  lanes: z.array(count),
  positionM: z
    .number()
    .min(0)
    .nullable()
    .describe("Metres from the link's start along the road; null when not known."),
  lon: longitude
    .nullable()
    .describe('With `lat`, where `positionM` lies on the drawn road (its middle when unknown).'),
  lat: latitude.nullable(),
  kind: declareIncidentBody.shape.kind.unwrap(),
  severity: declareIncidentBody.shape.severity.unwrap(),
  description: z.string(),
  source: z.enum(['operator', 'detected']),
  status: z.enum(['active', 'cleared']),
  startedAt: epochMs,
  clearedAt: epochMs.nullable(),
  updatedAt: epochMs,
});

/** One message queued for a variable message sign. */
export const signMessageView = z.strictObject({
  id: z.string(),
  signId: entityId,
  textKo: z.string(),
  textEn: z.string(),
  priority: z.number().int().describe('Higher wins; operator messages outrank every automatic one.'),
  source: z.enum(['operator', 'auto']),
  incidentId: z.string().nullable(),
  createdAt: epochMs,
  expiresAt: epochMs.nullable(),
});

/** A sign with the message it shows and its unexpired queue. */
export const signView = z.strictObject({
  id: entityId,
  linkId: entityId,
  region: entityId,
  displayed: signMessageView.nullable(),
  messages: z.array(signMessageView),
});

/** What the control-room map draws of one region (`GET /api/v1/regions/<id>`, `region:<id>`). */
export const regionSnapshot = z.strictObject({
  regionId: entityId,
  links: z.array(linkStateView),
  signals: z.array(signalStateView),
  detectors: z.array(detectorHealthView),
  vehicles: z.array(vehicleView),
  incidents: z.array(incidentView),
  alarms: z.array(alarmView).describe('Raised alarms only.'),
});

/** HCM level of service (center/traffic). */
const los = z.enum(['A', 'B', 'C', 'D', 'E', 'F']);

/** The bus-probe fields of a link's traffic (center/traffic `fusedLinkTraffic`). */
const probeFields = {
  speedSource: z
    .enum(['loops', 'probes', 'both', 'none'])
    .describe("Which sources were fresh; the speed is the loops' where both were."),
  probeSpeedKmh: z.number().min(0).nullable().describe("The bus probes' speed, when fresh."),
  probeBuses: count.describe('How many buses the probe speed rests on.'),
};

/** Derived traffic of a link: measured speed when fresh (filtered over intervals), else free flow. */
export const linkTraffic = z.strictObject({
  linkId: entityId,
  speedKmh: z.number().min(0).describe('Published speed: the filtered travel time as a speed.'),
  measuredSpeedKmh: z
    .number()
    .min(0)
    .nullable()
    .describe("The latest reading's speed before filtering; null when none is fresh."),
  travelTimeS: z
    .number()
    .min(0)
    .describe('Published travel time: readings filtered and smoothed over intervals, never below free flow.'),
  freeFlowTravelTimeS: z.number().min(0),
  los,
  source: z.enum(['live', 'free-flow']),
  ...probeFields,
  measuredAt: epochMs.nullable(),
  flowVph: z.number().min(0).nullable(),
  occupancyPct: percent.nullable(),
});

/** A link's Korean road name (scenario `nameKo`), the English name when the scenario has none. */
const roadNameKo = z.string().describe('Korean road name; the English `name` when the scenario gives none.');

/** A directed link of the network with its live traffic (`GET /api/v1/links/<id>`). */
export const linkDetail = z.strictObject({
  id: entityId,
  from: entityId,
  to: entityId,
  name: z.string(),
  nameKo: roadNameKo,
  region: entityId,
  lanes: z.number().int().min(1),
  lengthM: z.number().min(0),
  speedLimitKmh: z.number().min(0),
  coordinates: z.array(lonLat).min(2),
  traffic: linkTraffic,
});

/** Links with live traffic as an RFC 7946 FeatureCollection (`GET /api/v1/links`). */
export const linkFeatureCollection = z.strictObject({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.strictObject({
      type: z.literal('Feature'),
      id: entityId,
      geometry: z.strictObject({ type: z.literal('LineString'), coordinates: z.array(lonLat).min(2) }),
      properties: z.strictObject({
        id: entityId,
        name: z.string(),
        nameKo: roadNameKo,
        region: entityId,
        lanes: z.number().int().min(1),
        lengthM: z.number().min(0),
        speedLimitKmh: z.number().min(0),
        speedKmh: z.number().min(0),
        travelTimeS: z.number().min(0),
        los,
        source: z.enum(['live', 'free-flow']),
        ...probeFields,
        flowVph: z.number().min(0).nullable(),
        occupancyPct: percent.nullable(),
        measuredAt: epochMs.nullable(),
      }),
    }),
  ),
});

/** A stop of the scenario; `distanceM` only in answers to `?near=`. */
export const stopView = stopSchema.extend({
  distanceM: count.optional().describe('Distance from `near`, metres (only with `?near=`).'),
});
