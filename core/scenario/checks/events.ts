/**
 * @module core/scenario/checks/events
 * Incident and fault events: what they act on exists (link and its lanes, detector, intersection,
 * region, bus route) and their time windows are not empty and start within the scenario.
 */
import type { CheckContext } from './context.ts';
import { checkPositionOnLink, indexBy, ref } from './context.ts';
import { checkWindow } from './demand.ts';

/** Check the events section. */
export function checkEvents(ctx: CheckContext): void {
  const events = ctx.scenario.events;
  indexBy(events, 'events', (e) => e.id, ctx.issues);
  events.forEach((e, i) => {
    const at = `events[${i}]`;
    checkWindow(ctx, e, at);
    switch (e.type) {
      case 'lane-blocked': {
        const link = ref(ctx, ctx.links, e.linkId, `${at}.linkId`, 'link');
        if (link === undefined) break;
        e.lanes.forEach((lane, k) => {
          if (lane >= link.lanes)
            ctx.issues.add(
              `${at}.lanes[${k}]`,
              `lane ${lane} is out of range: link "${link.id}" has ${link.lanes} lane(s), 0-${link.lanes - 1}`,
            );
        });
        checkPositionOnLink(ctx, link.id, e.positionM, `${at}.positionM`);
        break;
      }
      case 'detector-stuck':
        ref(ctx, ctx.detectors, e.detectorId, `${at}.detectorId`, 'detector');
        break;
      case 'gps-dropout':
      case 'gps-jump':
        if (e.routeId === undefined && e.vehicleId === undefined)
          ctx.issues.add(at, `a ${e.type} event needs a routeId or a vehicleId`);
        if (e.routeId !== undefined) ref(ctx, ctx.routes, e.routeId, `${at}.routeId`, 'route');
        break;
      case 'controller-comm-loss':
        ref(ctx, ctx.intersections, e.intersectionId, `${at}.intersectionId`, 'intersection');
        break;
      case 'edge-link-down':
        ref(ctx, ctx.regions, e.region, `${at}.region`, 'region');
        break;
      default: {
        const never: never = e;
        throw new Error(`unhandled event ${JSON.stringify(never)}`);
      }
    }
  });
}
