/**
 * @module scenarios/demo-city/demand
 * Morning-peak traffic: vehicle types with their toll classes, boundary flows, turning ratios at every
 * signalized node and at the interchange diverges, and passenger demand. Volumes are set so the
 * network is busy but not gridlocked: about 900 veh/h entering on each arterial end (roughly 300 per
 * through lane), 550 on the major cross streets, 240 on the side streets, and 3,800 (southbound) and
 * 4,500 (northbound, toward Seoul) on the four-lane expressway. Demand drops by 15% when the AM peak
 * ends at 09:00 (simulated second 5400).
 *
 * Toll classes (Korea Expressway Corporation): class 1 cars and vans up to 16 seats; class 3 two-axle
 * large buses; class 4 three-axle trucks; light cars (engine under 1,000 cc) pay half.
 */
import type { ScenarioInput, Turn } from '../../core/index.ts';
import type { DistrictNetwork, Junction, Side } from './network-types.ts';

type Demand = ScenarioInput['demand'];
type Flow = NonNullable<Demand['flows']>[number];
type TurningRatio = NonNullable<Demand['turningRatios']>[number];

export const VEHICLE_TYPES: Demand['vehicleTypes'] = [
  {
    id: 'car',
    lengthM: 4.7,
    minGapM: 2.5,
    accelMps2: 2.6,
    decelMps2: 4.5,
    maxSpeedMps: 41.7,
    headwayS: 1.2,
    tollClass: '1',
    obuShare: 0.9,
  },
  {
    id: 'light',
    lengthM: 3.6,
    minGapM: 2.5,
    accelMps2: 2.2,
    decelMps2: 4.5,
    maxSpeedMps: 38.9,
    headwayS: 1.2,
    tollClass: 'light',
    obuShare: 0.85,
  },
  {
    id: 'bus',
    lengthM: 11.5,
    minGapM: 3,
    accelMps2: 1.2,
    decelMps2: 4,
    maxSpeedMps: 30.6,
    headwayS: 1.5,
    tollClass: '3',
    obuShare: 1,
  },
  {
    id: 'truck',
    lengthM: 10,
    minGapM: 3,
    accelMps2: 1,
    decelMps2: 3.5,
    maxSpeedMps: 25,
    headwayS: 1.8,
    tollClass: '4',
    obuShare: 0.8,
  },
];

/** Vehicles per hour entering at each kind of boundary, by vehicle type. */
const ENTRY_VOLUMES: Record<
  'arterial' | 'majorCross' | 'minorCross' | 'expresswaySb' | 'expresswayNb',
  Record<string, number>
> = {
  arterial: { car: 800, light: 60, truck: 40 },
  majorCross: { car: 500, light: 30, truck: 20 },
  minorCross: { car: 220, light: 15, truck: 5 },
  expresswaySb: { car: 3200, light: 230, truck: 370 },
  expresswayNb: { car: 3800, light: 280, truck: 420 },
};

/** The AM peak runs to 09:00; afterwards demand is this share of it. */
const PEAK_END_S = 5400;
const LATE_SHARE = 0.85;

/** Turning shares by approach kind. */
const SHARES: Record<string, Partial<Record<Turn, number>>> = {
  majorArterial: { through: 0.82, left: 0.08, right: 0.1 },
  minorArterial: { through: 0.92, right: 0.08 },
  majorCross: { through: 0.6, left: 0.2, right: 0.2 },
  minorCross: { through: 0.5, left: 0.2, right: 0.3 },
  // Seocho interchange: onto the ramps from Seocho-daero, and off the ramps toward Gangnam or Seocho.
  icEastbound: { through: 0.75, left: 0.1, right: 0.15 },
  icWestbound: { through: 0.75, left: 0.15, right: 0.1 },
  icSouthboundOff: { left: 0.5, right: 0.5 },
  icNorthboundOff: { left: 0.5, right: 0.5 },
};

function sharesFor(j: Junction, side: Side): Partial<Record<Turn, number>> {
  const arterial = side === 'W' || side === 'E';
  if (j.site.kind === 'interchange') {
    return (
      { W: SHARES.icEastbound, E: SHARES.icWestbound, N: SHARES.icSouthboundOff, S: SHARES.icNorthboundOff }[
        side
      ] ?? {}
    );
  }
  const key = `${j.site.kind}${arterial ? 'Arterial' : 'Cross'}`;
  return SHARES[key] ?? {};
}

function turningRatios(net: DistrictNetwork): TurningRatio[] {
  const out: TurningRatio[] = [];
  for (const j of net.junctions) {
    for (const side of ['W', 'E', 'S', 'N'] as const) {
      const shares = sharesFor(j, side);
      const ratios: Record<string, number> = {};
      for (const m of j.movements.filter((x) => x.side === side)) ratios[m.toLink] = shares[m.turn] ?? 0;
      out.push({ fromLink: j.legs[side].in, ratios });
    }
  }
  const ex = net.expressway;
  out.push(
    { fromLink: ex.sb[0] as string, ratios: { [ex.sb[1] as string]: 0.9, [ex.sbOffRamp]: 0.1 } },
    { fromLink: ex.nb[0] as string, ratios: { [ex.nb[1] as string]: 0.9, [ex.nbOffRamp]: 0.1 } },
  );
  return out;
}

function entryKind(net: DistrictNetwork, linkId: string): keyof typeof ENTRY_VOLUMES {
  const ex = net.expressway;
  if (linkId === ex.sb[0]) return 'expresswaySb';
  if (linkId === ex.nb[0]) return 'expresswayNb';
  const link = net.link(linkId);
  if (link.from === 'SCW' || link.from === 'GNE') return 'arterial';
  const j = net.junctions.find((x) => x.site.id === link.to);
  return j?.site.kind === 'minor' ? 'minorCross' : 'majorCross';
}

function flows(net: DistrictNetwork): Flow[] {
  const boundary = new Set(net.nodes.filter((n) => n.type === 'boundary').map((n) => n.id));
  const out: Flow[] = [];
  for (const link of net.links.filter((l) => boundary.has(l.from))) {
    const volumes = ENTRY_VOLUMES[entryKind(net, link.id)];
    for (const [typeId, vehPerHour] of Object.entries(volumes)) {
      out.push({
        id: `flow-${link.id}-${typeId}-peak`,
        entryLink: link.id,
        vehPerHour,
        typeId,
        beginS: 0,
        endS: PEAK_END_S,
      });
      out.push({
        id: `flow-${link.id}-${typeId}-late`,
        entryLink: link.id,
        vehPerHour: Math.round(vehPerHour * LATE_SHARE),
        typeId,
        beginS: PEAK_END_S,
        endS: 7200,
      });
    }
  }
  return out;
}

/** The demand section. */
export function buildDemand(net: DistrictNetwork): Demand {
  return {
    vehicleTypes: VEHICLE_TYPES,
    flows: flows(net),
    turningRatios: turningRatios(net),
    passengers: {
      boardingsPerStopPerHour: 40,
      riderClassShares: { adult: 0.85, youth: 0.1, child: 0.05 },
      transferShare: 0.25,
      missingTapOutShare: 0.01,
    },
  };
}
