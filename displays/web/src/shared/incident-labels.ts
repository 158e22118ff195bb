/**
 * @module displays/web/shared/incident-labels
 * Words for an incident's kind and severity in Korean and English, so no page shows the API's
 * enum values (`crash`, `critical`) to a driver or an operator. Korean terms follow the wording of
 * Korea's ITS incident notices (사고, 고장차량, 공사, 정체).
 */
import type { Incident } from './types.ts';

/** Kind of incident → [Korean, English]. */
export const INCIDENT_KIND_LABELS: Readonly<Record<Incident['kind'], readonly [string, string]>> = {
  crash: ['사고', 'Crash'],
  breakdown: ['고장차량', 'Breakdown'],
  roadwork: ['공사', 'Roadwork'],
  congestion: ['정체', 'Congestion'],
  other: ['기타', 'Other'],
};

/** Severity → [Korean, English]. */
export const INCIDENT_SEVERITY_LABELS: Readonly<Record<Incident['severity'], readonly [string, string]>> = {
  minor: ['경미', 'Minor'],
  major: ['심각', 'Major'],
  critical: ['매우 심각', 'Critical'],
};

/** `사고 · Crash` (the API value itself when the page does not know it). */
export function kindLabel(kind: string): string {
  const l = (INCIDENT_KIND_LABELS as Readonly<Record<string, readonly [string, string]>>)[kind];
  return l === undefined ? kind : `${l[0]} · ${l[1]}`;
}

/** `매우 심각 · Critical` (the API value itself when the page does not know it). */
export function severityLabel(severity: string): string {
  const l = (INCIDENT_SEVERITY_LABELS as Readonly<Record<string, readonly [string, string]>>)[severity];
  return l === undefined ? severity : `${l[0]} · ${l[1]}`;
}
