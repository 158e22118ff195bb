/**
 * @module center/detours/incident-response
 * What the center does about an incident: the detour around the blocked link, the bus routes it
 * affects, and the variable-message-sign texts for the signs approaching it. Plain functions of the
 * network, the planner's live costs and the incident. Korean texts name roads by their Korean names
 * (scenario `nameKo`), English texts by their English ones, and say where on the road: the section
 * between the named places the link joins (`테헤란로 역삼역→언주로 사고 2개 차로 통제`), as Korean
 * variable message signs do, when the link's ends have names; a sign text gives up parts in a fixed
 * order until it fits the sign's face (incident-sign-text.ts).
 */
import type { CenterNetwork } from '../network/index.ts';
import type { PlannedRoute, RoutePlanner } from '../routing/index.ts';
import type { IncidentRecord, SignMessageRecord } from '../state/index.ts';
import { incidentSignText, type RoadName } from './incident-sign-text.ts';
import { sectionOf } from './section-names.ts';

/** The center's response to one incident. */
export type IncidentResponse = {
  readonly incidentId: string;
  readonly linkId: string;
  readonly detour: PlannedRoute | null;
  /** Live travel time through the incident link, seconds (Infinity when closed). */
  readonly throughTimeS: number;
  /** Time saved by taking the detour instead of driving through, seconds (0 when not faster). */
  readonly timeSavedS: number;
  readonly affectedRoutes: readonly string[];
  readonly signIds: readonly string[];
  readonly text: { readonly ko: string; readonly en: string };
};

/** Priority of automatic sign messages by severity (operator messages always rank above). */
export const AUTO_SIGN_PRIORITY: Readonly<Record<IncidentRecord['severity'], number>> = {
  minor: 300,
  major: 600,
  critical: 900,
};

/** Signs that warn drivers approaching a link: on links into its start node, and on the link itself. */
export function signsApproaching(net: CenterNetwork, linkId: string): string[] {
  const link = net.links.get(linkId);
  if (link === undefined) return [];
  const out: string[] = [];
  for (const s of net.signs.values()) {
    const on = net.links.get(s.linkId);
    if (s.linkId === linkId || (on !== undefined && on.to === link.from && on.from !== link.to))
      out.push(s.id);
  }
  return out.sort();
}

/** The road a link belongs to; its id in both languages when the link is unknown. */
export function roadOf(net: CenterNetwork, linkId: string): RoadName {
  const link = net.links.get(linkId);
  return link === undefined ? { ko: linkId, en: linkId } : { ko: link.nameKo, en: link.name };
}

/** The first named road of a detour that differs from the incident's road. */
function viaRoad(net: CenterNetwork, detour: PlannedRoute, road: RoadName): RoadName | null {
  for (const id of detour.linkIds) {
    const link = net.links.get(id);
    if (link !== undefined && link.name !== road.en && link.name !== id) return roadOf(net, id);
  }
  return null;
}

/**
 * The detour clause of a sign text, or null when the detour saves under 30 s. A fully closed link has
 * no finite through time: the sign then says to detour without a minute figure ("Infinity분" is not
 * something a driver should read).
 */
export function detourAdvice(via: RoadName | null, timeSavedS: number): { ko: string; en: string } | null {
  if (!Number.isFinite(timeSavedS)) {
    return via === null
      ? { ko: ' / 우회하십시오', en: '; take the detour' }
      : { ko: ` / ${via.ko} 우회`, en: `; detour via ${via.en}` };
  }
  if (timeSavedS < 30) return null;
  const min = Math.max(1, Math.round(timeSavedS / 60));
  return via === null
    ? { ko: ` / 우회 권장 (${min}분 단축)`, en: `; detour saves ${min} min` }
    : { ko: ` / ${via.ko} 우회 (${min}분 단축)`, en: `; detour via ${via.en} saves ${min} min` };
}

/** Compute the response to an incident with the planner's current live costs. */
export function incidentResponse(
  net: CenterNetwork,
  planner: RoutePlanner,
  incident: IncidentRecord,
): IncidentResponse {
  const road = roadOf(net, incident.linkId);
  const detour = planner.detourAround(incident.linkId);
  const throughTimeS = planner.liveCostS(incident.linkId);
  const timeSavedS = detour === null ? 0 : Math.max(0, throughTimeS - detour.travelTimeS);
  const advice = detour === null ? null : detourAdvice(viaRoad(net, detour, road), timeSavedS);
  const linkLanes = net.links.get(incident.linkId)?.lanes;
  const text = incidentSignText(road, sectionOf(net, incident.linkId), incident, advice, linkLanes);
  return {
    incidentId: incident.id,
    linkId: incident.linkId,
    detour,
    throughTimeS,
    timeSavedS: Number.isFinite(timeSavedS) ? timeSavedS : 0,
    affectedRoutes: net.routesByLink.get(incident.linkId) ?? [],
    signIds: signsApproaching(net, incident.linkId),
    text,
  };
}

/** Where an incident is, in alert texts (no sign face to fit): road and section, or the road alone. */
export function incidentPlace(net: CenterNetwork, linkId: string): { ko: string; en: string } {
  const road = roadOf(net, linkId);
  const section = sectionOf(net, linkId);
  return section === null
    ? { ko: road.ko, en: road.en }
    : { ko: `${road.ko} ${section.ko}`, en: `${road.en}, ${section.en}` };
}

/** The automatic sign messages for a response; ids are deterministic so every center instance agrees. */
export function autoSignMessages(
  response: IncidentResponse,
  incident: IncidentRecord,
  nowMs: number,
  ttlMs = 30 * 60_000,
): SignMessageRecord[] {
  return response.signIds.map((signId) => ({
    id: `${signId}/auto-${incident.id}`,
    signId,
    textKo: response.text.ko,
    textEn: response.text.en,
    priority: AUTO_SIGN_PRIORITY[incident.severity],
    source: 'auto',
    incidentId: incident.id,
    createdAt: nowMs,
    expiresAt: nowMs + ttlMs,
  }));
}
