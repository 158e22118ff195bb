/**
 * @module core/scenario/checks/demand
 * Demand checks: flows enter on existing links and follow connected routes, turning ratios name real
 * movements, OD entries join existing zones, every vehicle type exists, time windows are not empty,
 * rider class shares add up to 1.
 */
import type { CheckContext } from './context.ts';
import { indexBy, ref } from './context.ts';
import { checkLinkChain } from './transit.ts';

/** Check a `beginS`/`endS` window at `at`. */
export function checkWindow(ctx: CheckContext, w: { beginS: number; endS: number }, at: string): void {
  if (w.beginS >= w.endS) ctx.issues.add(`${at}.endS`, `endS ${w.endS} must be after beginS ${w.beginS}`);
  if (w.beginS >= ctx.scenario.durationS)
    ctx.issues.add(
      `${at}.beginS`,
      `beginS ${w.beginS} is at or after the end of the scenario (durationS ${ctx.scenario.durationS})`,
    );
}

/** Check the demand section. */
export function checkDemand(ctx: CheckContext): void {
  const d = ctx.scenario.demand;
  indexBy(d.flows, 'demand.flows', (f) => f.id, ctx.issues);
  d.flows.forEach((f, i) => {
    const at = `demand.flows[${i}]`;
    ref(ctx, ctx.links, f.entryLink, `${at}.entryLink`, 'link');
    ref(ctx, ctx.vehicleTypes, f.typeId, `${at}.typeId`, 'vehicle type');
    checkWindow(ctx, f, at);
    if (f.route === undefined) return;
    if (f.route[0] !== f.entryLink)
      ctx.issues.add(`${at}.route[0]`, `route starts at "${f.route[0]}", not at entryLink "${f.entryLink}"`);
    checkLinkChain(ctx, f.route, `${at}.route`);
  });

  indexBy(d.turningRatios, 'demand.turningRatios', (t) => t.fromLink, ctx.issues, 'fromLink');
  d.turningRatios.forEach((t, i) => {
    const at = `demand.turningRatios[${i}]`;
    if (ref(ctx, ctx.links, t.fromLink, `${at}.fromLink`, 'link') === undefined) return;
    for (const toLink of Object.keys(t.ratios)) {
      if (!ctx.movementByPair.has(`${t.fromLink}>${toLink}`))
        ctx.issues.add(`${at}.ratios.${toLink}`, `no movement from link "${t.fromLink}" to link "${toLink}"`);
    }
    if (Object.values(t.ratios).every((r) => r === 0))
      ctx.issues.add(`${at}.ratios`, `all turning ratios are 0, so vehicles have nowhere to go`);
  });

  const zones = indexBy(d.odZones, 'demand.odZones', (z) => z.id, ctx.issues);
  d.odZones.forEach((z, i) => {
    z.entryLinks.forEach((l, k) => ref(ctx, ctx.links, l, `demand.odZones[${i}].entryLinks[${k}]`, 'link'));
    z.exitLinks.forEach((l, k) => ref(ctx, ctx.links, l, `demand.odZones[${i}].exitLinks[${k}]`, 'link'));
  });
  d.od.forEach((e, i) => {
    const at = `demand.od[${i}]`;
    ref(ctx, zones, e.from, `${at}.from`, 'zone');
    ref(ctx, zones, e.to, `${at}.to`, 'zone');
    ref(ctx, ctx.vehicleTypes, e.typeId, `${at}.typeId`, 'vehicle type');
    checkWindow(ctx, e, at);
  });

  const shares = d.passengers?.riderClassShares;
  if (shares !== undefined) {
    const sum = Object.values(shares).reduce((a, b) => a + (b ?? 0), 0);
    if (Math.abs(sum - 1) > 0.001)
      ctx.issues.add('demand.passengers.riderClassShares', `rider class shares sum to ${sum}, not 1`);
  }
}
