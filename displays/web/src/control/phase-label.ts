/**
 * @module displays/web/control/phase-label
 * The label of a phase box in the ring-barrier diagram, fitted to the box: a short phase (an 18 s
 * left turn of a 140 s cycle is 62 units wide) cannot hold "▶ Φ1  18s", which ran into the next box
 * while the phase was green. Plain function (no DOM).
 */

/** Width of one character of the 13 px bold phase label, in the diagram's units (measured in Chromium). */
const CHAR_W = 7.5;
/** The label starts this far inside its box. */
const INSET = 6;

/**
 * `Φ<p>  <split>s`, marked `▶ ` while running; when that is wider than `boxW`, the split (which the
 * splits table gives) is left out of a running phase's label.
 */
export function phaseLabel(phase: number, splitS: number, running: boolean, boxW: number): string {
  const full = `${running ? '▶ ' : ''}Φ${phase}  ${Math.round(splitS)}s`;
  if (!running || INSET + full.length * CHAR_W <= boxW) return full;
  return `▶ Φ${phase}`;
}
