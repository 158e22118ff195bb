/**
 * @module core/gtfs/shapes
 * shapes.txt into shapes: points grouped by shape_id and ordered by shape_pt_sequence, as [lon, lat]
 * (GeoJSON order). A shape with fewer than two points cannot be drawn and is dropped.
 */
import type { TransitInput } from './model.ts';
import { readGtfsTable } from './table.ts';

type ShapeInput = NonNullable<TransitInput['shapes']>[number];

/** Shapes kept, ids of shapes dropped, total points; `present` is false when the feed has no shapes.txt. */
export type ShapesRead = {
  readonly shapes: ShapeInput[];
  readonly dropped: ReadonlySet<string>;
  readonly points: number;
  readonly present: boolean;
};

/** Read shapes.txt (optional). */
export function readShapes(dir: string): ShapesRead {
  const table = readGtfsTable(dir, 'shapes.txt', {
    required: false,
    columns: ['shape_id', 'shape_pt_lat', 'shape_pt_lon', 'shape_pt_sequence'],
  });
  const byId = new Map<string, { seq: number; point: [number, number] }[]>();
  for (const row of table.rows) {
    const id = row.required('shape_id');
    const lat = row.number('shape_pt_lat');
    const lon = row.number('shape_pt_lon');
    if (lat < -90 || lat > 90) row.fail(`shape_pt_lat ${lat} is outside -90..90`);
    if (lon < -180 || lon > 180) row.fail(`shape_pt_lon ${lon} is outside -180..180`);
    const seq = row.int('shape_pt_sequence', 0, Number.MAX_SAFE_INTEGER);
    const points = byId.get(id) ?? [];
    points.push({ seq, point: [lon, lat] });
    byId.set(id, points);
  }
  const shapes: ShapeInput[] = [];
  const dropped = new Set<string>();
  let count = 0;
  for (const [id, points] of byId) {
    if (points.length < 2) {
      dropped.add(id);
      continue;
    }
    points.sort((a, b) => a.seq - b.seq);
    count += points.length;
    shapes.push({ id, points: points.map((p) => p.point) });
  }
  return { shapes, dropped, points: count, present: table.rows.length > 0 };
}
