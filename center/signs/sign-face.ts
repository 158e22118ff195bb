/**
 * @module center/signs/sign-face
 * Whether a text shows whole on a variable message sign, so the center can choose one that does:
 * the face and its layout are core's (`core/signs`, the sign page draws with the same functions);
 * a page shows a bilingual name (`Gyeongbu Expressway (경부고속도로)`) in its own language only.
 */
import { SIGN_FACE, fittingWidth, oneLanguage, signLines, type SignFace } from '../../core/signs/index.ts';

export { SIGN_FACE };
export type { SignFace };

/** How many lines `text` takes at `width` characters per line. */
export function signLineCount(text: string, width: number): number {
  return signLines(text, width).length;
}

/**
 * The narrowest width at which `text` fits the face in its language, or null when it fits at none
 * (the page would cut it off).
 */
export function signWidth(text: string, language: 'ko' | 'en', face: SignFace = SIGN_FACE): number | null {
  const en = language === 'en';
  return fittingWidth(oneLanguage(text, en), en, face);
}
