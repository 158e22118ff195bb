/**
 * @module displays/web/shared/network-map
 * A maplibre map drawn only from our own data: a background colour, and the road links from the
 * center's `/api/v1/links` GeoJSON (no tiles, glyphs or sprites, so it works offline). Links are
 * drawn on their driving side (offset right) and coloured by HCM level of service with a colour-blind
 * safe palette (Okabe & Ito 2008); width grows with congestion and E/F links carry a dashed overlay,
 * so colour is never the only cue. Links without a live measurement are thin and grey.
 */
import {
  LngLatBounds,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type ExpressionSpecification,
  type GeoJSONSource,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { getJson } from './api.ts';

// maplibre-gl 6 loads its worker from a separate file next to its module; Vite emits it as an asset.
setWorkerUrl(workerUrl);

/** LOS colours (Okabe-Ito: blue, sky blue, yellow, orange, vermillion, reddish purple). */
export const LOS_COLOURS: Readonly<Record<string, string>> = {
  A: '#0072B2',
  B: '#56B4E9',
  C: '#F0E442',
  D: '#E69F00',
  E: '#D55E00',
  F: '#CC79A7',
};
/** Line width by LOS: congestion draws wider. */
export const LOS_WIDTH: Readonly<Record<string, number>> = { A: 3, B: 3.5, C: 4.5, D: 5.5, E: 6.5, F: 7.5 };
/** How far right of its direction of travel a link is drawn, pixels: the two directions of a road apart. */
export const LINK_OFFSET_PX = 4;

export type LinksCollection = {
  readonly type: 'FeatureCollection';
  readonly features: readonly {
    readonly geometry: { readonly coordinates: readonly (readonly number[])[] };
    readonly properties: Record<string, string | number | null>;
  }[];
};

/** A map of the network. */
export type NetworkMap = {
  readonly map: MapLibreMap;
  readonly links: LinksCollection;
  /** Fetch the links again (speeds, LOS) and redraw them. */
  refreshLinks(): Promise<void>;
};

function matchLos(
  values: Readonly<Record<string, string | number>>,
  fallback: string | number,
): ExpressionSpecification {
  return [
    'match',
    ['get', 'los'],
    ...Object.entries(values).flat(),
    fallback,
  ] as unknown as ExpressionSpecification;
}

/** Create the map in `container`; resolves once the style and links are loaded. */
export async function createNetworkMap(
  container: HTMLElement,
  theme: { readonly background: string; readonly freeFlow: string },
): Promise<NetworkMap> {
  let links = await getJson<LinksCollection>('/api/v1/links');
  const bounds = new LngLatBounds();
  for (const f of links.features)
    for (const c of f.geometry.coordinates) bounds.extend([c[0] ?? 0, c[1] ?? 0]);
  const map = new MapLibreMap({
    container,
    style: {
      version: 8,
      sources: { links: { type: 'geojson', data: links as unknown as GeoJSON.FeatureCollection } },
      layers: [
        { id: 'background', type: 'background', paint: { 'background-color': theme.background } },
        {
          id: 'links-casing',
          type: 'line',
          source: 'links',
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: {
            'line-color': '#000000',
            'line-opacity': 0.35,
            'line-width': 9,
            'line-offset': LINK_OFFSET_PX,
          },
        },
        {
          id: 'links',
          type: 'line',
          source: 'links',
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: {
            'line-color': [
              'case',
              ['==', ['get', 'source'], 'live'],
              matchLos(LOS_COLOURS, theme.freeFlow),
              theme.freeFlow,
            ],
            'line-width': ['case', ['==', ['get', 'source'], 'live'], matchLos(LOS_WIDTH, 3), 2],
            'line-offset': LINK_OFFSET_PX,
          },
        },
        {
          id: 'links-congested',
          type: 'line',
          source: 'links',
          filter: ['all', ['==', ['get', 'source'], 'live'], ['in', ['get', 'los'], ['literal', ['E', 'F']]]],
          paint: {
            'line-color': '#1a1a1a',
            'line-width': 2,
            'line-offset': LINK_OFFSET_PX,
            'line-dasharray': [1.5, 1.5],
          },
        },
      ],
    },
    bounds,
    fitBoundsOptions: { padding: 40 },
    attributionControl: false,
    maxPitch: 0,
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
  await new Promise<void>((resolve) => map.once('load', () => resolve()));
  return {
    map,
    get links() {
      return links;
    },
    refreshLinks: async () => {
      links = await getJson<LinksCollection>('/api/v1/links');
      (map.getSource('links') as GeoJSONSource | undefined)?.setData(
        links as unknown as GeoJSON.FeatureCollection,
      );
    },
  };
}

/** Count of link features drawn now (for the page's `data-links-drawn`, which tests read). */
export function linksDrawn(map: MapLibreMap): number {
  return map.queryRenderedFeatures({ layers: ['links'] }).length;
}
