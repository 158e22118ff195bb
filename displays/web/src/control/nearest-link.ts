/**
 * @module displays/web/control/nearest-link
 * Which link a click on the map means: the one whose drawn line is nearest to the click, in screen
 * pixels. Links are drawn offset to the right of their direction of travel (maplibre `line-offset`:
 * positive is right of the line's direction), so a two-way road is two lines a few pixels apart over
 * the same geometry, one per direction; the rendered features under a click come in no useful order,
 * so the first of them is as likely the other direction as the one clicked. Pure: takes the links'
 * lines already projected to screen pixels, returns the index of the nearest.
 */

/** A point on screen, [x, y] in CSS pixels (y grows downwards, as maplibre's `map.project` gives). */
export type ScreenPoint = readonly [number, number];

function distanceToSegmentPx(p: ScreenPoint, a: ScreenPoint, b: ScreenPoint): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const squared = dx * dx + dy * dy;
  const share =
    squared === 0 ? 0 : Math.min(1, Math.max(0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / squared));
  return Math.hypot(a[0] + dx * share - p[0], a[1] + dy * share - p[1]);
}

/**
 * Distance in pixels from `point` to `line` as drawn `offsetPx` to the right of its direction (from its
 * first point to its last): each segment is moved sideways on its own, which is where maplibre draws
 * it away from the joins (the joins themselves matter little for a click on a stroke a few pixels
 * wide). Segments of zero length have no direction and are skipped; a line with no other segment (one
 * point, or all its points in one place) is measured at that point, unmoved. Infinity for a line with
 * no points.
 */
export function drawnLineDistancePx(
  line: readonly ScreenPoint[],
  point: ScreenPoint,
  offsetPx: number,
): number {
  let best = Infinity;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1] as ScreenPoint;
    const b = line[i] as ScreenPoint;
    const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (length === 0) continue;
    // Right of the direction of travel on a y-down screen: (dx, dy) turned clockwise is (-dy, dx).
    const nx = (-(b[1] - a[1]) / length) * offsetPx;
    const ny = ((b[0] - a[0]) / length) * offsetPx;
    best = Math.min(best, distanceToSegmentPx(point, [a[0] + nx, a[1] + ny], [b[0] + nx, b[1] + ny]));
  }
  const first = line[0];
  // No segment with a direction (one point, or all in one place): measured where it is.
  if (best === Infinity && first !== undefined) return Math.hypot(first[0] - point[0], first[1] - point[1]);
  return best;
}

/**
 * Index in `lines` of the line drawn nearest to `point` (see {@link drawnLineDistancePx}); the first of
 * equally near ones. -1 when `lines` is empty; 0 when no line has a point (so a caller falls back to
 * the first feature, as before).
 */
export function nearestDrawnLine(
  lines: readonly (readonly ScreenPoint[])[],
  point: ScreenPoint,
  offsetPx: number,
): number {
  let bestIndex = lines.length === 0 ? -1 : 0;
  let bestPx = Infinity;
  lines.forEach((line, i) => {
    const px = drawnLineDistancePx(line, point, offsetPx);
    if (px < bestPx) {
      bestPx = px;
      bestIndex = i;
    }
  });
  return bestIndex;
}
