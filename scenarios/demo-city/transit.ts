/**
 * @module scenarios/demo-city/transit
 * The transit section: three bus routes sharing kerbside stops, and Line 2 for transfers, as GTFS rows.
 */
import type { Transit } from '../../core/index.ts';
import { BUS_ROUTES, buildBusRoute, gtfsStop } from './bus-routes.ts';
import type { DistrictNetwork } from './network-types.ts';
import { agencies } from './operators.ts';
import { WEEKDAY_SERVICE } from './schedule.ts';
import { StopRegistry } from './stops.ts';
import { buildLine2 } from './subway.ts';

/** Builds the transit section. */
export function buildTransit(net: DistrictNetwork): Transit {
  const registry = new StopRegistry(net);
  const buses = BUS_ROUTES.map((spec) => buildBusRoute(spec, net, registry));
  const line2 = buildLine2();
  return {
    agencies: agencies(),
    routes: [...buses.map((b) => b.route), line2.route],
    stops: [...registry.stops.map(gtfsStop), ...line2.stops],
    shapes: [...buses.flatMap((b) => b.shapes), ...line2.shapes],
    trips: [...buses.flatMap((b) => b.trips), ...line2.trips],
    frequencies: [...buses.flatMap((b) => b.frequencies), ...line2.frequencies],
    calendar: [WEEKDAY_SERVICE],
  };
}
