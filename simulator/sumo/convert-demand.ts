/**
 * @module simulator/sumo/convert-demand
 * SUMO demand as departures: vehicle types with SUMO's defaults per vClass, fixed routes, trips routed
 * by shortest path, and flows expanded (evenly spaced for vehsPerHour/period/number, one Bernoulli
 * draw per second for probability, as SUMO does). Trips that cannot be routed are counted, not fatal.
 */
import { FileFormatError } from '../../core/errors/index.ts';
import type { Departure, Rng, Router, SimDemand, SimNet, SimVehicleType } from '../engine/index.ts';
import { entityIdOf } from './ids.ts';
import type { SumoDemandItem, SumoRoutes, SumoVType } from './routes.ts';

/** SUMO's vehicle-class defaults (sumo.dlr.de/docs/Vehicle_Type_Parameter_Defaults.html). */
const CLASS_DEFAULTS: Readonly<Record<string, Omit<SimVehicleType, 'id'>>> = {
  passenger: {
    lengthM: 5,
    minGapM: 2.5,
    accelMps2: 2.6,
    decelMps2: 4.5,
    maxSpeedMps: 55.56,
    headwayS: 1,
    speedDev: 0.1,
  },
  bus: {
    lengthM: 12,
    minGapM: 2.5,
    accelMps2: 1.2,
    decelMps2: 4,
    maxSpeedMps: 27.78,
    headwayS: 1,
    speedDev: 0.1,
    isBus: true,
  },
  truck: {
    lengthM: 7.1,
    minGapM: 2.5,
    accelMps2: 1.3,
    decelMps2: 4,
    maxSpeedMps: 36.11,
    headwayS: 1,
    speedDev: 0.1,
  },
};

function toType(t: SumoVType): SimVehicleType {
  const d = CLASS_DEFAULTS[t.vClass] ?? CLASS_DEFAULTS['passenger']!;
  return {
    ...d,
    id: t.id,
    lengthM: t.lengthM ?? d.lengthM,
    minGapM: t.minGapM ?? d.minGapM,
    accelMps2: t.accel ?? d.accelMps2,
    decelMps2: t.decel ?? d.decelMps2,
    maxSpeedMps: t.maxSpeed ?? d.maxSpeedMps,
    headwayS: t.tau ?? d.headwayS,
    speedDev: t.speedDev ?? d.speedDev,
  };
}

/** Demand and what was left out, by reason. */
export type SumoDemandResult = {
  readonly demand: SimDemand;
  readonly skipped: Readonly<Record<string, number>>;
};

/** Convert routes for `net`. */
export function sumoRoutesToDemand(
  routes: SumoRoutes,
  net: SimNet,
  router: Router,
  rng: Rng,
): SumoDemandResult {
  const types = routes.vTypes.map(toType);
  if (!types.some((t) => t.id === 'DEFAULT_VEHTYPE'))
    types.push({ ...CLASS_DEFAULTS['passenger']!, id: 'DEFAULT_VEHTYPE' });
  const typeIndex = new Map(types.map((t, i) => [t.id, i]));
  const skipped: Record<string, number> = {};
  const skip = (why: string) => (skipped[why] = (skipped[why] ?? 0) + 1);
  const linkOf = (item: SumoDemandItem, edge: string): number => {
    const i = net.linkIndexById.get(entityIdOf(edge));
    if (i === undefined)
      throw new FileFormatError(
        routes.file,
        item.line,
        `<${item.kind} id="${item.id}"> uses unknown or non-passenger edge ${JSON.stringify(edge)}`,
      );
    return i;
  };
  const deps: Departure[] = [];
  for (const item of routes.items) {
    const ty = typeIndex.get(item.type);
    if (ty === undefined)
      throw new FileFormatError(
        routes.file,
        item.line,
        `<${item.kind} id="${item.id}"> uses unknown vType ${JSON.stringify(item.type)}`,
      );
    let route: Int32Array | null;
    if (item.edges !== null) route = Int32Array.from(item.edges, (e) => linkOf(item, e));
    else route = router.route(linkOf(item, item.from!), linkOf(item, item.to!));
    if (route === null) {
      skip('no route');
      continue;
    }
    const base = { typeIndex: ty, route, departSpeed: item.departSpeed, reroutable: item.edges === null };
    if (item.kind !== 'flow') {
      deps.push({ ...base, id: item.id, departS: item.departS });
      continue;
    }
    const end = item.endS ?? item.departS + 3600;
    const times: number[] = [];
    if (item.probability !== undefined) {
      for (let t = item.departS; t < end; t += 1) if (rng.next() < item.probability) times.push(t);
    } else {
      const period =
        item.periodS ??
        (item.vehsPerHour !== undefined
          ? 3600 / item.vehsPerHour
          : (end - item.departS) / Math.max(1, item.number ?? 1));
      const limit = item.number ?? Infinity;
      for (let t = item.departS; t < end && times.length < limit; t += period) times.push(t);
    }
    times.forEach((t, i) => deps.push({ ...base, id: `${item.id}.${i}`, departS: t }));
  }
  deps.sort((a, b) => a.departS - b.departS);
  return { demand: { types, departures: deps }, skipped };
}
