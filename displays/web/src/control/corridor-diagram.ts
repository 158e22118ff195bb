/**
 * @module displays/web/control/corridor-diagram
 * Time-space diagram of the coordinated arterial: distance up, time across (one cycle back, two
 * ahead). Each intersection's coordinated through phase (Φ2, the outbound direction) is a thick
 * green bar while green and a thin dark line otherwise — thickness, not only colour, tells green from
 * red. Plan offsets are the start of the coordinated green from local midnight (the scenario's
 * convention), so the bars are where the plans put them. The band shows a platoon leaving the first
 * intersection on green at the speed limit; where it meets thin lines the progression is broken.
 */
import { localSecondsOfDay } from '../shared/bilingual.ts';
import { serverNow } from '../shared/live-channels.ts';
import { roadLabel } from '../shared/road-names.ts';
import { svg } from '../shared/svg.ts';
import type { Catalogue, CatalogueIntersection } from '../shared/types.ts';
import type { ControlState } from './control-state.ts';

const COORD_PHASE = 2;

type Window = { readonly from: number; readonly to: number };

function greens(ix: CatalogueIntersection, planId: string | null, w: Window): [number, number][] {
  const plan = ix.plans.find((p) => p.id === planId) ?? ix.plans[0];
  if (plan === undefined) return [];
  const phase = ix.phases.find((p) => p.phase === COORD_PHASE);
  const greenS =
    (plan.splitsS[String(COORD_PHASE)] ?? 0) - (phase === undefined ? 0 : phase.yellowS + phase.redClearS);
  const out: [number, number][] = [];
  let start = w.from - ((((w.from - plan.offsetS) % plan.cycleS) + plan.cycleS) % plan.cycleS);
  for (; start < w.to; start += plan.cycleS) out.push([start, start + greenS]);
  return out;
}

/** Draw the diagram into `root` (an element holding one SVG). */
export function renderCorridor(root: HTMLElement, catalogue: Catalogue, state: ControlState): void {
  const corridor = catalogue.corridor;
  if (corridor === null) {
    root.textContent = 'no coordinated arterial in this scenario';
    return;
  }
  // Drawn at the pixel size of its box (1:1), so the 12 px labels are 12 px on a 1366 px screen as
  // on the 1920 px wall; 700x250 before the box is laid out.
  const W = root.clientWidth > 0 ? root.clientWidth : 700;
  const H = root.clientHeight > 0 ? root.clientHeight : 250;
  const L = 44;
  // The title on the first line, "now" on the second.
  const T = 34;
  const B = 24;
  const byId = new Map(catalogue.intersections.map((i) => [i.id, i]));
  const maxCycle = Math.max(...catalogue.intersections.flatMap((i) => i.plans.map((p) => p.cycleS)));
  const now = localSecondsOfDay(serverNow());
  const w: Window = { from: now - maxCycle, to: now + 2 * maxCycle };
  const length = corridor.intersections.at(-1)?.distanceM ?? 1;
  const x = (t: number): number => L + ((t - w.from) / (w.to - w.from)) * (W - L - 10);
  const y = (d: number): number => H - B - (d / length) * (H - B - T);
  const kids: SVGElement[] = [];
  const speedMps = corridor.speedLimitKmh / 3.6;
  const first = corridor.intersections[0];
  const firstIx = first === undefined ? undefined : byId.get(first.id);
  if (firstIx !== undefined) {
    for (const [g0, g1] of greens(firstIx, state.signals.get(firstIx.id)?.planId ?? null, w)) {
      const dt = length / speedMps;
      const pts = [
        [x(g0), y(0)],
        [x(g1), y(0)],
        [x(g1 + dt), y(length)],
        [x(g0 + dt), y(length)],
      ];
      kids.push(svg('polygon', { points: pts.map((p) => p.join(',')).join(' '), class: 'tsd-band' }));
    }
  }
  for (const c of corridor.intersections) {
    const ix = byId.get(c.id);
    if (ix === undefined) continue;
    const yy = y(c.distanceM);
    kids.push(svg('line', { x1: L, x2: W - 10, y1: yy, y2: yy, class: 'tsd-red' }));
    for (const [g0, g1] of greens(ix, state.signals.get(ix.id)?.planId ?? null, w)) {
      const a = Math.max(L, x(g0));
      const b = Math.min(W - 10, x(g1));
      if (b > a) kids.push(svg('rect', { x: a, y: yy - 5, width: b - a, height: 10, class: 'tsd-green' }));
    }
    kids.push(svg('text', { x: 4, y: yy + 4, class: 'tsd-label' }, [c.id]));
  }
  kids.push(svg('line', { x1: x(now), x2: x(now), y1: T - 10, y2: H - B + 4, class: 'tsd-now' }));
  kids.push(svg('text', { x: x(now) + 4, y: T - 6, class: 'tsd-label' }, ['now']));
  for (let k = 0; k <= 3; k++) {
    const t = w.from + k * maxCycle;
    const anchor = k === 0 ? 'start' : k === 3 ? 'end' : 'middle';
    kids.push(
      svg('text', { x: x(t), y: H - 6, class: 'tsd-axis', 'text-anchor': anchor }, [
        `${Math.round(t - now)} s`,
      ]),
    );
  }
  kids.push(
    svg('text', { x: W - 10, y: 13, class: 'tsd-axis', 'text-anchor': 'end' }, [
      `${roadLabel({ ko: corridor.nameKo, en: corridor.name })} Φ${COORD_PHASE} → · band ${corridor.speedLimitKmh} km/h`,
    ]),
  );
  root.replaceChildren(
    svg(
      'svg',
      {
        viewBox: `0 0 ${W} ${H}`,
        class: 'tsd',
        role: 'img',
        'aria-label': `time-space diagram of ${corridor.name}`,
      },
      kids,
    ),
  );
}
