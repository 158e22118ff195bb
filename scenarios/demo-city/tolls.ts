/**
 * @module scenarios/demo-city/tolls
 * A closed-system toll section on the Gyeongbu Expressway (Korea Expressway Corporation tariff:
 * 900 won plus a per-km rate by vehicle class between entry and exit). Hi-pass style gantries stand on
 * every way in and out of the section: the mainline at its north and south ends and the four Seocho
 * interchange ramps. Chainage counts from the expressway's Busan origin, so it falls southward.
 *
 * In reality the Seoul section north of the Seoul Tollgate is free; tolling it here gives the demo a
 * toll road inside the modelled district.
 */
import type { ScenarioInput } from '../../core/index.ts';
import { round } from './geo.ts';
import type { DistrictNetwork } from './network-types.ts';
import { INTERCHANGE_CHAINAGE_KM } from './places.ts';
import { GYEONGBU } from './expressway.ts';

type TollRoad = NonNullable<ScenarioInput['tollRoads']>[number];
type TollGantry = NonNullable<ScenarioInput['tollGantries']>[number];

export const TOLL_ROAD: TollRoad = {
  id: 'gyeongbu-seocho',
  operatorId: 'kec',
  name: 'Gyeongbu Expressway 경부고속도로 (Seocho section)',
  system: 'closed',
  lanesEachWay: GYEONGBU.lanesEachWay,
};

/** Gantry distance from the ends of a mainline link, metres. */
const MAINLINE_SETBACK_M = 100;
/** Gantry distance from the start of a ramp, metres. */
const RAMP_POSITION_M = 60;

/** The toll gantries of the section. */
export function buildGantries(net: DistrictNetwork): TollGantry[] {
  const ex = net.expressway;
  const [sbIn, , sbOut] = ex.sb.map((id) => net.link(id));
  const [nbIn, , nbOut] = ex.nb.map((id) => net.link(id));
  if (!sbIn || !sbOut || !nbIn || !nbOut) throw new Error('demo-city: expressway links missing');
  // Mainline links end (or start) at the interchange's merge/diverge nodes, half the 500 m weaving
  // section from the interchange centre.
  const icHalfM = net.link(ex.sb[1] as string).lengthM / 2;
  const km = (metresFromInterchange: number): number =>
    round(INTERCHANGE_CHAINAGE_KM + metresFromInterchange / 1000, 2);
  const gantry = (
    id: string,
    linkId: string,
    positionM: number,
    role: TollGantry['role'],
    chainageKm: number,
  ): TollGantry => ({
    id,
    region: 'seocho',
    tollRoadId: TOLL_ROAD.id,
    linkId,
    positionM,
    role,
    chainageKm,
  });
  return [
    gantry(
      'toll-sb-main-entry',
      sbIn.id,
      MAINLINE_SETBACK_M,
      'entry',
      km(icHalfM + sbIn.lengthM - MAINLINE_SETBACK_M),
    ),
    gantry(
      'toll-sb-main-exit',
      sbOut.id,
      round(sbOut.lengthM - MAINLINE_SETBACK_M, 1),
      'exit',
      km(-(icHalfM + sbOut.lengthM - MAINLINE_SETBACK_M)),
    ),
    gantry(
      'toll-nb-main-entry',
      nbIn.id,
      MAINLINE_SETBACK_M,
      'entry',
      km(-(icHalfM + nbIn.lengthM - MAINLINE_SETBACK_M)),
    ),
    gantry(
      'toll-nb-main-exit',
      nbOut.id,
      round(nbOut.lengthM - MAINLINE_SETBACK_M, 1),
      'exit',
      km(icHalfM + nbOut.lengthM - MAINLINE_SETBACK_M),
    ),
    gantry('toll-seocho-sb-on', ex.sbOnRamp, RAMP_POSITION_M, 'entry', km(0)),
    gantry('toll-seocho-nb-on', ex.nbOnRamp, RAMP_POSITION_M, 'entry', km(0)),
    gantry('toll-seocho-sb-off', ex.sbOffRamp, RAMP_POSITION_M, 'exit', km(0)),
    gantry('toll-seocho-nb-off', ex.nbOffRamp, RAMP_POSITION_M, 'exit', km(0)),
  ];
}
