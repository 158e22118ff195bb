/**
 * @module displays/web/control/intersection-panel
 * One intersection in detail: mode, strategy, plan and cycle; the NEMA ring-barrier diagram (ring 1
 * phases 1-4, ring 2 phases 5-8, the barrier between {1,2,5,6} and {3,4,7,8}) with box widths from
 * the plan's splits, the running phases filled and marked "▶" with their green time so far; and the
 * splits of the last reported cycles beside the plan's.
 */
import { clockText } from '../shared/bilingual.ts';
import { serverNow } from '../shared/live-channels.ts';
import { html, options, svg } from '../shared/svg.ts';
import { modeLabel } from './mode-label.ts';
import { phaseLabel } from './phase-label.ts';
import type { CatalogueIntersection, SignalState } from '../shared/types.ts';
import type { ControlState } from './control-state.ts';

const RINGS: readonly (readonly number[])[] = [
  [1, 2, 3, 4],
  [5, 6, 7, 8],
];
const BARRIER_GROUP = (p: number): 0 | 1 => (p === 1 || p === 2 || p === 5 || p === 6 ? 0 : 1);

/** Row labels of the intersection facts, Korean first as on every other panel. */
const FACT_LABELS = {
  status: '상태 · status',
  mode: '모드 · mode',
  strategy: '전략 · strategy',
  plan: '계획 · plan',
} as const;
/** `GN01.EB.T` → `EB T`. */
function movementLabel(movements: readonly string[]): string {
  const parts = movements.map((m) => m.split('.').slice(-2).join(' '));
  return parts.slice(0, 2).join(', ');
}

/** The ring-barrier diagram of an intersection. */
export function ringBarrier(
  ix: CatalogueIntersection,
  splitsS: Readonly<Record<string, number>>,
  signal: SignalState | undefined,
  greenForS: number | null,
): SVGElement {
  const W = 520;
  const ROW = 46;
  const present = new Set(ix.phases.map((p) => p.phase));
  const group = (ring: readonly number[], g: 0 | 1): number =>
    ring
      .filter((p) => present.has(p) && BARRIER_GROUP(p) === g)
      .reduce((s, p) => s + (splitsS[String(p)] ?? 0), 0);
  const g0 = Math.max(...RINGS.map((r) => group(r, 0)));
  const g1 = Math.max(...RINGS.map((r) => group(r, 1)));
  const cycle = Math.max(1, g0 + g1);
  const x = (s: number): number => 30 + (s / cycle) * (W - 40);
  const children: SVGElement[] = [];
  RINGS.forEach((ring, r) => {
    const y = 8 + r * (ROW + 8);
    children.push(svg('text', { x: 2, y: y + ROW / 2 + 5, class: 'rb-ring' }, [`R${r + 1}`]));
    for (const g of [0, 1] as const) {
      let t = g === 0 ? 0 : g0;
      for (const p of ring.filter((q) => present.has(q) && BARRIER_GROUP(q) === g)) {
        const split = splitsS[String(p)] ?? 0;
        const running = signal?.online === true && signal.greenGroups.includes(p);
        const phase = ix.phases.find((q) => q.phase === p);
        const w = Math.max(2, x(t + split) - x(t) - 2);
        children.push(
          svg('g', { class: running ? 'rb-phase rb-running' : 'rb-phase', 'data-phase': p }, [
            svg('rect', { x: x(t) + 1, y, width: w, height: ROW, rx: 4 }),
            svg('text', { x: x(t) + 6, y: y + 18, class: 'rb-num' }, [phaseLabel(p, split, running, w)]),
            svg('text', { x: x(t) + 6, y: y + 36, class: 'rb-mov' }, [
              running && greenForS !== null ? `green ${greenForS}s` : movementLabel(phase?.movements ?? []),
            ]),
          ]),
        );
        t += split;
      }
    }
  });
  children.push(svg('line', { x1: x(g0), x2: x(g0), y1: 2, y2: 2 * ROW + 22, class: 'rb-barrier' }));
  children.push(svg('line', { x1: x(cycle), x2: x(cycle), y1: 2, y2: 2 * ROW + 22, class: 'rb-barrier' }));
  return svg(
    'svg',
    {
      viewBox: `0 0 ${W} ${2 * ROW + 24}`,
      class: 'ring-barrier',
      role: 'img',
      'aria-label': `ring-barrier diagram of ${ix.id}`,
    },
    children,
  );
}

/** The intersection panel. */
export class IntersectionPanel {
  readonly #root: HTMLElement;
  readonly #select: HTMLSelectElement;
  readonly #body = html('div', 'ix-body');
  readonly #intersections: readonly CatalogueIntersection[];
  selected: string;

  constructor(root: HTMLElement, intersections: readonly CatalogueIntersection[], first: string | null) {
    this.#root = root;
    this.#intersections = intersections;
    this.selected = first ?? intersections[0]?.id ?? '';
    this.#select = html('select', 'ix-select');
    this.#select.setAttribute('aria-label', 'intersection');
    options(
      this.#select,
      intersections.map((i) => [i.id, `${i.id} · ${i.name}`]),
    );
    this.#select.value = this.selected;
    this.#select.addEventListener('change', () => {
      this.selected = this.#select.value;
    });
    root.append(html('h2', '', ['교차로 · Intersection ']), this.#select, this.#body);
  }

  /** Show another intersection. */
  select(id: string): void {
    this.selected = id;
    this.#select.value = id;
  }

  render(state: ControlState): void {
    const ix = this.#intersections.find((i) => i.id === this.selected);
    if (ix === undefined) return;
    const s = state.signals.get(ix.id);
    const plan = ix.plans.find((p) => p.id === s?.planId) ?? ix.plans[0];
    const since = state.greenSince.get(ix.id);
    const greenForS = since === undefined ? null : Math.max(0, Math.round((serverNow() - since) / 1000));
    const status =
      s === undefined
        ? '정보 없음 · no data'
        : !s.online
          ? '통신 두절 · OFFLINE'
          : s.fault !== null
            ? `고장 · FAULT · ${s.fault}`
            : '정상 · online';
    const facts = html('dl', 'ix-facts');
    for (const [k, v] of [
      ['status', status],
      ['mode', s === undefined ? '-' : modeLabel(s.mode)],
      ['strategy', s?.strategy ?? '-'],
      [
        'plan',
        `${s?.planId ?? plan?.id ?? '-'} · cycle ${s?.cycleS ?? plan?.cycleS ?? '-'} s · offset ${plan?.offsetS ?? '-'} s`,
      ],
    ] as const) {
      facts.append(
        html('dt', '', [FACT_LABELS[k]]),
        html('dd', k === 'status' ? `st-${s?.online === false ? 'off' : s?.fault ? 'fault' : 'ok'}` : '', [
          v,
        ]),
      );
    }
    const phases = ix.phases.map((p) => p.phase);
    const table = html('table', 'splits');
    table.append(
      html('tr', '', [html('th', '', ['split s']), ...phases.map((p) => html('th', '', [`Φ${p}`]))]),
    );
    table.append(
      html('tr', 'plan-row', [
        html('td', '', [`plan ${plan?.id ?? ''}`]),
        ...phases.map((p) => html('td', '', [String(plan?.splitsS[String(p)] ?? '-')])),
      ]),
    );
    for (const h of state.splitHistory.get(ix.id) ?? []) {
      table.append(
        html('tr', '', [
          html('td', '', [clockText(h.at)]),
          ...phases.map((p) =>
            html('td', '', [
              h.splitsS[String(p)] === undefined ? '-' : String(Math.round(h.splitsS[String(p)] ?? 0)),
            ]),
          ),
        ]),
      );
    }
    this.#body.replaceChildren(
      facts,
      ringBarrier(ix, plan?.splitsS ?? s?.lastSplitsS ?? {}, s, greenForS),
      table,
    );
    this.#root.dataset['intersection'] = ix.id;
  }
}
