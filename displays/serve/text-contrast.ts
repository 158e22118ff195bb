/**
 * @module displays/serve/text-contrast
 * Text colour that reads on a route's colour: the feed's own (GTFS `route_text_color`) when it has
 * the contrast WCAG 2.2 asks of normal text (4.5:1, SC 1.4.3), else black or white, whichever reads
 * better. The control map's bus tags are 11 px, so the normal-text ratio applies to every page.
 */

/** WCAG 2.2 contrast ratio asked of normal-size text (SC 1.4.3, level AA). */
export const MIN_TEXT_CONTRAST = 4.5;

/** Relative luminance of a `#RRGGBB` colour (WCAG 2.2 definition, sRGB). */
function luminance(hex: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (m === null) return NaN;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
    const c = parseInt(h ?? '0', 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two `#RRGGBB` colours, 1 to 21 (NaN when either is not `#RRGGBB`). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * `preferred` when it reads on `background` (at least {@link MIN_TEXT_CONTRAST}), else `#000000` or
 * `#FFFFFF`, the one with more contrast. Seoul's green bus colour #53B332 with the feed's white text
 * is 2.7:1; black on it is 7.9:1.
 */
export function readableTextColour(background: string, preferred: string): string {
  const own = contrastRatio(background, preferred);
  if (own >= MIN_TEXT_CONTRAST) return preferred;
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#FFFFFF') ? '#000000' : '#FFFFFF';
}
