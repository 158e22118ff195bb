/**
 * @module center/detours/section-names
 * Where on a road an incident is, as signs and alerts say it: the section between the two named
 * places a link joins, in the direction of travel (`역삼역→언주로`, `Yeoksam Stn → Eonju-ro`), as
 * Korean variable message signs name a section by its two ends. The names come from the scenario's
 * nodes: a node names its place in both languages as `English (한국어)` (`Yeoksam Station (역삼역)`,
 * the form the demo city's intersections use and the sign page's `oneLanguage` reads). A node without
 * such a name (no name at all, as in networks imported from SUMO; an English description of where
 * the model ends, `Teheran-ro east end (toward Samseong Bridge)`) gives no section, and the texts
 * name the road alone.
 */
import type { CenterNetwork } from '../network/index.ts';

/** A place's or a section's name in both languages: Korean texts use `ko`, English texts `en`. */
export type PlaceName = { readonly ko: string; readonly en: string };

const HANGUL = /[\uac00-\ud7a3]/;
const BILINGUAL = /^(.*\S)\s*\(([^()]+)\)$/;

/**
 * A node's place name in both languages, or null when its name is not `English (한국어)` (or
 * `한국어 (English)`, as displays' `splitBilingualName` also reads): exactly one side in Hangul.
 */
export function placeName(nodeName: string | undefined): PlaceName | null {
  const m = BILINGUAL.exec(nodeName?.trim() ?? '');
  const outside = m?.[1]?.trim() ?? '';
  const inside = m?.[2]?.trim() ?? '';
  if (outside === '' || inside === '' || HANGUL.test(outside) === HANGUL.test(inside)) return null;
  return HANGUL.test(inside) ? { ko: inside, en: outside } : { ko: outside, en: inside };
}

/** Signs abbreviate "Station" (`Yeoksam Stn`), as Seoul's English road signs do. */
const signEnglish = (en: string): string => en.replace(/\bStation\b/g, 'Stn');

const placesByNetwork = new WeakMap<CenterNetwork, ReadonlyMap<string, PlaceName | null>>();

function placesOf(net: CenterNetwork): ReadonlyMap<string, PlaceName | null> {
  let places = placesByNetwork.get(net);
  if (places === undefined) {
    places = new Map(net.scenario.network.nodes.map((n) => [n.id, placeName(n.name)]));
    placesByNetwork.set(net, places);
  }
  return places;
}

/**
 * The section a link covers, from its start's place to its end's (`역삼역→언주로` /
 * `Yeoksam Stn → Eonju-ro`), or null when either end has no place name or both have the same one.
 */
export function sectionOf(net: CenterNetwork, linkId: string): PlaceName | null {
  const link = net.links.get(linkId);
  if (link === undefined) return null;
  const places = placesOf(net);
  const from = places.get(link.from) ?? null;
  const to = places.get(link.to) ?? null;
  if (from === null || to === null || from.ko === to.ko) return null;
  return { ko: `${from.ko}→${to.ko}`, en: `${signEnglish(from.en)} → ${signEnglish(to.en)}` };
}
