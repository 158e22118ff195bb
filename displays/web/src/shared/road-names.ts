/**
 * @module displays/web/shared/road-names
 * A road's name in Korean and English for the pages' bilingual labels (`테헤란로 · Teheran-ro`). The
 * center's links carry both (`name`, and `nameKo` from the scenario, the English name when it has
 * none); an English name that holds its Korean form in parentheses, as the demo city's expressway
 * does (`Gyeongbu Expressway (경부고속도로)`), is split so neither language repeats the other.
 */
import { splitBilingualName } from './bilingual.ts';

/** A road named in both languages; the two are equal for a road known by one name only. */
export type RoadName = { readonly ko: string; readonly en: string };

/** The road of a link from its GeoJSON properties (`name`, `nameKo`); the link id when it has no name. */
export function roadOfLink(properties: Readonly<Record<string, unknown>>): RoadName {
  const id = typeof properties['id'] === 'string' ? properties['id'] : '';
  const name = typeof properties['name'] === 'string' && properties['name'] !== '' ? properties['name'] : id;
  const split = splitBilingualName(name);
  const nameKo = properties['nameKo'];
  return {
    ko: typeof nameKo === 'string' && nameKo !== '' && nameKo !== name ? nameKo : split.ko,
    en: split.en,
  };
}

/** `테헤란로 · Teheran-ro`, Korean first as the control room's labels; one name when both are the same. */
export function roadLabel(road: RoadName): string {
  return road.ko === road.en ? road.en : `${road.ko} · ${road.en}`;
}
