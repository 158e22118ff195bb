/**
 * @module center/detours/incident-sign-text
 * The variable-message-sign text of an incident in Korean and English, chosen to show whole on the
 * sign's face (center/signs `signWidth`, core/signs' layout). A full text names the road, the section
 * (`테헤란로 역삼역→언주로`), what happened, the lanes closed and the detour. When that is too long
 * for three lines, the sign drops parts in a fixed order, because a driver needs the place and the
 * way around more than the detail of the cause: first the lane count, then the section (the road
 * still names the place), last the lane count and the section both. The road, what happened and the
 * detour always stay. A closure of every lane reads `전면 통제` / `road closed` instead of a count,
 * as Korean signs say it, and it is the last part given up (after the section): a driver must learn
 * the road is shut. Both languages drop the same parts, so the Korean and English pages of one
 * sign say the same thing, unless no choice fits both (then each language takes its fullest text
 * that fits). On the English face a section and a detour rarely fit with the lane count too: the
 * layout gives the road, the section, the lane count and the detour a line each.
 */
import { signWidth } from '../signs/index.ts';
import type { IncidentRecord } from '../state/index.ts';
import type { PlaceName } from './section-names.ts';

/** A road's name in both languages: Korean texts use `ko`, English texts `en`. */
export type RoadName = { readonly ko: string; readonly en: string };

/** A text in both languages. */
type Bilingual = { readonly ko: string; readonly en: string };

const KIND_KO: Readonly<Record<IncidentRecord['kind'], string>> = {
  crash: '사고',
  breakdown: '고장차량',
  roadwork: '공사',
  congestion: '정체',
  other: '돌발상황',
};
const KIND_EN: Readonly<Record<IncidentRecord['kind'], string>> = {
  crash: 'Crash',
  breakdown: 'Breakdown',
  roadwork: 'Roadwork',
  congestion: 'Congestion',
  other: 'Incident',
};

type Kept = { readonly section: boolean; readonly lanes: boolean };

/** The parts a sign text keeps, fullest first: the order in which a sign gives parts up. */
const KEPT: readonly Kept[] = [
  { section: true, lanes: true },
  { section: true, lanes: false },
  { section: false, lanes: true },
  { section: false, lanes: false },
];

/** The same for a road closed on every lane: the closure outlasts the section. */
const KEPT_CLOSED: readonly Kept[] = [
  { section: true, lanes: true },
  { section: false, lanes: true },
  { section: true, lanes: false },
  { section: false, lanes: false },
];

/**
 * The sign text of an incident in both languages: road, section, what happened, lanes closed (of
 * `linkLanes`, the link's lane count: all of them is a closed road), and the detour clause (`advice`, incident-response's `detourAdvice`), shortened as the module says until it fits
 * the sign's face. When not even the shortest text fits, that one is returned: the sign cuts it
 * off after three lines, and the road and what happened come first.
 */
export function incidentSignText(
  road: RoadName,
  section: PlaceName | null,
  incident: Pick<IncidentRecord, 'kind' | 'lanes'>,
  advice: Bilingual | null,
  linkLanes?: number,
): { ko: string; en: string } {
  const lanes = incident.lanes.length;
  const closed = linkLanes !== undefined && linkLanes > 0 && lanes >= linkLanes;
  const text = (keep: Kept): Bilingual => {
    const named = keep.section && section !== null;
    const shown = keep.lanes && lanes > 0;
    const lanesKo = !shown ? '' : closed ? ' 전면 통제' : ` ${lanes}개 차로 통제`;
    const lanesEn = !shown
      ? ''
      : closed
        ? ', road closed'
        : `, ${lanes} lane${lanes === 1 ? '' : 's'} closed`;
    const whereKo = named ? `${road.ko} ${section.ko}` : road.ko;
    const whereEn = named ? `${road.en}, ${section.en}` : road.en;
    return {
      ko: `${whereKo} ${KIND_KO[incident.kind]}${lanesKo}${advice?.ko ?? ''}`,
      en: `${KIND_EN[incident.kind]} on ${whereEn}${lanesEn}${advice?.en ?? ''}`,
    };
  };
  const candidates = (closed ? KEPT_CLOSED : KEPT).map(text);
  const fits = (t: Bilingual, language: 'ko' | 'en'): boolean => signWidth(t[language], language) !== null;
  const both = candidates.find((t) => fits(t, 'ko') && fits(t, 'en'));
  if (both !== undefined) return { ...both };
  const shortest = candidates.at(-1) as Bilingual;
  return {
    ko: (candidates.find((t) => fits(t, 'ko')) ?? shortest).ko,
    en: (candidates.find((t) => fits(t, 'en')) ?? shortest).en,
  };
}
