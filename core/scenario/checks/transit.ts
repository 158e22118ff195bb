/**
 * @module core/scenario/checks/transit
 * Transit checks (GTFS Schedule reference semantics): routes, trips, shapes, stops and services refer
 * to each other; stop times run in strictly increasing sequence with non-decreasing times; a bus
 * route's road links are joined by movements; stops lie on links their routes drive.
 */
import { gtfsTimeToSeconds } from '../../transit/index.ts';
import type { CheckContext } from './context.ts';
import { checkPositionOnLink, indexBy, ref } from './context.ts';

/** Check the transit section, if any. */
export function checkTransit(ctx: CheckContext): void {
  const t = ctx.scenario.transit;
  if (t === undefined) return;
  const agencies = indexBy(t.agencies, 'transit.agencies', (a) => a.id, ctx.issues);
  const shapes = indexBy(t.shapes, 'transit.shapes', (x) => x.id, ctx.issues);
  const services = indexBy(t.calendar, 'transit.calendar', (c) => c.serviceId, ctx.issues, 'serviceId');

  t.routes.forEach((route, i) => {
    const at = `transit.routes[${i}]`;
    if (route.agencyId !== undefined) ref(ctx, agencies, route.agencyId, `${at}.agencyId`, 'agency');
    if (route.operatorId !== null) ref(ctx, ctx.operators, route.operatorId, `${at}.operatorId`, 'operator');
    if (route.region !== null) ref(ctx, ctx.regions, route.region, `${at}.region`, 'region');
    for (const [dir, links] of Object.entries(route.roadLinks)) {
      const path = `${at}.roadLinks.${dir}`;
      if (dir !== '0' && dir !== '1')
        ctx.issues.add(path, `direction "${dir}" must be "0" or "1" (GTFS direction_id)`);
      checkLinkChain(ctx, links, path);
    }
  });

  t.stops.forEach((stop, i) => {
    const at = `transit.stops[${i}]`;
    if (stop.linkId !== undefined && ref(ctx, ctx.links, stop.linkId, `${at}.linkId`, 'link') !== undefined)
      checkPositionOnLink(ctx, stop.linkId, stop.positionM ?? 0, `${at}.positionM`);
    if (stop.parentStation !== undefined)
      ref(ctx, ctx.stops, stop.parentStation, `${at}.parentStation`, 'parent station');
  });

  t.trips.forEach((trip, i) => {
    const at = `transit.trips[${i}]`;
    const route = ref(ctx, ctx.routes, trip.routeId, `${at}.routeId`, 'route');
    if (trip.shapeId !== undefined) ref(ctx, shapes, trip.shapeId, `${at}.shapeId`, 'shape');
    if (t.calendar.length > 0) ref(ctx, services, trip.serviceId, `${at}.serviceId`, 'service');
    const drives = route?.roadLinks[String(trip.directionId)];
    let prevAlong: { stopId: string; linkIndex: number; positionM: number } | undefined;
    let prevSeq = -1;
    let prevDepartS = -1;
    trip.stopTimes.forEach((st, k) => {
      const path = `${at}.stopTimes[${k}]`;
      const stop = ref(ctx, ctx.stops, st.stopId, `${path}.stopId`, 'stop');
      if (st.stopSequence <= prevSeq)
        ctx.issues.add(
          `${path}.stopSequence`,
          `stop sequence ${st.stopSequence} does not increase (previous ${prevSeq})`,
        );
      prevSeq = st.stopSequence;
      const arriveS = gtfsTimeToSeconds(st.arrival);
      const departS = gtfsTimeToSeconds(st.departure);
      if (arriveS < prevDepartS)
        ctx.issues.add(
          `${path}.arrival`,
          `arrival ${st.arrival} is before the departure from the previous stop`,
        );
      if (departS < arriveS)
        ctx.issues.add(`${path}.departure`, `departure ${st.departure} is before arrival ${st.arrival}`);
      prevDepartS = Math.max(prevDepartS, departS);
      const linkIndex = stop?.linkId === undefined ? -1 : (drives?.indexOf(stop.linkId) ?? -1);
      if (stop !== undefined && linkIndex >= 0) {
        const along = { stopId: stop.id, linkIndex, positionM: stop.positionM ?? 0 };
        if (
          prevAlong !== undefined &&
          (along.linkIndex < prevAlong.linkIndex ||
            (along.linkIndex === prevAlong.linkIndex && along.positionM < prevAlong.positionM))
        )
          ctx.issues.add(
            `${path}.stopId`,
            `stop "${stop.id}" lies before the previous stop "${prevAlong.stopId}" along route "${trip.routeId}" direction ${trip.directionId}`,
          );
        prevAlong = along;
      }
      if (drives !== undefined && stop?.linkId !== undefined && !drives.includes(stop.linkId))
        ctx.issues.add(
          `${path}.stopId`,
          `stop "${stop.id}" is on link "${stop.linkId}", which route "${trip.routeId}" direction ${trip.directionId} does not drive`,
        );
    });
  });

  t.frequencies.forEach((f, i) => {
    const at = `transit.frequencies[${i}]`;
    ref(ctx, ctx.trips, f.tripId, `${at}.tripId`, 'trip');
    if (gtfsTimeToSeconds(f.endTime) <= gtfsTimeToSeconds(f.startTime))
      ctx.issues.add(`${at}.endTime`, `end ${f.endTime} is not after start ${f.startTime}`);
  });
  t.calendar.forEach((c, i) => {
    if (c.endDate < c.startDate)
      ctx.issues.add(
        `transit.calendar[${i}].endDate`,
        `end date ${c.endDate} is before start date ${c.startDate}`,
      );
  });
}

/**
 * Check a chain of link ids (a bus route, a flow's route): every link exists and each consecutive pair
 * is joined by a movement.
 */
export function checkLinkChain(ctx: CheckContext, links: readonly string[], path: string): void {
  links.forEach((id, k) => {
    const link = ref(ctx, ctx.links, id, `${path}[${k}]`, 'link');
    const prevId = links[k - 1];
    const prev = prevId === undefined ? undefined : ctx.links.get(prevId);
    if (link === undefined || prev === undefined) return;
    if (prev.to !== link.from)
      ctx.issues.add(
        `${path}[${k}]`,
        `link "${prev.id}" ends at "${prev.to}" but link "${id}" starts at "${link.from}"`,
      );
    else if (!ctx.movementByPair.has(`${prev.id}>${id}`))
      ctx.issues.add(`${path}[${k}]`, `no movement from link "${prev.id}" to link "${id}"`);
  });
}
