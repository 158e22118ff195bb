/**
 * @module center/signs/sign-face
 * What a variable message sign's face holds, so the center can choose a text that shows whole: three
 * lines, one language per page, at the narrowest of three character widths that fits (the sign page
 * scales its type to it). The line count follows the sign page's layout (displays/web/src/sign
 * `signLines`): the message's own ` / ` and `; ` breaks, a part too long for one line broken at its
 * commas, then word wrap that keeps a count with its noun. A page shows a bilingual name
 * (`Gyeongbu Expressway (경부고속도로)`) in its own language only.
 */

/** The face of a variable message sign: lines, and the widths (characters per line) it can use. */
export type SignFace = {
  readonly lines: number;
  /** Characters per line of a Korean page, narrowest (largest type) first. */
  readonly widthsKo: readonly number[];
  /** Characters per line of an English page, narrowest first. */
  readonly widthsEn: readonly number[];
};

/** The sign page's face (displays/web/src/sign/main.ts). */
export const SIGN_FACE: SignFace = Object.freeze({
  lines: 3,
  widthsKo: Object.freeze([16, 20, 26]),
  widthsEn: Object.freeze([24, 30, 38]),
});

const HANGUL = /[\uac00-\ud7a3]/;
/** A count: a number, bare or with a Korean counter (`2`, `2개`). */
const COUNT = /^\d+[\uac00-\ud7a3]?$/;

/**
 * The text a page shows: a bilingual name, `Seocho IC ramp (서초IC 램프)`, in the page's language
 * only (`서초IC 램프` on a Korean page, `Seocho IC ramp` on an English one).
 */
function pageText(text: string, language: 'ko' | 'en'): string {
  return text.replace(
    /([A-Za-z0-9][A-Za-z0-9 .'-]*?)\s*\(([^()]+)\)/g,
    (whole, latin: string, inner: string) => {
      if (!HANGUL.test(inner)) return whole;
      return language === 'en' ? latin : inner;
    },
  );
}

/** Lines of one clause wrapped at `width`, a trailing count carried to the next line. */
function wrappedLines(clause: string, width: number): number {
  let lines = 0;
  let words: string[] = [];
  for (const word of clause.split(/\s+/).filter((w) => w !== '')) {
    if (words.length > 0 && [...words, word].join(' ').length > width) {
      const carried = words.length > 1 && COUNT.test(words.at(-1) ?? '') ? words.slice(-1) : [];
      lines++;
      words = [...carried, word];
    } else words.push(word);
  }
  return lines + (words.length > 0 ? 1 : 0);
}

/** How many lines `text` takes at `width` characters per line. */
export function signLineCount(text: string, width: number): number {
  let lines = 0;
  for (const part of text.split(/\s*(?:\/|;)\s*/).filter((p) => p !== '')) {
    const clauses = part.length > width ? part.split(/,\s+/) : [part];
    for (const clause of clauses) lines += wrappedLines(clause, width);
  }
  return lines;
}

/**
 * The narrowest width at which `text` fits the face in its language, or null when it fits at none
 * (the page would cut it off).
 */
export function signWidth(text: string, language: 'ko' | 'en', face: SignFace = SIGN_FACE): number | null {
  const page = pageText(text, language);
  const widths = language === 'ko' ? face.widthsKo : face.widthsEn;
  return widths.find((w) => signLineCount(page, w) <= face.lines) ?? null;
}
