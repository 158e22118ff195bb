/**
 * @module displays/web/control/alarms-panel
 * Alarms: what the edges raised (detector and controller faults), active incidents, and what the
 * state itself shows — a signal offline or in fault, an edge or device offline. Most severe first;
 * severity is a word and a shape (■ ▲ ● ○), not only a colour. What went wrong reads in Korean and
 * English (an edge alarm's kind by its code, `alarm-labels.ts`); the edge's own detail follows.
 */
import { alarmLabel } from '../shared/alarm-labels.ts';
import { clockText } from '../shared/bilingual.ts';
import { kindLabel } from '../shared/incident-labels.ts';
import { html } from '../shared/svg.ts';
import type { Device } from '../shared/types.ts';
import type { ControlState } from './control-state.ts';

type Row = { severity: 'critical' | 'major' | 'warning' | 'info'; source: string; text: string; at: number };

const ORDER = { critical: 0, major: 1, warning: 2, info: 3 } as const;
const MARK = { critical: '■ CRIT', major: '▲ MAJOR', warning: '● WARN', info: '○ INFO' } as const;

/** Render the alarm list into `root`; returns how many alarms there are. */
export function renderAlarms(root: HTMLElement, state: ControlState, devices: readonly Device[]): number {
  const rows: Row[] = [...state.alarms.values()].map((a) => ({
    severity: a.severity,
    source: a.sourceId,
    text: `${alarmLabel(a.code)}: ${a.message}`,
    at: a.at,
  }));
  const incidentSeverity = { critical: 'critical', major: 'major', minor: 'warning' } as const;
  for (const i of state.incidents.values()) {
    rows.push({
      severity: incidentSeverity[i.severity],
      source: i.linkId,
      // Detected incidents name no lanes (link states are per link): say nothing rather than "lanes ?".
      text: `⚠ 돌발상황 · incident: ${kindLabel(i.kind)}${i.lanes.length > 0 ? `, 차로 · lanes ${i.lanes.join(',')}` : ''} (${i.source})`,
      at: i.startedAt,
    });
  }
  for (const s of state.signals.values()) {
    if (!s.online)
      rows.push({
        severity: 'major',
        source: s.intersectionId,
        text: '신호제어기 오프라인 · controller offline',
        at: s.at,
      });
    else if (s.fault !== null)
      rows.push({
        severity: 'critical',
        source: s.intersectionId,
        text: `신호제어기 고장 · controller fault: ${s.fault}`,
        at: s.at,
      });
  }
  for (const d of devices) {
    if (!d.online)
      rows.push({
        severity: d.deviceKind === 'edge' ? 'critical' : 'major',
        source: d.deviceId,
        text: `오프라인 · ${d.deviceKind} offline (${d.reason})`,
        at: d.at,
      });
  }
  rows.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || b.at - a.at);
  const list = html('ul', 'alarm-list');
  for (const r of rows.slice(0, 50)) {
    list.append(
      html('li', `alarm sev-${r.severity}`, [
        html('span', 'sev', [MARK[r.severity]]),
        html('span', 'src', [r.source]),
        html('span', 'txt', [r.text]),
        html('span', 'at', [clockText(r.at)]),
      ]),
    );
  }
  if (rows.length === 0) list.append(html('li', 'alarm none', ['경보 없음 · no alarms']));
  root.replaceChildren(html('h2', '', [`경보 · Alarms (${rows.length})`]), list);
  return rows.length;
}

/** Edge status chips per region for the top bar. */
export function renderEdgeStatus(
  root: HTMLElement,
  regions: readonly { id: string; name: string }[],
  devices: readonly Device[],
): void {
  root.replaceChildren(
    ...regions.map((r) => {
      const edges = devices.filter((d) => d.deviceKind === 'edge' && d.region === r.id);
      const online = edges.length > 0 && edges.every((d) => d.online);
      const state = edges.length === 0 ? 'unknown' : online ? 'online' : 'offline';
      const mark = state === 'online' ? '●' : state === 'offline' ? '✖' : '?';
      const chip = html('span', `edge-chip edge-${state}`, [`${mark} ${r.name} edge ${state}`]);
      chip.dataset['region'] = r.id;
      return chip;
    }),
  );
}
