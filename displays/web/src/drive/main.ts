/**
 * @module displays/web/drive/main
 * Driver map `/drive`: click a start and a destination (or pass `?from=lon,lat&to=lon,lat`); the
 * center's `/api/v1/route` gives the fastest route with live travel times and the usual route. When
 * they differ, the usual route is drawn dashed with the incidents on it, the detour solid, and the
 * panel gives the time saved. The route is planned again whenever an incident is declared or cleared,
 * and every minute so its travel time stays live; the panel says at what time (the center's, in the
 * scenario's zone) the route was planned. The map is `window.driveMap` (tests project lon/lat
 * to pixels with it and click there like a driver).
 */
import '../shared/display.css';
import './drive.css';
import { LngLatBounds, Marker, type GeoJSONSource, type MapMouseEvent } from 'maplibre-gl';
import { callApi } from '../shared/api.ts';
import { clockText, setDisplayTimeZone } from '../shared/bilingual.ts';
import { LiveChannels, serverNow } from '../shared/live-channels.ts';
import { kindLabel, severityLabel } from '../shared/incident-labels.ts';
import { createNetworkMap, linksDrawn, type NetworkMap } from '../shared/network-map.ts';
import { roadLabel, roadOfLink } from '../shared/road-names.ts';
import type { Catalogue, Incident, RecordDelta, RouteAnswer } from '../shared/types.ts';
import { incidentMarker, legendHtml, routeLayers } from './route-layers.ts';
import { routeProblem } from './route-problem.ts';

type LonLat = [number, number];
declare global {
  interface Window {
    /** The driver map, for tests that click at a lon/lat (`driveMap.project`). */
    driveMap?: NetworkMap['map'];
  }
}
/** How often the route is planned again with the latest link travel times, ms. */
const REPLAN_MS = 60_000;
const hint = document.getElementById('hint') as HTMLElement;
const result = document.getElementById('result') as HTMLElement;
let from: LonLat | null = null;
let to: LonLat | null = null;
const pins: Marker[] = [];
const incidents = new Map<string, Incident>();
const incidentPins = new Map<string, Marker>();
let net: NetworkMap;
let routeBounds: LngLatBounds | null = null;
/** Bumped by every plan and reset; an answer to an older request is dropped. */
let planSeq = 0;

/** Keep the whole route (and the usual one) in view, also after the window changes size. */
function fitRoute(): void {
  if (routeBounds !== null) net.map.fitBounds(routeBounds, { padding: 60, duration: 0, maxZoom: 16 });
}

function parseLonLat(raw: string | null): LonLat | null {
  const p = (raw ?? '').split(',').map(Number);
  return p.length === 2 && p.every(Number.isFinite) ? [p[0] ?? 0, p[1] ?? 0] : null;
}

const minutes = (s: number): string => `${Math.max(1, Math.round(s / 60))}`;

function pin(at: LonLat, label: string, cls: string): void {
  const el = document.createElement('div');
  el.className = `pin ${cls}`;
  el.textContent = label;
  pins.push(new Marker({ element: el, anchor: 'bottom' }).setLngLat(at).addTo(net.map));
}

function setRoute(answer: RouteAnswer | null): void {
  const src = net.map.getSource('route') as GeoJSONSource | undefined;
  src?.setData(
    (answer ?? { type: 'FeatureCollection', features: [] }) as unknown as GeoJSON.FeatureCollection,
  );
}

async function plan(): Promise<void> {
  if (from === null || to === null) return;
  const seq = ++planSeq;
  if (document.body.dataset['state'] !== 'route' && document.body.dataset['state'] !== 'detour')
    document.body.dataset['state'] = 'planning';
  const q = `from=${from.join(',')}&to=${to.join(',')}`;
  const r = await callApi<RouteAnswer>('GET', `/api/v1/route?${q}`);
  // A newer plan (another click, an incident, a reset) was asked for meanwhile: this answer is old.
  if (seq !== planSeq) return;
  if (!r.ok) {
    setRoute(null);
    document.body.dataset['state'] = 'error';
    document.body.dataset['problem'] = r.code;
    result.innerHTML = '';
    // Said in both languages from the error code, with the incidents that close a road on every lane.
    const closures = [...incidents.values()].filter(closesRoad).map(incidentText);
    const problem = routeProblem(r, closures);
    for (const line of problem.lines)
      result.append(
        Object.assign(document.createElement('p'), { className: line.cls, textContent: line.text }),
      );
    if (problem.retry === 'destination') {
      // The start stands: the next click is the destination (click() starts over only with both set).
      to = null;
      pins.pop()?.remove();
      hint.textContent = '도착지를 다시 누르세요 · Click your destination again';
    } else {
      hint.textContent = '다시 선택하려면 지도를 누르세요 · Click the map to choose again';
    }
    return;
  }
  delete document.body.dataset['problem'];
  const fastest = r.data.features.find((f) => f.properties.role === 'fastest');
  const usual = r.data.features.find((f) => f.properties.role === 'usual');
  const same = fastest?.properties.links.join() === usual?.properties.links.join();
  // The usual route is drawn only where it differs from the fastest one.
  setRoute(
    same ? { ...r.data, features: r.data.features.filter((f) => f.properties.role === 'fastest') } : r.data,
  );
  const usualLinks = new Set(usual?.properties.links ?? []);
  const onUsual = [...incidents.values()].filter((i) => i.status === 'active' && usualLinks.has(i.linkId));
  const detour = fastest !== undefined && usual !== undefined && !same;
  // The clicked start and destination too: the route runs from the nearest junctions, and a pin
  // left outside the view (or under the panel) hides where the driver said they are.
  routeBounds = new LngLatBounds(from, from).extend(to);
  for (const f of r.data.features) for (const c of f.geometry.coordinates) routeBounds.extend(c);
  fitRoute();
  const saved = r.data.timeSavedS ?? 0;
  const asOf = clockText(serverNow()).slice(0, 5);
  document.body.dataset['state'] = detour ? 'detour' : 'route';
  document.body.dataset['route'] = q;
  document.body.dataset['travelS'] = String(r.data.travelTimeS);
  const lines: string[] = [
    `<p class="big" id="travel-time">${minutes(r.data.travelTimeS)}분 <span>· ${minutes(r.data.travelTimeS)} min · ${((fastest?.properties.lengthM ?? 0) / 1000).toFixed(1)} km</span></p>`,
    // When it was planned, on the center's clock: a driver can tell a fresh time from an old one.
    `<p class="live-note" id="as-of">실시간 교통 반영 · with live traffic · ${asOf} 기준 · as of ${asOf}</p>`,
  ];
  if (onUsual.length > 0) {
    lines.push(
      `<p class="warn" id="incident-note">⚠ 평소 경로에 돌발상황 ${onUsual.length}건 · ${onUsual.length} incident${onUsual.length === 1 ? '' : 's'} on your usual route</p>`,
      `<ul class="incidents">${onUsual.map((i) => `<li>${escapeHtml(incidentText(i))}</li>`).join('')}</ul>`,
    );
  }
  if (detour) {
    const usualS = r.data.usualTravelTimeS;
    const gain =
      usualS === null
        ? '<strong>평소 경로 통제 · usual route closed</strong>'
        : saved >= 30
          ? `<strong>${minutes(saved)}분 단축 · saves ${minutes(saved)} min</strong>`
          : '시간 차이 없음 · about the same time';
    lines.push(
      `<p class="detour" id="detour-note">우회 경로 안내 · Detour: ${gain}</p>`,
      `<p class="usual">평소 경로 · Usual route: ${usualS === null ? '통행 불가 · closed' : `${minutes(usualS)}분 · ${minutes(usualS)} min`}</p>`,
    );
  } else if (onUsual.length > 0) {
    // No faster way round: say so plainly rather than calling a blocked route "the fastest".
    lines.push(
      '<p class="warn-route" id="no-detour-note">더 빠른 우회 경로 없음 · 돌발상황 구간을 지납니다 · No faster detour: this route passes the incident</p>',
    );
  } else {
    lines.push('<p class="ok">평소 경로가 가장 빠릅니다 · Your usual route is the fastest</p>');
  }
  result.innerHTML = lines.join('');
  hint.textContent = '다시 선택하려면 초기화 · Reset to choose again';
}

/** An active incident blocking every lane of its link (the road is closed there). */
function closesRoad(i: Incident): boolean {
  const link = net.links.features.find((f) => f.properties['id'] === i.linkId);
  const lanes = Number(link?.properties['lanes'] ?? Infinity);
  return i.status === 'active' && i.lanes.length >= lanes;
}

/**
 * What a driver reads about an incident: kind, severity and the road's name in Korean and English
 * (`테헤란로 · Teheran-ro`), not the API's ids. Plain text: escape it for HTML.
 */
function incidentText(i: Incident): string {
  const link = net.links.features.find((f) => f.properties['id'] === i.linkId);
  const road = link === undefined ? i.linkId : roadLabel(roadOfLink(link.properties));
  const n = i.lanes.length;
  const lanes = n === 0 ? '' : ` · ${n}개 차로 통제 · ${n} lane${n === 1 ? '' : 's'} closed`;
  const note = i.description === '' ? '' : ` — ${i.description}`;
  return `${kindLabel(i.kind)} · ${severityLabel(i.severity)} · ${road}${lanes}${note}`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function click(e: MapMouseEvent): void {
  const at: LonLat = [Number(e.lngLat.lng.toFixed(6)), Number(e.lngLat.lat.toFixed(6))];
  if (from === null || to !== null) {
    reset();
    from = at;
    pin(at, '출발', 'pin-from');
    hint.textContent = '도착지를 누르세요 · Now click your destination';
    document.body.dataset['state'] = 'pick-destination';
  } else {
    to = at;
    pin(at, '도착', 'pin-to');
    void plan();
  }
}

function reset(): void {
  planSeq++;
  routeBounds = null;
  from = null;
  to = null;
  for (const p of pins.splice(0)) p.remove();
  setRoute(null);
  result.innerHTML = '';
  hint.textContent = '지도에서 출발지를 누르세요 · Click the map to set your start';
  document.body.dataset['state'] = 'pick-start';
  delete document.body.dataset['route'];
  delete document.body.dataset['travelS'];
  delete document.body.dataset['problem'];
}

function applyIncident(i: Incident): void {
  incidentPins.get(i.id)?.remove();
  incidentPins.delete(i.id);
  if (i.status !== 'active') {
    incidents.delete(i.id);
    return;
  }
  incidents.set(i.id, i);
  if (i.lon !== null && i.lat !== null) {
    incidentPins.set(
      i.id,
      new Marker({ element: incidentMarker(i) }).setLngLat([i.lon, i.lat]).addTo(net.map),
    );
  }
}

async function start(): Promise<void> {
  // The zone first: awaited after the map, the map's first 'idle' could pass unheard.
  const catalogue = await callApi<Catalogue>('GET', '/displays/v1/catalogue');
  if (catalogue.ok) setDisplayTimeZone(catalogue.data.timezone);
  net = await createNetworkMap(document.getElementById('map') as HTMLElement, {
    background: '#e9ecef',
    freeFlow: '#8a96a3',
  });
  routeLayers(net.map);
  window.driveMap = net.map;
  (document.getElementById('legend') as HTMLElement).innerHTML = legendHtml();
  net.map.on('click', click);
  window.addEventListener('resize', () => window.setTimeout(fitRoute, 50));
  net.map.on('idle', () => {
    document.body.dataset['linksDrawn'] = String(linksDrawn(net.map));
  });
  (document.getElementById('reset') as HTMLElement).addEventListener('click', reset);
  new LiveChannels(['incidents'], {
    snapshot: (_c, data) => {
      for (const p of incidentPins.values()) p.remove();
      incidentPins.clear();
      incidents.clear();
      for (const i of data as Incident[]) applyIncident(i);
      void plan();
    },
    delta: (_c, data) => {
      for (const d of data as RecordDelta[]) if (d.op === 'put') applyIncident(d.value as Incident);
      void net.refreshLinks();
      void plan();
    },
  });
  window.setInterval(() => {
    if (from !== null && to !== null) void net.refreshLinks().then(plan);
  }, REPLAN_MS);
  const q = new URLSearchParams(location.search);
  const qFrom = parseLonLat(q.get('from'));
  const qTo = parseLonLat(q.get('to'));
  if (qFrom !== null && qTo !== null) {
    from = qFrom;
    to = qTo;
    pin(qFrom, '출발', 'pin-from');
    pin(qTo, '도착', 'pin-to');
    await plan();
  }
}

void start();
