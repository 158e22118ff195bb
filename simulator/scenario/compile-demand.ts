/**
 * @module simulator/scenario/compile-demand
 * Turn a scenario's demand into departures: flows (random arrivals, exponential headways) that follow
 * a fixed route or the turning ratios at each node, and OD matrices routed by shortest path. All
 * randomness comes from the run's RNG, so one seed gives one demand.
 */
import { ConfigError } from '../../core/errors/index.ts';
import type { Scenario } from '../../core/index.ts';
import type { Departure, Rng, Router, SimDemand, SimNet, SimVehicleType } from '../engine/index.ts';

/** Longest route a turning-ratio walk may take, links. */
const MAX_WALK = 60;

function vehicleTypes(sc: Scenario): SimVehicleType[] {
  return sc.demand.vehicleTypes.map((t) => ({
    id: t.id,
    lengthM: t.lengthM,
    minGapM: t.minGapM,
    accelMps2: t.accelMps2,
    decelMps2: t.decelMps2,
    maxSpeedMps: t.maxSpeedMps,
    headwayS: t.headwayS,
    speedDev: 0.1,
    isBus: /bus/i.test(t.id),
  }));
}

function linkOf(net: SimNet, id: string, field: string): number {
  const i = net.linkIndexById.get(id);
  if (i === undefined) throw new ConfigError(field, `unknown link ${JSON.stringify(id)}`);
  return i;
}

/** Random walk by turning ratios from `entry` until the network ends. */
function walk(
  net: SimNet,
  router: Router,
  ratios: ReadonlyMap<number, readonly (readonly [number, number])[]>,
  entry: number,
  rng: Rng,
): Int32Array {
  const route = [entry];
  let cur = entry;
  const seen = new Set([entry]);
  while (route.length < MAX_WALK) {
    const r = ratios.get(cur);
    let next = -1;
    if (r !== undefined && r.length > 0) {
      const total = r.reduce((s, [, w]) => s + w, 0);
      let u = rng.next() * total;
      for (const [l, w] of r) {
        next = l;
        u -= w;
        if (u < 0) break;
      }
    } else {
      // No ratios: go straight on where possible (the successor best aligned with this link).
      const succ = router.successors(cur).filter((l) => net.linkTo[l] !== net.linkFrom[cur]);
      if (succ.length === 0) break;
      next = succ[rng.int(succ.length)]!;
    }
    if (next < 0 || seen.has(next)) break;
    route.push(next);
    seen.add(next);
    cur = next;
  }
  return Int32Array.from(route);
}

/** Compile the scenario's demand into time-sorted departures. */
export function compileDemand(sc: Scenario, net: SimNet, router: Router, rng: Rng): SimDemand {
  const types = vehicleTypes(sc);
  const typeIndex = new Map(types.map((t, i) => [t.id, i]));
  const typeOf = (id: string, field: string): number => {
    const i = typeIndex.get(id);
    if (i === undefined) throw new ConfigError(field, `unknown vehicle type ${JSON.stringify(id)}`);
    return i;
  };
  const ratios = new Map<number, [number, number][]>();
  sc.demand.turningRatios.forEach((tr, i) => {
    const from = linkOf(net, tr.fromLink, `demand.turningRatios[${i}].fromLink`);
    ratios.set(
      from,
      Object.entries(tr.ratios).map(([to, w]) => [linkOf(net, to, `demand.turningRatios[${i}].ratios`), w]),
    );
  });
  const deps: Departure[] = [];
  sc.demand.flows.forEach((f, i) => {
    const where = `demand.flows[${i}]`;
    const entry = linkOf(net, f.entryLink, `${where}.entryLink`);
    const ty = typeOf(f.typeId, `${where}.typeId`);
    const fixed = f.route?.map((id) => linkOf(net, id, `${where}.route`));
    if (fixed !== undefined && fixed[0] !== entry) fixed.unshift(entry);
    if (f.vehPerHour <= 0) return;
    const mean = 3600 / f.vehPerHour;
    let n = 0;
    for (
      let t = f.beginS + rng.exponential(mean);
      t < Math.min(f.endS, sc.durationS);
      t += rng.exponential(mean)
    ) {
      deps.push({
        id: `${f.id}.${n++}`,
        departS: t,
        typeIndex: ty,
        route: fixed !== undefined ? Int32Array.from(fixed) : walk(net, router, ratios, entry, rng),
        departSpeed: 'max',
        reroutable: fixed === undefined,
      });
    }
  });
  const zones = new Map(sc.demand.odZones.map((z) => [z.id, z]));
  sc.demand.od.forEach((od, i) => {
    const where = `demand.od[${i}]`;
    const from = zones.get(od.from);
    const to = zones.get(od.to);
    if (from === undefined) throw new ConfigError(`${where}.from`, `unknown zone ${od.from}`);
    if (to === undefined) throw new ConfigError(`${where}.to`, `unknown zone ${od.to}`);
    const ty = typeOf(od.typeId, `${where}.typeId`);
    if (od.vehPerHour <= 0) return;
    const mean = 3600 / od.vehPerHour;
    let n = 0;
    for (
      let t = od.beginS + rng.exponential(mean);
      t < Math.min(od.endS, sc.durationS);
      t += rng.exponential(mean)
    ) {
      const a = linkOf(net, from.entryLinks[rng.int(from.entryLinks.length)]!, `${where}.from`);
      const b = linkOf(net, to.exitLinks[rng.int(to.exitLinks.length)]!, `${where}.to`);
      const route = router.route(a, b);
      if (route === null) continue;
      deps.push({
        id: `od.${od.from}.${od.to}.${n++}`,
        departS: t,
        typeIndex: ty,
        route,
        departSpeed: 'max',
        reroutable: true,
      });
    }
  });
  deps.sort((a, b) => a.departS - b.departS || (a.id < b.id ? -1 : 1));
  return { types, departures: deps };
}
