/**
 * @module core/scenario/checks/conflicts
 * Protected movements that may be green together must not cross or merge. Each movement is drawn as a
 * chord on a circle around its node, from its entry arm to its exit arm; with right-hand traffic the
 * inbound lanes of an arm lie just counter-clockwise of its bearing and the outbound lanes just
 * clockwise, so two paths cross exactly when their chords' ends interleave. Permissive movements
 * (filtered left turns, yielding groups) are meant to meet other traffic and are left out.
 */
import type { Movement } from '../../network/index.ts';
import type { Scenario } from '../schema.ts';
import type { CheckContext } from './context.ts';
import { BARRIER_SIDES, ringOf } from './nema.ts';

type Intersection = Scenario['intersections'][number];
type Chord = { readonly m: Movement; readonly inDeg: number; readonly outDeg: number };

/** Offset of an arm's inbound and outbound lanes from its centre line, degrees. */
const LANE_SIDE_DEG = 0.01;

function bearingDeg(from: { lon: number; lat: number }, to: readonly [number, number]): number {
  const dx = (to[0] - from.lon) * Math.cos((from.lat * Math.PI) / 180);
  const dy = to[1] - from.lat;
  return ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
}

function chordOf(ctx: CheckContext, id: string): Chord | undefined {
  const m = ctx.movements.get(id);
  const fromLink = m === undefined ? undefined : ctx.links.get(m.fromLink);
  const toLink = m === undefined ? undefined : ctx.links.get(m.toLink);
  if (m === undefined || fromLink === undefined || toLink === undefined) return undefined;
  const node = ctx.nodes.get(fromLink.to);
  const before = fromLink.geometry?.[fromLink.geometry.length - 2] ?? lonLatOf(ctx, fromLink.from);
  const after = toLink.geometry?.[1] ?? lonLatOf(ctx, toLink.to);
  if (node === undefined || before === undefined || after === undefined) return undefined;
  return {
    m,
    inDeg: bearingDeg(node, before) - LANE_SIDE_DEG,
    outDeg: bearingDeg(node, after) + LANE_SIDE_DEG,
  };
}

function lonLatOf(ctx: CheckContext, nodeId: string): [number, number] | undefined {
  const n = ctx.nodes.get(nodeId);
  return n === undefined ? undefined : [n.lon, n.lat];
}

/** Strictly inside the clockwise arc from `start` to `end`. */
function inArc(x: number, start: number, end: number): boolean {
  const span = (((end - start) % 360) + 360) % 360;
  const at = (((x - start) % 360) + 360) % 360;
  return at > 0 && at < span;
}

/** How two movements' paths meet: they cross, merge into the same link, or not at all. */
function conflict(a: Chord, b: Chord): 'crosses' | 'merges with' | null {
  if (a.m.id === b.m.id || a.m.fromLink === b.m.fromLink) return null;
  if (a.m.toLink === b.m.toLink) return 'merges with';
  return inArc(b.inDeg, a.inDeg, a.outDeg) !== inArc(b.outDeg, a.inDeg, a.outDeg) ? 'crosses' : null;
}

type Served = { readonly label: string; readonly path: string; readonly movements: readonly string[] };

/** Report each conflicting pair of movements between two sets that are green together. */
function reportConflicts(ctx: CheckContext, a: Served, b: Served, why: string): void {
  for (const ida of a.movements) {
    const ca = chordOf(ctx, ida);
    if (ca === undefined) continue;
    for (const idb of b.movements) {
      if (a === b && idb <= ida) continue;
      const cb = chordOf(ctx, idb);
      const how = cb === undefined ? null : conflict(ca, cb);
      if (how !== null)
        ctx.issues.add(
          a.path,
          `movement "${ida}" (${a.label}) ${how} movement "${idb}" (${b.label}), ${why}`,
        );
    }
  }
}

/** Check that no two protected movements that can be green together conflict. */
export function checkConflicts(ctx: CheckContext, ix: Intersection, at: string): void {
  if (ix.control.type === 'nema') {
    const phases: Served[] = ix.control.phases.map((p, j) => ({
      label: `phase ${p.phase}`,
      path: `${at}.control.phases[${j}]`,
      movements: p.movements,
    }));
    const numbers = ix.control.phases.map((p) => p.phase);
    phases.forEach((p) => reportConflicts(ctx, p, p, 'in the same phase'));
    for (let j = 0; j < numbers.length; j++)
      for (let k = 0; k < numbers.length; k++) {
        const pj = numbers[j] ?? 0;
        const pk = numbers[k] ?? 0;
        const sameSide = BARRIER_SIDES.some((s) => s.includes(pj) && s.includes(pk));
        if (ringOf(pj) === 1 && ringOf(pk) === 2 && sameSide)
          reportConflicts(ctx, phases[j]!, phases[k]!, 'and the two phases can be green together');
      }
    return;
  }
  const groups = new Map(ix.control.groups.map((g) => [g.group, g]));
  ix.control.stages.forEach((stage, j) => {
    const served = stage.groups
      .map((g) => groups.get(g))
      .filter((g) => g !== undefined && g.protection === 'protected')
      .map((g) => ({
        label: `group ${g!.group}`,
        path: `${at}.control.stages[${j}]`,
        movements: g!.movements,
      }));
    served.forEach((a, x) =>
      served.forEach((b, y) => {
        if (y >= x) reportConflicts(ctx, a, b, `both green in stage "${stage.id}"`);
      }),
    );
  });
}
