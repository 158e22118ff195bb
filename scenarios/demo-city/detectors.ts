/**
 * @module scenarios/demo-city/detectors
 * Loop detectors: a stop-bar loop on every lane of every signalized approach (calls and presence), an
 * advance loop 60 m upstream on the arterial's through lanes (green extension and counts, about 4 s of
 * travel at 50 km/h), and count stations on every lane of the expressway mainline, mid-link.
 */
import type { Detector } from '../../core/index.ts';
import { round } from './geo.ts';
import type { DistrictNetwork } from './network-types.ts';

/** Loop length, metres (a 6 ft x 6 ft loop is about 2 m). */
const LOOP_M = 2;
/** Distance of the advance loop's upstream edge before the stop line, metres. */
export const ADVANCE_SETBACK_M = 60;

/** Id of the stop-bar loop on a lane of a link. */
export function stopbarId(linkId: string, lane: number): string {
  return `DET.${linkId}.${lane}.stop`;
}

/** Builds every detector of the district. */
export function buildDetectors(net: DistrictNetwork): Detector[] {
  const out: Detector[] = [];
  for (const j of net.junctions) {
    for (const side of ['W', 'E', 'S', 'N'] as const) {
      const link = net.link(j.legs[side].in);
      for (let lane = 0; lane < link.lanes; lane++) {
        out.push({
          id: stopbarId(link.id, lane),
          region: j.site.region,
          linkId: link.id,
          lane,
          positionM: round(link.lengthM - LOOP_M - 1, 1),
          lengthM: LOOP_M,
          role: 'stopbar',
          intervalS: 30,
        });
      }
      if (side === 'N' || side === 'S') continue;
      const throughLanes = new Set(
        j.movements.filter((m) => m.side === side && m.turn === 'through').flatMap((m) => m.fromLanes),
      );
      for (const lane of [...throughLanes].sort()) {
        out.push({
          id: `DET.${link.id}.${lane}.adv`,
          region: j.site.region,
          linkId: link.id,
          lane,
          positionM: round(link.lengthM - ADVANCE_SETBACK_M, 1),
          lengthM: LOOP_M,
          role: 'advance',
          intervalS: 30,
        });
      }
    }
  }
  for (const id of [...net.expressway.sb, ...net.expressway.nb]) {
    const link = net.link(id);
    for (let lane = 0; lane < link.lanes; lane++) {
      out.push({
        id: `DET.${link.id}.${lane}.count`,
        region: 'seocho',
        linkId: link.id,
        lane,
        positionM: round(link.lengthM / 2, 1),
        lengthM: LOOP_M,
        role: 'count',
        intervalS: 30,
      });
    }
  }
  return out;
}
