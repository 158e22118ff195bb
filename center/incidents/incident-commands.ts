/**
 * @module center/incidents/incident-commands
 * Operator commands on incidents: declare, edit, clear. Request bodies are validated here (zod) so a
 * bad field is named in the 400 response; the commands are plain functions of data and time.
 */
import { z } from 'zod';
import { ValidationError, issuesOf, newId } from '../../core/index.ts';
import type { CenterNetwork } from '../network/index.ts';
import type { IncidentRecord } from '../state/index.ts';

const kind = z.enum(['crash', 'breakdown', 'roadwork', 'congestion', 'other']);
const severity = z.enum(['minor', 'major', 'critical']);
const lanes = z.array(z.number().int().min(0).max(7)).max(8);

/** Body of `POST /api/v1/incidents`. */
export const declareIncidentBody = z.strictObject({
  linkId: z.string().min(1).max(64),
  lanes: lanes.default([]),
  positionM: z.number().min(0).nullable().default(null),
  kind: kind.default('other'),
  severity: severity.default('major'),
  description: z.string().max(500).default(''),
});

/** Body of `PATCH /api/v1/incidents/:id`. */
export const editIncidentBody = z
  .strictObject({
    lanes: lanes.optional(),
    positionM: z.number().min(0).nullable().optional(),
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

/** A point along a link's geometry at `positionM` (the link midpoint when unknown). */
function pointOnLink(net: CenterNetwork, linkId: string, positionM: number | null): [number, number] | null {
  const link = net.links.get(linkId);
  const a = link?.coordinates[0];
  const b = link?.coordinates[link.coordinates.length - 1];
  if (link === undefined || a === undefined || b === undefined) return null;
  const f = positionM === null ? 0.5 : Math.min(1, positionM / link.lengthM);
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
}

/** A new operator-declared incident; throws ValidationError for an unknown link or lane. */
export function declareIncident(net: CenterNetwork, body: unknown, nowMs: number): IncidentRecord {
  const b = parseBody(declareIncidentBody, body, 'incident');
  const link = net.links.get(b.linkId);
  if (link === undefined)
    throw new ValidationError('incident', [{ path: 'linkId', message: `unknown link ${b.linkId}` }]);
  checkLanes(b.lanes, link.lanes);
  const p = pointOnLink(net, b.linkId, b.positionM);
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

/** The incident with an operator's edits applied. */
export function editIncident(
  net: CenterNetwork,
  existing: IncidentRecord,
  body: unknown,
  nowMs: number,
): IncidentRecord {
  const b = parseBody(editIncidentBody, body, 'incident');
  if (b.lanes !== undefined) checkLanes(b.lanes, net.links.get(existing.linkId)?.lanes ?? 8);
  const positionM = b.positionM === undefined ? existing.positionM : b.positionM;
  const p = pointOnLink(net, existing.linkId, positionM);
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
}
