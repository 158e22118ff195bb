/**
 * @module center/incidents/incident-commands
 * Operator commands on incidents: declare, edit, clear. Request bodies are validated here (zod) so a
 * bad field is named in the 400 response; the commands are plain functions of data and time.
 */
import { z } from 'zod';
import { ValidationError, haversineM, issuesOf, newId, polylineLengthM } from '../../core/index.ts';
import type { CenterLink, CenterNetwork } from '../network/index.ts';
import type { IncidentRecord } from '../state/index.ts';
import { SAME_PLACE_M } from './same-place.ts';

const kind = z.enum(['crash', 'breakdown', 'roadwork', 'congestion', 'other']);
const severity = z.enum(['minor', 'major', 'critical']);
const lanes = z.array(z.number().int().min(0).max(7)).max(8);
const positionM = z
  .number()
  .min(0)
  .nullable()
  .describe(
    `Metres from the link's start along the road, at most the link's length (beyond it is 400, naming the length); null when not known. Two active declarations on one link are the same place, and the second is 409, when either has no position or they are within ${SAME_PLACE_M} m.`,
  );

/** Body of `POST /api/v1/incidents`. */
export const declareIncidentBody = z.strictObject({
  linkId: z.string().min(1).max(64),
  lanes: lanes.default([]),
  positionM: positionM.default(null),
  kind: kind.default('other'),
  severity: severity.default('major'),
  description: z.string().max(500).default(''),
});

/** Body of `PATCH /api/v1/incidents/:id`. */
export const editIncidentBody = z
  .strictObject({
    lanes: lanes.optional(),
    positionM: positionM.optional(),
    kind: kind.optional(),
    severity: severity.optional(),
    description: z.string().max(500).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'at least one field must change');

/** Validate a JSON body with a schema, throwing ValidationError naming each bad field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown, subject: string): z.infer<T> {
  const r = schema.safeParse(body);
  if (!r.success) throw new ValidationError(subject, issuesOf(r.error));
  return r.data;
}

/**
 * The point `positionM` metres from the start of the link, on its drawn geometry (the middle of the
 * road when unknown). A position counts along the road, so the polyline is walked by distance; the
 * link's `lengthM` (surveyed, or the geometry's own) and the geodesic length of the drawn polyline may
 * differ, so the position is scaled by their ratio and always lands on the drawn road.
 */
function pointOnLink(link: CenterLink, positionM: number | null): [number, number] | null {
  const points = link.coordinates;
  const first = points[0];
  if (first === undefined) return null;
  const drawnM = polylineLengthM(points);
  if (drawnM === 0 || link.lengthM <= 0) return [first[0], first[1]];
  const share = Math.min(1, (positionM ?? link.lengthM / 2) / link.lengthM);
  let leftM = share * drawnM;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a === undefined || b === undefined) continue;
    const segmentM = haversineM(a, b);
    // Within one segment (tens to hundreds of metres) lon/lat is linear to well under a metre.
    if (segmentM > 0 && leftM <= segmentM) {
      const f = leftM / segmentM;
      return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
    }
    leftM -= segmentM;
  }
  const last = points[points.length - 1] ?? first;
  return [last[0], last[1]];
}

/** Refuse (400) a position past the end of the link: it would be placed on some other road. */
function checkPosition(positionM: number | null, link: CenterLink): void {
  if (positionM === null || positionM <= link.lengthM) return;
  // Rounded down, so the figure given is itself accepted.
  const lengthM = Math.floor(link.lengthM * 10) / 10;
  throw new ValidationError('incident', [
    {
      path: 'positionM',
      message: `${positionM} m is beyond the end of link ${link.id}, which is ${lengthM} m long (positionM counts from its start, 0-${lengthM})`,
    },
  ]);
}

/** A new operator-declared incident; throws ValidationError for an unknown link or lane. */
export function declareIncident(net: CenterNetwork, body: unknown, nowMs: number): IncidentRecord {
  const b = parseBody(declareIncidentBody, body, 'incident');
  const link = net.links.get(b.linkId);
  if (link === undefined)
    throw new ValidationError('incident', [{ path: 'linkId', message: `unknown link ${b.linkId}` }]);
  checkLanes(b.lanes, link.lanes);
  checkPosition(b.positionM, link);
  const p = pointOnLink(link, b.positionM);
  return {
    id: `inc-${newId(nowMs).slice(-12)}`,
    region: link.region,
    linkId: b.linkId,
    lanes: b.lanes,
    positionM: b.positionM,
    lon: p?.[0] ?? null,
    lat: p?.[1] ?? null,
    kind: b.kind,
    severity: b.severity,
    description: b.description,
    source: 'operator',
    status: 'active',
    startedAt: nowMs,
    clearedAt: null,
    updatedAt: nowMs,
  };
}

/**
 * The incident with an operator's edits applied; throws ValidationError for a lane the link lacks or a
 * position beyond its end. Whether a moved declaration now stands on another's place is checked
 * against the store by `IncidentDeclarations.edit`.
 */
export function editIncident(
  net: CenterNetwork,
  existing: IncidentRecord,
  body: unknown,
  nowMs: number,
): IncidentRecord {
  const b = parseBody(editIncidentBody, body, 'incident');
  const link = net.links.get(existing.linkId);
  if (b.lanes !== undefined) checkLanes(b.lanes, link?.lanes ?? 8);
  const positionM = b.positionM === undefined ? existing.positionM : b.positionM;
  if (link !== undefined && b.positionM !== undefined) checkPosition(positionM, link);
  const p = link === undefined ? null : pointOnLink(link, positionM);
  return {
    ...existing,
    ...(b.lanes === undefined ? {} : { lanes: b.lanes }),
    ...(b.kind === undefined ? {} : { kind: b.kind }),
    ...(b.severity === undefined ? {} : { severity: b.severity }),
    ...(b.description === undefined ? {} : { description: b.description }),
    positionM,
    lon: p?.[0] ?? existing.lon,
    lat: p?.[1] ?? existing.lat,
    updatedAt: nowMs,
  };
}

/** The incident, cleared. */
export function clearIncident(existing: IncidentRecord, nowMs: number): IncidentRecord {
  return { ...existing, status: 'cleared', clearedAt: nowMs, updatedAt: nowMs };
}

function checkLanes(lanesList: readonly number[], laneCount: number): void {
  const bad = lanesList.findIndex((l) => l >= laneCount);
  if (bad >= 0) {
    throw new ValidationError('incident', [
      { path: `lanes.${bad}`, message: `the link has ${laneCount} lanes (0-${laneCount - 1})` },
    ]);
  }
  // The number of lanes listed is the number closed (signs, alerts, routing): [1,1,1,1] on a 4-lane
  // link closed the road for lane 1 alone.
  const twice = lanesList.findIndex((l, i) => lanesList.indexOf(l) !== i);
  if (twice >= 0) {
    throw new ValidationError('incident', [
      {
        path: `lanes.${twice}`,
        message: `lane ${lanesList[twice]} is listed twice; list each closed lane once`,
      },
    ]);
  }
}
