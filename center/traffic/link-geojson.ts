/**
 * @module center/traffic/link-geojson
 * Links with their live traffic as a GeoJSON FeatureCollection (RFC 7946), for the control-room map.
 */
import type { CenterLink } from '../network/index.ts';
import type { LinkTraffic } from './link-traffic.ts';

/** A GeoJSON LineString feature. */
export type LinkFeature = {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry: { readonly type: 'LineString'; readonly coordinates: readonly (readonly number[])[] };
  readonly properties: Record<string, string | number | null>;
};

/** Links and their traffic as a FeatureCollection. */
export function linksGeoJson(
  links: Iterable<CenterLink>,
  trafficOf: (linkId: string) => LinkTraffic,
): { readonly type: 'FeatureCollection'; readonly features: LinkFeature[] } {
  const features: LinkFeature[] = [];
  for (const l of links) {
    const t = trafficOf(l.id);
    features.push({
      type: 'Feature',
      id: l.id,
      geometry: { type: 'LineString', coordinates: l.coordinates },
      properties: {
        id: l.id,
        name: l.name,
        nameKo: l.nameKo,
        region: l.region,
        lanes: l.lanes,
        lengthM: Math.round(l.lengthM * 10) / 10,
        speedLimitKmh: l.speedLimitKmh,
        speedKmh: Math.round(t.speedKmh * 10) / 10,
        travelTimeS: Math.round(t.travelTimeS * 10) / 10,
        los: t.los,
        source: t.source,
        speedSource: t.speedSource,
        probeSpeedKmh: t.probeSpeedKmh,
        probeBuses: t.probeBuses,
        flowVph: t.flowVph,
        occupancyPct: t.occupancyPct,
        measuredAt: t.measuredAt,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}
