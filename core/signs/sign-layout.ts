/**
 * @module core/signs/sign-layout
 * How a message is laid out on a variable message sign's face, one definition for the sign page,
 * which draws it, and the center, which chooses a text that shows whole: three lines, one language
 * per page, the message's own breaks kept, words wrapped to the narrowest of three widths that fits
 * (the page scales its type to it). Plain functions, no dependencies: the browser build imports it.
 */

/** The face of a variable message sign: lines, and the widths (characters per line) it can use. */
export type SignFace = {
  readonly lines: number;
  /** Characters per line of a Korean page, narrowest (largest type) first. */
  readonly widthsKo: readonly number[];
  /** Characters per line of an English page, narrowest first. */
  readonly widthsEn: readonly number[];
};

/** The sign page's face. */
export const SIGN_FACE: SignFace = Object.freeze({
  lines: 3,
  widthsKo: Object.freeze([16, 20, 26]),
  widthsEn: Object.freeze([24, 30, 38]),
});

const HANGUL = /[\uac00-\ud7a3]/;

/**
 * Names given in both languages, `Seocho IC ramp (서초IC 램프)`, reduced to the page's language, so a
 * three-line sign does not spend a line on the other one.
 */
export function oneLanguage(text: string, en: boolean): string {
  return text.replace(
    /([A-Za-z0-9][A-Za-z0-9 .'-]*?)\s*\(([^()]+)\)/g,
    (whole, latin: string, inner: string) => {
      if (!HANGUL.test(inner)) return whole;
      return en ? latin : inner;
    },
  );
}

/** A count: a number, bare or with a Korean counter (`2`, `2개`, `3대`). */
const COUNT = /^\d+[\uac00-\ud7a3]?$/;

/** Word wrap at `width` characters, never ending a line on a count ("2" / "lanes closed"). */
function wrap(clause: string, width: number): string[] {
  const out: string[] = [];
  let words: string[] = [];
  for (const word of clause.split(/\s+/).filter((w) => w !== '')) {
    if (words.length > 0 && [...words, word].join(' ').length > width) {
      // A count belongs with what it counts: carry a trailing number over to the next line.
      const carried = words.length > 1 && COUNT.test(words.at(-1) ?? '') ? words.splice(-1) : [];
      out.push(words.join(' '));
      words = [...carried, word];
    } else words.push(word);
  }
  if (words.length > 0) out.push(words.join(' '));
  return withoutOrphan(out, width);
}

/**
 * A clause's last line of one word takes the word before it along (and the count before that):
 * "서초IC 램프 사고 2개 차로" / "통제" reads "서초IC 램프 사고" / "2개 차로 통제".
 */
function withoutOrphan(lines: string[], width: number): string[] {
  const last = lines.at(-1)?.split(' ') ?? [];
  const before = lines.at(-2)?.split(' ') ?? [];
  if (last.length !== 1 || before.length < 3) return lines;
  const moved = before.splice(-1);
  if (before.length > 1 && COUNT.test(before.at(-1) ?? '')) moved.unshift(...before.splice(-1));
  const next = [...moved, ...last].join(' ');
  if (next.length > width) return lines;
  return [...lines.slice(0, -2), before.join(' '), next];
}

/**
 * The message's lines: its own ` / ` and `; ` breaks, then, for a part too long for one line, its
 * comma clauses each on their own line (the comma dropped, as signs write it), then word wrap at
 * `width` characters. The sign picks the narrowest width that fits three lines and scales the type
 * to it; text past three lines at the widest width is not shown.
 */
export function signLines(text: string, width: number): string[] {
  const out: string[] = [];
  for (const part of text.split(/\s*(?:\/|;)\s*/).filter((p) => p !== '')) {
    const clauses = part.length > width ? part.split(/,\s+/) : [part];
    for (const clause of clauses) out.push(...wrap(clause, width));
  }
  return out;
}

/**
 * The narrowest width of `face` at which `text` (already in one language, {@link oneLanguage}) fits
 * its lines, or null when it fits at none (the page would cut it off). A word longer than the width
 * cannot be wrapped: it stays one line too wide for the face, and the page cuts it.
 */
export function fittingWidth(text: string, en: boolean, face: SignFace = SIGN_FACE): number | null {
  const widths = en ? face.widthsEn : face.widthsKo;
  return (
    widths.find((w) => {
      const lines = signLines(text, w);
      return lines.length <= face.lines && lines.every((line) => line.length <= w);
    }) ?? null
  );
}
