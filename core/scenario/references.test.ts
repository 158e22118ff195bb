/**
 * @module core/scenario/references.test
 * Reference checks of transit, fare readers, toll roads, demand and events, starting from the valid
 * mini scenario and breaking one thing at a time.
 */
import { describe, expect, test } from 'vitest';
import { editDoc, miniScenarioDoc, scenarioIssues } from './index.ts';
import type { DocEdit } from './index.ts';

type Case = readonly [what: string, edits: readonly DocEdit[], path: string, message: RegExp];

const TOLL: readonly DocEdit[] = [
  ['operators.1', { id: 'ex', name: '한국도로공사', kind: 'toll' }],
  ['tollRoads', [{ id: 'tr-1', operatorId: 'ex', name: '경부고속도로', system: 'closed', lanesEachWay: 4 }]],
  [
    'tollGantries',
    [
      {
        id: 'g-in',
        region: 'gangnam',
        tollRoadId: 'tr-1',
        linkId: 'L-e-in',
        positionM: 50,
        role: 'entry',
        chainageKm: 0,
      },
      {
        id: 'g-out',
        region: 'gangnam',
        tollRoadId: 'tr-1',
        linkId: 'L-w-out',
        positionM: 50,
        role: 'exit',
        chainageKm: 1,
      },
    ],
  ],
];

const CASES: readonly Case[] = [
  [
    'stops visited against the direction of the route',
    [
      ['transit.trips.0.stopTimes.0.stopId', '22-202'],
      ['transit.trips.0.stopTimes.1.stopId', '22-201'],
    ],
    'transit.trips[0].stopTimes[1].stopId',
    /stop "22-201" lies before the previous stop "22-202" along route "140" direction 0/,
  ],
  [
    'a route of an unknown agency',
    [['transit.routes.0.agencyId', 'busan-bus']],
    'transit.routes[0].agencyId',
    /unknown agency "busan-bus"/,
  ],
  [
    'a route of an unknown operator',
    [['transit.routes.0.operatorId', 'nobody']],
    'transit.routes[0].operatorId',
    /unknown operator "nobody"/,
  ],
  [
    'a road link direction other than 0/1',
    [['transit.routes.0.roadLinks.2', ['L-s-in']]],
    'transit.routes[0].roadLinks.2',
    /direction "2" must be "0" or "1"/,
  ],
  [
    'a route over an unknown link',
    [['transit.routes.0.roadLinks.1.1', 'L-zz']],
    'transit.routes[0].roadLinks.1[1]',
    /unknown link "L-zz"/,
  ],
  [
    'a stop on an unknown link',
    [['transit.stops.0.linkId', 'L-zz']],
    'transit.stops[0].linkId',
    /unknown link "L-zz"/,
  ],
  [
    'a stop beyond its link',
    [['transit.stops.1.positionM', 900]],
    'transit.stops[1].positionM',
    /position 900 m is beyond the end of link "L-n-out"/,
  ],
  [
    'a trip of an unknown route',
    [['transit.trips.0.routeId', '9999']],
    'transit.trips[0].routeId',
    /unknown route "9999"/,
  ],
  [
    'a trip with an unknown shape',
    [['transit.trips.0.shapeId', 'sh-x']],
    'transit.trips[0].shapeId',
    /unknown shape "sh-x"/,
  ],
  [
    'a trip with an unknown service',
    [['transit.trips.0.serviceId', 'sunday']],
    'transit.trips[0].serviceId',
    /unknown service "sunday"/,
  ],
  [
    'a repeated stop sequence',
    [['transit.trips.0.stopTimes.1.stopSequence', 1]],
    'transit.trips[0].stopTimes[1].stopSequence',
    /stop sequence 1 does not increase/,
  ],
  [
    'a departure before arrival',
    [['transit.trips.0.stopTimes.0.departure', '06:59:59']],
    'transit.trips[0].stopTimes[0].departure',
    /departure 06:59:59 is before arrival 07:00:00/,
  ],
  [
    'a frequency of an unknown trip',
    [['transit.frequencies.0.tripId', 't-x']],
    'transit.frequencies[0].tripId',
    /unknown trip "t-x"/,
  ],
  [
    'a frequency ending before it starts',
    [['transit.frequencies.0.endTime', '06:00:00']],
    'transit.frequencies[0].endTime',
    /end 06:00:00 is not after start 07:00:00/,
  ],
  [
    'a calendar ending before it starts',
    [['transit.calendar.0.endDate', '20251231']],
    'transit.calendar[0].endDate',
    /before start date 20260101/,
  ],
  [
    'a duplicated trip id',
    [['transit.trips.1.id', '140-0-0700']],
    'transit.trips[1].id',
    /duplicate id "140-0-0700"/,
  ],
  [
    'a reader of an unknown region',
    [['fareReaders.0.region', 'busan']],
    'fareReaders[0].region',
    /unknown region "busan"/,
  ],
  [
    'a reader at an unknown stop',
    [['fareReaders.0.stopId', 'stn-x']],
    'fareReaders[0].stopId',
    /unknown stop "stn-x"/,
  ],
  [
    'a subway reader of a bus operator',
    [['fareReaders.0.mode', 'subway']],
    'fareReaders[0].operatorId',
    /operator "seoul-bus" runs bus, not mode "subway"/,
  ],
  [
    'a flow on an unknown link',
    [['demand.flows.0.entryLink', 'L-zz']],
    'demand.flows[0].entryLink',
    /unknown link "L-zz"/,
  ],
  [
    'a flow of an unknown vehicle type',
    [['demand.flows.0.typeId', 'tank']],
    'demand.flows[0].typeId',
    /unknown vehicle type "tank"/,
  ],
  [
    'a flow route not starting at its entry link',
    [['demand.flows.4.route', ['L-n-out']]],
    'demand.flows[4].route[0]',
    /not at entryLink "L-s-in"/,
  ],
  [
    'a flow route with no movement between links',
    [['demand.flows.4.route', ['L-s-in', 'L-s-out']]],
    'demand.flows[4].route[1]',
    /no movement from link "L-s-in" to link "L-s-out"/,
  ],
  [
    'a flow with an empty window',
    [
      ['demand.flows.0.endS', 0.5],
      ['demand.flows.0.beginS', 1],
    ],
    'demand.flows[0].endS',
    /endS 0.5 must be after beginS 1/,
  ],
  [
    'a turning ratio to a link with no movement',
    [['demand.turningRatios.0.ratios.L-s-out', 0.1]],
    'demand.turningRatios[0].ratios.L-s-out',
    /no movement from link "L-s-in" to link "L-s-out"/,
  ],
  [
    'turning ratios all zero',
    [['demand.turningRatios.0.ratios', { 'L-n-out': 0 }]],
    'demand.turningRatios[0].ratios',
    /all turning ratios are 0/,
  ],
  [
    'rider class shares not summing to 1',
    [['demand.passengers.riderClassShares', { adult: 0.5, youth: 0.2, child: 0 }]],
    'demand.passengers.riderClassShares',
    /sum to 0.7, not 1/,
  ],
  [
    'an OD entry from an unknown zone',
    [
      ['demand.odZones', [{ id: 'z-n', entryLinks: ['L-n-in'], exitLinks: ['L-n-out'] }]],
      ['demand.od', [{ from: 'z-n', to: 'z-q', vehPerHour: 100, beginS: 0, endS: 600 }]],
    ],
    'demand.od[0].to',
    /unknown zone "z-q"/,
  ],
  [
    'a zone over an unknown link',
    [['demand.odZones', [{ id: 'z-n', entryLinks: ['L-zz'], exitLinks: ['L-n-out'] }]]],
    'demand.odZones[0].entryLinks[0]',
    /unknown link "L-zz"/,
  ],
  [
    'an event on a lane the link lacks',
    [['events.0.lanes', [0, 4]]],
    'events[0].lanes[1]',
    /lane 4 is out of range: link "L-e-in" has 4/,
  ],
  [
    'an event on an unknown detector',
    [['events.1.detectorId', 'det-zz']],
    'events[1].detectorId',
    /unknown detector "det-zz"/,
  ],
  [
    'an event starting after the scenario ends',
    [
      ['events.0.beginS', 3600],
      ['events.0.endS', 4000],
    ],
    'events[0].beginS',
    /at or after the end of the scenario/,
  ],
  [
    'a GPS dropout naming neither route nor vehicle',
    [['events.2', { type: 'gps-dropout', id: 'ev-gps', beginS: 0, endS: 60 }]],
    'events[2]',
    /needs a routeId or a vehicleId/,
  ],
  [
    'a GPS jump on an unknown route',
    [['events.2', { type: 'gps-jump', id: 'ev-gps', routeId: '9', distanceM: 300, beginS: 0, endS: 60 }]],
    'events[2].routeId',
    /unknown route "9"/,
  ],
  [
    'a comm loss at an unknown intersection',
    [['events.2', { type: 'controller-comm-loss', id: 'ev-c', intersectionId: 'ix-9', beginS: 0, endS: 60 }]],
    'events[2].intersectionId',
    /unknown intersection "ix-9"/,
  ],
  [
    'an edge link down in an unknown region',
    [['events.2', { type: 'edge-link-down', id: 'ev-e', region: 'mapo', beginS: 0, endS: 60 }]],
    'events[2].region',
    /unknown region "mapo"/,
  ],
  [
    'a detector in an unknown region',
    [['detectors.0.region', 'mapo']],
    'detectors[0].region',
    /unknown region "mapo"/,
  ],
  [
    'a detector on a lane the link lacks',
    [['detectors.0.lane', 5]],
    'detectors[0].lane',
    /lane 5 is out of range: link "L-n-in" has 5/,
  ],
  [
    'a link from a node to itself',
    [['network.links.0.to', 'n-north']],
    'network.links[0]',
    /starts and ends at the same node "n-north"/,
  ],
  [
    'geometry far from its node',
    [
      [
        'network.links.0.geometry',
        [
          [127.02, 37.5],
          [127.02762, 37.49794],
        ],
      ],
    ],
    'network.links[0].geometry',
    /starts \d+ m away from its from node "n-north"/,
  ],
  [
    'a closed toll road without an exit',
    [...TOLL, ['tollGantries.1.role', 'entry']],
    'tollRoads[0]',
    /closed toll road "tr-1" has no exit gantry/,
  ],
  [
    'a gantry on an unknown toll road',
    [...TOLL, ['tollGantries.0.tollRoadId', 'tr-9']],
    'tollGantries[0].tollRoadId',
    /unknown toll road "tr-9"/,
  ],
  [
    'a gantry beyond its link',
    [...TOLL, ['tollGantries.0.positionM', 5000]],
    'tollGantries[0].positionM',
    /beyond the end of link "L-e-in"/,
  ],
  [
    'a plaza on a closed road',
    [...TOLL, ['tollGantries.1.role', 'plaza'], ['tollGantries.1.chargedKm', 5]],
    'tollGantries[1].role',
    /closed toll road has entry and exit gantries, not a plaza/,
  ],
  [
    'a toll road run by a bus operator',
    [...TOLL, ['tollRoads.0.operatorId', 'seoul-bus']],
    'tollRoads[0].operatorId',
    /runs bus, not toll roads/,
  ],
];

describe('references between scenario parts', () => {
  test('mini with a closed toll road and its two gantries is valid', () => {
    expect(scenarioIssues(editDoc(miniScenarioDoc(), TOLL))).toEqual([]);
  });

  test.each(CASES)('rejects %s', (_what, edits, path, message) => {
    const issues = scenarioIssues(editDoc(miniScenarioDoc(), edits));
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });
});
