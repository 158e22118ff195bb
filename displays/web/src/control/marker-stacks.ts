/**
 * @module displays/web/control/marker-stacks
 * Bus markers that overlap on screen at the current zoom are drawn as one marker with a count, so a
 * pile of route tags near a busy intersection becomes "440 · 3" instead of an unreadable heap. Pure:
 * takes screen boxes, returns which marker each one is shown under.
 */

/** A marker's box on screen, in CSS pixels. */
export type ScreenBox = {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
};

/** Whether two boxes overlap or come closer than `gapPx`. */
export function boxesTouch(a: ScreenBox, b: ScreenBox, gapPx: number): boolean {
  return (
    a.left < b.right + gapPx &&
    b.left < a.right + gapPx &&
    a.top < b.bottom + gapPx &&
    b.top < a.bottom + gapPx
  );
}

/**
 * For each box, the index of the box it is stacked under: itself when it is shown, otherwise the
 * first earlier shown box it touches. Greedy in the given order, so a marker that is shown keeps its
 * place while others come and go (the caller passes markers in a stable order).
 */
export function stackOverlapping(boxes: readonly ScreenBox[], gapPx = 0): number[] {
  const shown: number[] = [];
  return boxes.map((box, i) => {
    const under = shown.find((j) => boxesTouch(box, boxes[j] as ScreenBox, gapPx));
    if (under !== undefined) return under;
    shown.push(i);
    return i;
  });
}
