/**
 * @module displays/web/control/map-overlays
 * What the control-room map draws over the links: buses (route number on the route colour, delay in
 * minutes), signals (the running phases as text, fault and offline as words and shapes), detectors
 * (a circle layer: faulty loops are larger, orange and ringed), incidents (black-on-yellow warning)
 * and signs showing a message (amber "VMS" tag). Markers are updated in place, never recreated per
 * delta. Stacking (control.css): buses lowest, then sign tags, signals, incidents, so a bus passing an
 * intersection never hides its signal or an incident. Buses that overlap on screen are drawn as one
 * marker with a count badge (`marker-stacks.ts`); zooming in separates them. A "VMS" tag that would
 * cover another marker, or another tag, is hidden until there is room (zoom in): the signs are listed
 * in the operator panel, buses and incidents are not.
 */
import { Marker, type GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl';
import { kindLabel, severityLabel } from '../shared/incident-labels.ts';
import type { LinksCollection } from '../shared/network-map.ts';
import type { CatalogueIntersection, CatalogueRoute, SignView } from '../shared/types.ts';
import type { ControlState } from './control-state.ts';
import { boxesTouch, stackOverlapping } from './marker-stacks.ts';
import { modeLabel } from './mode-label.ts';

/** Where a detector is: its link, lane and role (`stop` bar or `adv`ance), from `/api/v1/detectors`. */
export type DetectorPlace = { readonly linkId: string; readonly lane: number; readonly role: string };

/** A point `share` of the way along a link (0 start, 1 end). */
export function pointOnLink(links: LinksCollection, linkId: string, share: number): [number, number] | null {
  const f = links.features.find((x) => x.properties['id'] === linkId);
  const c = f?.geometry.coordinates;
  const a = c?.[0];
  const b = c?.[c.length - 1];
  if (a === undefined || b === undefined) return null;
  return [
    (a[0] ?? 0) + ((b[0] ?? 0) - (a[0] ?? 0)) * share,
    (a[1] ?? 0) + ((b[1] ?? 0) - (a[1] ?? 0)) * share,
  ];
}

function delayText(s: number | null): string {
  if (s === null) return '';
  const m = Math.round(s / 60);
  return m === 0 ? '정시' : m > 0 ? `+${m}′` : `−${-m}′`;
}

/** Keeps the markers of the map in step with the state. */
export class MapOverlays {
  readonly #map: MapLibreMap;
  readonly #routes: ReadonlyMap<string, CatalogueRoute>;
  readonly #markers = new Map<string, Marker>();
  readonly onSelectIntersection: (id: string) => void;
  #detectorKey = '';

  constructor(
    map: MapLibreMap,
    routes: ReadonlyMap<string, CatalogueRoute>,
    onSelectIntersection: (id: string) => void,
  ) {
    this.#map = map;
    this.#routes = routes;
    this.onSelectIntersection = onSelectIntersection;
    map.on('moveend', () => this.declutter());
    map.addSource('detectors', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({
      id: 'detectors',
      type: 'circle',
      source: 'detectors',
      paint: {
        'circle-radius': ['case', ['==', ['get', 'health'], 'ok'], 2.5, 6],
        'circle-color': ['case', ['==', ['get', 'health'], 'ok'], '#9ad0c2', '#E69F00'],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': ['case', ['==', ['get', 'health'], 'ok'], 0, 2],
      },
    });
  }

  /** The marker element of `key`, created with `className` (added beside maplibre's own classes). */
  #marker(key: string, make: () => HTMLElement, at: [number, number], className: string): HTMLElement {
    let m = this.#markers.get(key);
    if (m === undefined) {
      const el = make();
      el.classList.add(className);
      m = new Marker({ element: el }).setLngLat(at).addTo(this.#map);
      this.#markers.set(key, m);
    } else m.setLngLat(at);
    return m.getElement();
  }

  #prune(prefix: string, keep: ReadonlySet<string>): void {
    for (const [key, m] of this.#markers) {
      if (key.startsWith(prefix) && !keep.has(key)) {
        m.remove();
        this.#markers.delete(key);
      }
    }
  }

  /** Redraw buses, signals, detectors and incidents from the state. */
  update(
    state: ControlState,
    intersections: readonly CatalogueIntersection[],
    links: LinksCollection,
    detectorPlaces: ReadonlyMap<string, DetectorPlace>,
  ): void {
    const keep = new Set<string>();
    for (const v of state.vehicles.values()) {
      const key = `bus:${v.vehicleId}`;
      keep.add(key);
      const route = this.#routes.get(v.routeId);
      const el = this.#marker(key, () => document.createElement('div'), [v.lon, v.lat], 'bus-marker');
      el.dataset['vehicle'] = v.vehicleId;
      el.style.background = route?.color ?? '#333';
      el.style.color = route?.textColor ?? '#fff';
      el.textContent = `${route?.shortName ?? v.routeId} ${delayText(v.scheduleDeviationS)}`.trim();
      el.dataset['info'] =
        `${v.vehicleId} · route ${v.routeId} · ${Math.round(v.speedMps * 3.6)} km/h · next ${v.nextStopId ?? '-'}`;
    }
    for (const ix of intersections) {
      const key = `sig:${ix.id}`;
      keep.add(key);
      const s = state.signals.get(ix.id);
      const el = this.#marker(
        key,
        () => {
          const e = document.createElement('button');
          e.type = 'button';
          e.addEventListener('click', () => this.onSelectIntersection(ix.id));
          return e;
        },
        [ix.lon, ix.lat],
        'sig-marker',
      );
      el.dataset['intersection'] = ix.id;
      el.dataset['state'] = s === undefined || !s.online ? 'offline' : s.fault !== null ? 'fault' : 'ok';
      el.textContent =
        s === undefined || !s.online
          ? '×'
          : s.fault !== null
            ? '!'
            : s.greenGroups.length === 0
              ? '–'
              : s.greenGroups.join('·');
      el.title = `${ix.name}${s === undefined ? ' (no data)' : ` · ${modeLabel(s.mode)} · ${s.strategy} · plan ${s.planId ?? '-'}`}`;
    }
    for (const i of state.incidents.values()) {
      if (i.lon === null || i.lat === null) continue;
      const key = `inc:${i.id}`;
      keep.add(key);
      const el = this.#marker(key, () => document.createElement('div'), [i.lon, i.lat], 'incident-marker');
      el.dataset['severity'] = i.severity;
      el.textContent = '⚠';
      el.dataset['incident'] = i.id;
      el.title = `${kindLabel(i.kind)} · ${severityLabel(i.severity)} · ${i.linkId}${i.lanes.length > 0 ? ` · 차로 lanes ${i.lanes.join(',')}` : ''}`;
    }
    this.#prune('bus:', keep);
    this.#prune('sig:', keep);
    this.#prune('inc:', keep);
    this.declutter();
    const key = [...state.detectors.values()].map((d) => `${d.detectorId}:${d.health}`).join();
    if (key === this.#detectorKey) return;
    this.#detectorKey = key;
    const features = [...state.detectors.values()].flatMap((d) => {
      const p = detectorPlaces.get(d.detectorId);
      if (p === undefined) return [];
      const at = pointOnLink(
        links,
        p.linkId,
        p.role === 'stop' ? 0.93 - p.lane * 0.01 : 0.75 - p.lane * 0.01,
      );
      return at === null
        ? []
        : [
            {
              type: 'Feature' as const,
              geometry: { type: 'Point' as const, coordinates: at },
              properties: { id: d.detectorId, health: d.health },
            },
          ];
    });
    (this.#map.getSource('detectors') as GeoJSONSource | undefined)?.setData({
      type: 'FeatureCollection',
      features,
    });
  }

  /** Signs showing a message, as amber tags at their link. */
  updateSigns(signs: readonly SignView[], links: LinksCollection): void {
    const keep = new Set<string>();
    for (const s of signs) {
      if (s.displayed === null) continue;
      const at = pointOnLink(links, s.linkId, 0.3);
      if (at === null) continue;
      const key = `vms:${s.id}`;
      keep.add(key);
      const el = this.#marker(key, () => document.createElement('div'), at, 'vms-marker');
      el.textContent = 'VMS';
      el.dataset['sign'] = s.id;
      el.title = `${s.id}: ${s.displayed.textKo} / ${s.displayed.textEn}`;
    }
    this.#prune('vms:', keep);
    this.declutter();
  }

  /**
   * Group buses that overlap on screen under one marker with a count, then hide each sign tag that
   * overlaps any other shown marker or an earlier tag; show them again when clear.
   */
  declutter(): void {
    const buses: HTMLElement[] = [];
    const boxes: DOMRect[] = [];
    const tags: HTMLElement[] = [];
    for (const [key, m] of this.#markers) {
      const el = m.getElement();
      if (key.startsWith('vms:')) tags.push(el);
      else if (key.startsWith('bus:')) buses.push(el);
      else boxes.push(el.getBoundingClientRect());
    }
    const GAP = 2;
    const busBoxes = buses.map((el) => el.getBoundingClientRect());
    const under = stackOverlapping(busBoxes, GAP);
    const stacks = new Map<number, HTMLElement[]>();
    under.forEach((leader, i) =>
      stacks.set(leader, [...(stacks.get(leader) ?? []), buses[i] as HTMLElement]),
    );
    buses.forEach((el, i) => {
      const stack = stacks.get(i);
      if (stack === undefined) {
        el.style.visibility = 'hidden';
        el.dataset['hidden'] = 'stacked';
        return;
      }
      el.style.visibility = '';
      el.dataset['hidden'] = '';
      el.dataset['stack'] = stack.length > 1 ? String(stack.length) : '';
      el.title = stack.map((b) => b.dataset['info'] ?? '').join('\n');
      boxes.push(busBoxes[i] as DOMRect);
    });
    for (const el of tags) {
      el.style.visibility = '';
      const box = el.getBoundingClientRect();
      const covered = boxes.some((b) => boxesTouch(box, b, GAP));
      el.style.visibility = covered ? 'hidden' : '';
      el.dataset['hidden'] = covered ? 'overlap' : '';
      if (!covered) boxes.push(box);
    }
  }
}
