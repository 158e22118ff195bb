/**
 * @module scenarios/demo-city/places
 * Where things are: the arterial's alignment through real Line 2 station intersections, the signalized
 * sites along it with their cross streets, and the expressway interchange. Coordinates are WGS 84 and
 * real to about 20 m at the named stations (Seocho, Gyodae, Gangnam, Yeoksam, Seolleung, Samseong);
 * sites between them are interpolated along the road. Minor side streets carry representative
 * `Teheran-ro N-gil` names.
 */
import type { Point } from './geo.ts';
import { bearingDeg, destination, latAtLon, roundPoint } from './geo.ts';

/** Region ids: the two districts (gu) of the scenario. */
export type RegionId = 'gangnam' | 'seocho';

/** A named street with its cross-section. */
export type Street = {
  en: string;
  ko: string;
  lanesEachWay: number;
  speedKmh: number;
  roadClass: 'arterial' | 'collector' | 'local';
};

/**
 * `major`: protected lefts on all approaches (8 NEMA phases). `minor`: lefts off the arterial banned,
 * the side street runs with permissive lefts (phases 2, 4, 6, 8). `interchange`: a single-point urban
 * interchange whose north and south legs are expressway ramps.
 */
export type SiteKind = 'major' | 'minor' | 'interchange';

/** A signalized intersection on the arterial. */
export type Site = {
  id: string;
  en: string;
  ko: string;
  region: RegionId;
  point: Point;
  kind: SiteKind;
  /** The crossing street; for the interchange, the ramps. */
  cross: Street;
  /** Length of the modelled cross-street legs north and south, metres. */
  legM: number;
};

/** Real station-intersection positions the arterial passes, west to east. */
const ALIGNMENT: readonly Point[] = [
  [127.00792, 37.4919], // Seocho Station, Seocho-daero x Banpo-daero
  [127.01463, 37.49342], // Gyodae Station
  [127.02762, 37.49794], // Gangnam Station, Gangnam-daero x Teheran-ro
  [127.03646, 37.50062], // Yeoksam Station
  [127.04901, 37.5045], // Seolleung Station
  [127.06313, 37.50884], // Samseong Station
];

/** Seocho-daero west of Gangnam Station and Teheran-ro east of it: 4 lanes each way, 50 km/h. */
export const SEOCHO_DAERO: Street = {
  en: 'Seocho-daero',
  ko: '서초대로',
  lanesEachWay: 4,
  speedKmh: 50,
  roadClass: 'arterial',
};
export const TEHERAN_RO: Street = {
  en: 'Teheran-ro',
  ko: '테헤란로',
  lanesEachWay: 4,
  speedKmh: 50,
  roadClass: 'arterial',
};

const street = (en: string, ko: string, lanesEachWay: number, speedKmh: number): Street => ({
  en,
  ko,
  lanesEachWay,
  speedKmh,
  roadClass: lanesEachWay >= 3 ? 'arterial' : lanesEachWay === 2 ? 'collector' : 'local',
});

/** The Seocho interchange ramps: two-lane off-ramps, one-lane on-ramps. */
export const RAMP: Street = {
  en: 'Seocho IC ramp',
  ko: '서초IC 램프',
  lanesEachWay: 2,
  speedKmh: 50,
  roadClass: 'arterial',
};

const site = (
  id: string,
  en: string,
  ko: string,
  region: RegionId,
  lon: number,
  kind: SiteKind,
  cross: Street,
): Site => ({
  id,
  en,
  ko,
  region,
  point: roundPoint([lon, latAtLon(ALIGNMENT, lon)]),
  kind,
  cross,
  legM: kind === 'minor' ? 250 : 500,
});

/** Signalized sites along the arterial, west to east. SC = Seocho-gu, GN = Gangnam-gu. */
export const SITES: readonly Site[] = [
  site(
    'SC01',
    'Seocho Station',
    '서초역',
    'seocho',
    127.00792,
    'major',
    street('Banpo-daero', '반포대로', 4, 50),
  ),
  site(
    'SC02',
    'Gyodae Station',
    '교대역',
    'seocho',
    127.01463,
    'major',
    street('Seochojungang-ro', '서초중앙로', 3, 50),
  ),
  site('SC03', 'Seoun-ro', '서운로', 'seocho', 127.0195, 'minor', street('Seoun-ro', '서운로', 2, 30)),
  site('SC04', 'Seocho IC', '서초IC', 'seocho', 127.023, 'interchange', RAMP),
  site(
    'GN01',
    'Gangnam Station',
    '강남역',
    'gangnam',
    127.02762,
    'major',
    street('Gangnam-daero', '강남대로', 4, 50),
  ),
  site(
    'GN02',
    'Teheran-ro 10-gil',
    '테헤란로10길',
    'gangnam',
    127.032,
    'minor',
    street('Teheran-ro 10-gil', '테헤란로10길', 2, 30),
  ),
  site(
    'GN03',
    'Yeoksam Station',
    '역삼역',
    'gangnam',
    127.03646,
    'major',
    street('Nonhyeon-ro', '논현로', 3, 50),
  ),
  site('GN04', 'Eonju-ro', '언주로', 'gangnam', 127.043, 'major', street('Eonju-ro', '언주로', 3, 50)),
  site(
    'GN05',
    'Seolleung Station',
    '선릉역',
    'gangnam',
    127.04901,
    'major',
    street('Seolleung-ro', '선릉로', 4, 50),
  ),
  site(
    'GN06',
    'Teheran-ro 63-gil',
    '테헤란로63길',
    'gangnam',
    127.0528,
    'minor',
    street('Teheran-ro 63-gil', '테헤란로63길', 2, 30),
  ),
  site(
    'GN07',
    'POSCO Center',
    '포스코사거리',
    'gangnam',
    127.0565,
    'major',
    street('Samseong-ro', '삼성로', 3, 50),
  ),
  site(
    'GN08',
    'Samseong Station',
    '삼성역',
    'gangnam',
    127.06313,
    'major',
    street('Yeongdong-daero', '영동대로', 4, 50),
  ),
];

/** West end of the modelled Seocho-daero and east end of Teheran-ro (toward Samseong Bridge). */
export const WEST_END: Point = roundPoint([127.004, latAtLon(ALIGNMENT, 127.004)]);
export const EAST_END: Point = roundPoint([127.068, latAtLon(ALIGNMENT, 127.068)]);

/** The arterial street a site's east-west legs belong to. */
export function arterialOf(s: Site): Street {
  return s.region === 'seocho' ? SEOCHO_DAERO : TEHERAN_RO;
}

/** Bearing of the cross street's north leg at a site: perpendicular to the local arterial alignment. */
export function northBearing(s: Site): number {
  const i = SITES.indexOf(s);
  const west = i > 0 ? (SITES[i - 1] as Site).point : WEST_END;
  const east = i < SITES.length - 1 ? (SITES[i + 1] as Site).point : EAST_END;
  return (bearingDeg(west, east) + 270) % 360;
}

/** The Gyeongbu Expressway alignment through the interchange: bearing of its southbound carriageway. */
export const EXPRESSWAY_SB_BEARING = 158;

/** Expressway points: the modelled section runs from near Banpo IC to toward Yangjae IC. */
export function expresswayPoints(): { north: Point; icNorth: Point; icSouth: Point; south: Point } {
  const ic = (SITES.find((s) => s.kind === 'interchange') as Site).point;
  const nb = (EXPRESSWAY_SB_BEARING + 180) % 360;
  return {
    north: destination(ic, nb, 1500),
    icNorth: destination(ic, nb, 250),
    icSouth: destination(ic, EXPRESSWAY_SB_BEARING, 250),
    south: destination(ic, EXPRESSWAY_SB_BEARING, 1900),
  };
}

/**
 * Chainage of the interchange on the Gyeongbu Expressway, km from its Busan origin (approximate:
 * the Seoul end at Hannam is about km 416).
 */
export const INTERCHANGE_CHAINAGE_KM = 409.8;
