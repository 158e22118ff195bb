/**
 * @module displays/web/control/main
 * Control room `/`: the network map with live links, buses, signals, detectors, incidents and signs;
 * alarms, the intersection view, the corridor time-space diagram and a route view; operator actions.
 * Live state comes from one `region:<id>` channel per region; links are re-read when their states
 * change (at most every 5 s), signs and device presence every 10 s. Old data is never shown as if
 * live: when no region has sent anything for `?staleAfterS=` (default 60 s: signals change phase
 * and detectors report every 30 s), the header says since when, and the body's state is `stale`.
 */
import '../shared/display.css';
import './control.css';
import { callApi, getJson } from '../shared/api.ts';
import { clockText, numberQuery, setDisplayTimeZone } from '../shared/bilingual.ts';
import { LiveChannels, serverNow } from '../shared/live-channels.ts';
import {
  createNetworkMap,
  LINK_OFFSET_PX,
  LOS_COLOURS,
  linksDrawn,
  type NetworkMap,
} from '../shared/network-map.ts';
import { roadLabel, roadOfLink } from '../shared/road-names.ts';
import type { Catalogue, Device, RecordDelta, RegionSnapshot, SignView, Stop } from '../shared/types.ts';
import { renderAlarms, renderEdgeStatus } from './alarms-panel.ts';
import { ControlState } from './control-state.ts';
import { renderCorridor } from './corridor-diagram.ts';
import { IntersectionPanel } from './intersection-panel.ts';
import { positionOnLinkM } from './link-position.ts';
import { MapOverlays, type DetectorPlace } from './map-overlays.ts';
import { nearestDrawnLine } from './nearest-link.ts';
import { OperatorPanel } from './operator-panel.ts';
import { RouteView } from './route-view.ts';

declare global {
  interface Window {
    /** The control-room map, for tests that ask what it draws where (`queryRenderedFeatures`). */
    controlMap?: NetworkMap['map'];
  }
}

const $ = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;

/** Below this width the legend starts collapsed: expanded it would cover part of the network. */
const LEGEND_OPEN_MIN_WIDTH_PX = 1600;

function legendBody(): string {
  const los = Object.entries(LOS_COLOURS)
    .map(
      ([k, c]) =>
        `<span class="los"><i style="background:${c};height:${k < 'C' ? 4 : k < 'E' ? 6 : 8}px"${k >= 'E' ? ' class="dashed"' : ''}></i>${k}</span>`,
    )
    .join('');
  return `<div><b>LOS</b> ${los} <span class="los"><i class="nodata"></i>no data</span></div>
<div><span class="bus-marker demo">440 +2′</span> bus, delay · <span class="bus-marker demo" data-stack="3">440</span>&nbsp; buses together · <span class="sig-marker demo">2·6</span> green phases</div>
<div><span class="incident-marker demo">⚠</span> incident · <span class="vms-marker demo">VMS</span> sign · <span class="det-demo"></span> faulty detector</div>`;
}

/** The map legend with its show/hide button; open by default only on a wide screen. */
function renderLegend(root: HTMLElement): void {
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'legend-toggle';
  toggle.setAttribute('aria-controls', 'legend-body');
  const body = document.createElement('div');
  body.id = 'legend-body';
  body.innerHTML = legendBody();
  const show = (open: boolean): void => {
    root.dataset['open'] = String(open);
    body.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    // One name in both states ("범례 · Legend"); aria-expanded says which, the arrow shows it.
    toggle.replaceChildren(
      '범례 · Legend ',
      Object.assign(document.createElement('span'), { textContent: open ? '▾' : '▸', ariaHidden: 'true' }),
    );
  };
  toggle.addEventListener('click', () => show(root.dataset['open'] !== 'true'));
  root.replaceChildren(toggle, body);
  show(window.innerWidth >= LEGEND_OPEN_MIN_WIDTH_PX);
}

async function start(): Promise<void> {
  const [catalogue, stopList, detectorList] = await Promise.all([
    getJson<Catalogue>('/displays/v1/catalogue'),
    getJson<Stop[]>('/api/v1/stops'),
    getJson<{ id: string; linkId: string; lane: number; role: string }[]>('/api/v1/detectors'),
  ]);
  setDisplayTimeZone(catalogue.timezone);
  const stops = new Map(stopList.map((s) => [s.id, s]));
  const places = new Map<string, DetectorPlace>(detectorList.map((d) => [d.id, d]));
  const routes = new Map(catalogue.routes.map((r) => [r.id, r]));
  const net = await createNetworkMap($('map'), { background: '#1d232b', freeFlow: '#6b7785' });
  window.controlMap = net.map;
  renderLegend($('legend'));
  const state = new ControlState();
  let devices: Device[] = [];
  let signs: SignView[] = [];
  const ixPanel = new IntersectionPanel(
    $('intersection'),
    catalogue.intersections,
    catalogue.corridor?.intersections[0]?.id ?? null,
  );
  const overlays = new MapOverlays(net.map, routes, (id) => {
    ixPanel.select(id);
    ixPanel.render(state);
  });
  const routeView = new RouteView(
    $('route'),
    catalogue.routes.filter((r) => r.gtfsType === 3),
    stops,
  );
  const refreshSigns = async (): Promise<void> => {
    const r = await callApi<SignView[]>('GET', '/api/v1/signs');
    if (r.ok) signs = r.data;
    overlays.updateSigns(signs, net.links);
    operator.update([...state.incidents.values()], signs);
  };
  const linkChoices = net.links.features.map(
    (f) =>
      [
        String(f.properties['id']),
        `${String(f.properties['id'])} · ${roadLabel(roadOfLink(f.properties))}`,
      ] as const,
  );
  const operator = new OperatorPanel($('operator'), catalogue, linkChoices, () => void refreshSigns());
  const draw = (): void => {
    overlays.update(state, catalogue.intersections, net.links, places);
    ixPanel.render(state);
    routeView.render(state);
    renderAlarms($('alarms'), state, devices);
    operator.update([...state.incidents.values()], signs);
    document.body.dataset['buses'] = String(state.vehicles.size);
  };
  let drawQueued = false;
  const queueDraw = (): void => {
    if (drawQueued) return;
    drawQueued = true;
    requestAnimationFrame(() => {
      drawQueued = false;
      draw();
    });
  };
  // When the regions last sent anything (browser time) and the center's clock then.
  let dataAt = 0;
  let dataServerAt = 0;
  const staleAfterMs = numberQuery('staleAfterS', 60) * 1000;
  const received = (): void => {
    dataAt = Date.now();
    dataServerAt = serverNow();
  };
  const showConnection = (): void => {
    const up = live.connected;
    const stale = up && dataAt > 0 && Date.now() - dataAt > staleAfterMs;
    // The signals, buses and link colours on the map are as they were then: say so, not "live".
    $('conn').textContent = !up
      ? '✖ 연결 끊김 reconnecting'
      : stale
        ? `⚠ 데이터 없음 · no data since ${clockText(dataServerAt)}`
        : '● 실시간 live';
    $('conn').dataset['up'] = String(up);
    $('conn').dataset['stale'] = String(stale);
    if (dataAt > 0) document.body.dataset['state'] = stale ? 'stale' : 'live';
  };
  const live = new LiveChannels(
    catalogue.regions.map((r) => `region:${r.id}`),
    {
      snapshot: (_c, data) => {
        state.snapshot(data as RegionSnapshot);
        received();
        showConnection();
        queueDraw();
      },
      delta: (_c, data) => {
        state.apply(data as RecordDelta[]);
        received();
        if (document.body.dataset['state'] === 'stale') showConnection();
        queueDraw();
      },
      status: () => showConnection(),
    },
  );
  net.map.on('click', (e) => {
    const box: [[number, number], [number, number]] = [
      [e.point.x - 6, e.point.y - 6],
      [e.point.x + 6, e.point.y + 6],
    ];
    // The link drawn nearest the click, not the first feature in the box: the two directions of a road
    // are drawn a few pixels apart, and the box holds both in no useful order. Measured on each link's
    // whole line from the loaded GeoJSON (rendered features are cut at tile edges).
    const hits = net.map.queryRenderedFeatures(box, { layers: ['links'] });
    const features = hits.map((h) =>
      net.links.features.find((f) => f.properties['id'] === h.properties['id']),
    );
    const lines = features.map(
      (f) =>
        f?.geometry.coordinates
          .map((c) => net.map.project([c[0] ?? 0, c[1] ?? 0]))
          .map((q) => [q.x, q.y] as const) ?? [],
    );
    const nearest = nearestDrawnLine(lines, [e.point.x, e.point.y], LINK_OFFSET_PX);
    const hit = hits[nearest];
    if (hit === undefined) return;
    const p = hit.properties as Record<string, string | number | null>;
    const speed =
      p['source'] === 'live' ? `${String(p['speedKmh'])} km/h · LOS ${String(p['los'])}` : 'no live data';
    // The link's whole line from the GeoJSON the page loaded: the rendered feature's geometry is cut
    // at tile edges, so a position measured along it would start at the tile's edge, not the link's start.
    const link = features[nearest];
    const positionM =
      link === undefined
        ? null
        : positionOnLinkM(link.geometry.coordinates, Number(link.properties['lengthM']), [
            e.lngLat.lng,
            e.lngLat.lat,
          ]);
    operator.pickLink(
      String(p['id']),
      `${String(p['id'])} · ${roadLabel(roadOfLink(p))} · ${speed} · ${String(p['lanes'])} lanes`,
      positionM,
    );
  });
  net.map.on('idle', () => {
    document.body.dataset['linksDrawn'] = String(linksDrawn(net.map));
  });
  const slow = async (): Promise<void> => {
    const d = await callApi<Device[]>('GET', '/displays/v1/devices');
    if (d.ok) devices = d.data;
    renderEdgeStatus($('edges'), catalogue.regions, devices);
    await refreshSigns();
    queueDraw();
  };
  await slow();
  window.setInterval(() => void slow(), 10_000);
  const everySecond = (): void => {
    $('clock').textContent = clockText(serverNow());
    showConnection();
    renderCorridor($('tsd'), catalogue, state);
    ixPanel.render(state);
  };
  // At once as well: a wall screen must not show an empty clock for its first second.
  everySecond();
  window.setInterval(everySecond, 1000);
  // The diagrams are drawn at their boxes' pixel size: draw them again when the window changes.
  window.addEventListener('resize', () => {
    renderCorridor($('tsd'), catalogue, state);
    queueDraw();
  });
  window.setInterval(() => {
    if (state.linksDirty && live.connected) {
      state.linksDirty = false;
      void net.refreshLinks();
    }
  }, 5000);
  renderCorridor($('tsd'), catalogue, state);
}

void start();
