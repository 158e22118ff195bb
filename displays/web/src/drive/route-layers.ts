/**
 * @module displays/web/drive/route-layers
 * Map layers of the driver map: the fastest route solid dark blue on a white casing, the usual route
 * a dashed grey line beside it (shape and dash, not only colour, tell them apart), incident markers.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { LOS_COLOURS } from '../shared/network-map.ts';
import type { Incident } from '../shared/types.ts';

/** Add the `route` source and its layers. */
export function routeLayers(map: MapLibreMap): void {
  map.addSource('route', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({
    id: 'route-fastest-casing',
    type: 'line',
    source: 'route',
    filter: ['==', ['get', 'role'], 'fastest'],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': '#ffffff', 'line-width': 11, 'line-offset': 4 },
  });
  map.addLayer({
    id: 'route-fastest',
    type: 'line',
    source: 'route',
    filter: ['==', ['get', 'role'], 'fastest'],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': '#08306b', 'line-width': 7, 'line-offset': 4 },
  });
  map.addLayer({
    id: 'route-usual',
    type: 'line',
    source: 'route',
    filter: ['==', ['get', 'role'], 'usual'],
    layout: { 'line-cap': 'butt', 'line-join': 'round' },
    paint: { 'line-color': '#4d4d4d', 'line-width': 4, 'line-dasharray': [1.5, 1], 'line-offset': 12 },
  });
}

/** An incident marker: a warning triangle with the kind, black on yellow. */
export function incidentMarker(i: Incident): HTMLElement {
  const el = document.createElement('div');
  el.className = `incident-marker severity-${i.severity}`;
  el.title = `${i.kind} (${i.severity}) on ${i.linkId}`;
  el.textContent = '⚠';
  el.dataset['incident'] = i.id;
  return el;
}

/**
 * Legend of the driver map: the routes, and what the road colours mean (without it a driver reads
 * the dashed overlay of congested roads as the dashed usual route).
 */
export function legendHtml(): string {
  const sw = (los: string, dashed = false): string =>
    `<span class="sw sw-los${dashed ? ' sw-congested' : ''}" style="background-color:${LOS_COLOURS[los] ?? '#888'}"></span>`;
  return [
    '<div><span class="sw sw-fastest"></span>추천 경로 · Fastest route</div>',
    '<div><span class="sw sw-usual"></span>평소 경로 · Usual route</div>',
    '<div><span class="sw sw-incident">⚠</span>돌발상황 · Incident</div>',
    `<div class="legend-traffic" id="traffic-legend">${sw('A')}${sw('B')} 원활 · Free flow</div>`,
    `<div class="legend-traffic">${sw('C')}${sw('D')} 서행 · Slow</div>`,
    `<div class="legend-traffic">${sw('E', true)}${sw('F', true)} 정체 · Congested</div>`,
    '<div class="legend-traffic"><span class="sw sw-nodata"></span>정보 없음 · No live data</div>',
  ].join('');
}
