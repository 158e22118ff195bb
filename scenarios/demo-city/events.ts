/**
 * @module scenarios/demo-city/events
 * Incidents and faults, each a few minutes long and spread over the run so their effects can be told
 * apart. Times are seconds from the 07:30 start.
 */
import type { ScenarioEvent } from '../../core/index.ts';
import { round } from './geo.ts';
import type { DistrictNetwork } from './network-types.ts';
import { stopbarId } from './detectors.ts';

/** The scenario's timed events. */
export function buildEvents(net: DistrictNetwork): ScenarioEvent[] {
  const incidentLink = net.link('GN04-GN05');
  return [
    // 07:50-07:55: trunk 440 buses stop reporting positions.
    { type: 'gps-dropout', id: 'gps-dropout-440', routeId: '440', beginS: 1200, endS: 1500 },
    // 08:00-08:06: a Seolleung-ro northbound stop-bar loop at Seolleung Station sticks on, so phase 4
    // is always called.
    {
      type: 'detector-stuck',
      id: 'stuck-GN05-nb',
      detectorId: stopbarId('GN05S-GN05', 0),
      state: 'on',
      beginS: 1800,
      endS: 2160,
    },
    // 08:15-08:25: a stalled car blocks the middle lane of Teheran-ro eastbound between Eonju-ro and
    // Seolleung Station.
    {
      type: 'lane-blocked',
      id: 'incident-teheran-eb-seolleung',
      linkId: incidentLink.id,
      lanes: [1],
      positionM: round(incidentLink.lengthM / 2, 1),
      beginS: 2700,
      endS: 3300,
    },
    // 08:40-08:45: the Teheran-ro 63-gil controller loses its link to the edge and runs its local plan.
    { type: 'controller-comm-loss', id: 'comm-loss-GN06', intersectionId: 'GN06', beginS: 4200, endS: 4500 },
    // 08:53-08:58: the Seocho-gu edge loses its uplink to the center and must store and forward.
    { type: 'edge-link-down', id: 'edge-down-seocho', region: 'seocho', beginS: 5000, endS: 5300 },
    // 09:10-09:11: one wide-area bus reports a false 800 m jump.
    { type: 'gps-jump', id: 'gps-jump-9409', routeId: '9409', distanceM: 800, beginS: 6000, endS: 6060 },
  ];
}
