/**
 * @module displays/web/sign/sign-text
 * Laying a message out on a three-line variable message sign: one language per page, the message's
 * own breaks kept, words wrapped to the sign's width. Plain functions (no DOM).
 */

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

/**
 * The message's lines: its own ` / ` and `; ` breaks, then word wrap at `width` characters. The sign
 * picks the narrowest width that fits three lines and scales the type to it; text past three lines
 * at the widest width is not shown.
 */
export function signLines(text: string, width: number): string[] {
  const out: string[] = [];
  for (const part of text.split(/\s*(?:\/|;)\s*/).filter((p) => p !== '')) {
    let line = '';
    for (const word of part.split(/\s+/)) {
      if (line !== '' && (line + ' ' + word).length > width) {
        out.push(line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    if (line !== '') out.push(line);
  }
  return out;
}
