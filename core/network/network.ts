/**
 * @module core/network/network
 * Road network model: nodes, directed links with lanes and GeoJSON geometry, turning movements, loop
 * detectors. Lane 0 is the rightmost lane (SUMO's convention; Korea drives on the right).
 */
import { z } from 'zod';
import { entityId, latitude, longitude } from '../messages/index.ts';

/** A [lon, lat] position, GeoJSON order (RFC 7946 §3.1.1). */
export const lonLat = z.tuple([longitude, latitude]);
export type LonLat = z.infer<typeof lonLat>;

export const roadNodeSchema = z.strictObject({
  id: entityId,
  lon: longitude,
  lat: latitude,
  /** `signalized` nodes have an intersection entry; `boundary` nodes are where demand enters/leaves. */
  type: z.enum(['signalized', 'priority', 'boundary']),
  name: z.string().max(100).optional(),
});
export type RoadNode = z.infer<typeof roadNodeSchema>;

export const linkSchema = z.strictObject({
  id: entityId,
  from: entityId,
  to: entityId,
  /** The road's name as signs and maps print it in English (romanized: `Teheran-ro`). */
  name: z.string().max(100).optional(),
  /**
   * The road's Korean name (`테헤란로`), for Korean sign, alert and map texts; those fall back to `name`
   * when a link has none (e.g. a network imported from SUMO).
   */
  nameKo: z.string().max(100).optional(),
  lanes: z.number().int().min(1).max(8),
  /** Length along the geometry; computed from the geometry when omitted. */
  lengthM: z.number().positive().max(100_000).optional(),
  speedLimitKmh: z.number().positive().max(130),
  /** GeoJSON LineString coordinates from `from` to `to`; a straight line between the nodes when omitted. */
  geometry: z.array(lonLat).min(2).optional(),
  /** Road class, for display and routing defaults. */
  roadClass: z.enum(['expressway', 'arterial', 'collector', 'local', 'ramp']).default('arterial'),
});
export type Link = z.infer<typeof linkSchema>;

export const turnSchema = z.enum(['left', 'through', 'right', 'uturn']);
export type Turn = z.infer<typeof turnSchema>;

/** A permitted turning movement from one link to another at the node where they meet. */
export const movementSchema = z.strictObject({
  id: entityId,
  fromLink: entityId,
  toLink: entityId,
  turn: turnSchema,
  /** Lanes of `fromLink` that may make this movement (lane 0 = rightmost). */
  fromLanes: z.array(z.number().int().min(0).max(7)).min(1),
});
export type Movement = z.infer<typeof movementSchema>;

/** An inductive loop detector on one lane of a link. */
export const detectorSchema = z.strictObject({
  id: entityId,
  region: entityId,
  linkId: entityId,
  lane: z.number().int().min(0).max(7),
  /** Distance of the loop's upstream edge from the link's start, metres. */
  positionM: z.number().min(0),
  lengthM: z.number().positive().max(30).default(2),
  /** Stop-bar loops place calls; advance loops extend greens and count; count stations measure flow. */
  role: z.enum(['stopbar', 'advance', 'count']),
  /** Aggregation interval of its reports, seconds. */
  intervalS: z.number().int().min(5).max(900).default(30),
});
export type Detector = z.infer<typeof detectorSchema>;

export const networkSchema = z.strictObject({
  nodes: z.array(roadNodeSchema).min(2),
  links: z.array(linkSchema).min(1),
  movements: z.array(movementSchema),
});
export type Network = z.infer<typeof networkSchema>;
