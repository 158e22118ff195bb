/**
 * @module core/scenario/checks/devices
 * Fare readers, toll roads and toll gantries: their regions, operators, routes, stops, links and toll
 * roads exist; readers' modes match their operator's kind; a closed toll system has both entry and
 * exit gantries (a trip is charged from entry to exit chainage).
 */
import type { CheckContext } from './context.ts';
import { checkPositionOnLink, ref } from './context.ts';

/** Operator kind a reader's mode belongs to. */
function operatorKindOf(mode: string): string {
  if (mode === 'subway') return 'subway';
  if (mode === 'taxi') return 'taxi';
  return 'bus';
}

/** Check fare readers, toll roads and toll gantries. */
export function checkDevices(ctx: CheckContext): void {
  const s = ctx.scenario;
  s.fareReaders.forEach((r, i) => {
    const at = `fareReaders[${i}]`;
    ref(ctx, ctx.regions, r.region, `${at}.region`, 'region');
    const op = ref(ctx, ctx.operators, r.operatorId, `${at}.operatorId`, 'operator');
    if (op !== undefined && op.kind !== operatorKindOf(r.mode))
      ctx.issues.add(`${at}.operatorId`, `operator "${op.id}" runs ${op.kind}, not mode "${r.mode}"`);
    if (r.routeId !== null) ref(ctx, ctx.routes, r.routeId, `${at}.routeId`, 'route');
    if (r.stopId !== null) ref(ctx, ctx.stops, r.stopId, `${at}.stopId`, 'stop');
  });

  s.tollRoads.forEach((road, i) => {
    const at = `tollRoads[${i}]`;
    const op = ref(ctx, ctx.operators, road.operatorId, `${at}.operatorId`, 'operator');
    if (op !== undefined && op.kind !== 'toll')
      ctx.issues.add(`${at}.operatorId`, `operator "${op.id}" runs ${op.kind}, not toll roads`);
    const gantries = s.tollGantries.filter((g) => g.tollRoadId === road.id);
    if (road.system === 'closed') {
      for (const role of ['entry', 'exit'] as const)
        if (!gantries.some((g) => g.role === role))
          ctx.issues.add(at, `closed toll road "${road.id}" has no ${role} gantry`);
    } else if (!gantries.some((g) => g.role === 'plaza')) {
      ctx.issues.add(at, `open toll road "${road.id}" has no plaza gantry`);
    }
  });

  s.tollGantries.forEach((g, i) => {
    const at = `tollGantries[${i}]`;
    ref(ctx, ctx.regions, g.region, `${at}.region`, 'region');
    const road = ref(ctx, ctx.tollRoads, g.tollRoadId, `${at}.tollRoadId`, 'toll road');
    if (ref(ctx, ctx.links, g.linkId, `${at}.linkId`, 'link') !== undefined)
      checkPositionOnLink(ctx, g.linkId, g.positionM, `${at}.positionM`);
    if (road?.system === 'closed' && g.role === 'plaza')
      ctx.issues.add(`${at}.role`, `a closed toll road has entry and exit gantries, not a plaza`);
    if (road?.system === 'open' && g.role !== 'plaza')
      ctx.issues.add(`${at}.role`, `an open toll road charges at plazas, not at ${g.role} gantries`);
    if (g.role === 'plaza' && g.chargedKm === undefined)
      ctx.issues.add(`${at}.chargedKm`, `a plaza needs chargedKm, the distance it charges for`);
  });
}
