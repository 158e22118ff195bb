/**
 * @module displays/web/control/route-view
 * A bus route drawn straight: its stops in order along a line, and its buses placed between their
 * last and next stop by distance, each labelled with its delay. Both directions, one above the other.
 */
import { html, options, svg } from '../shared/svg.ts';
import type { CatalogueRoute, Stop, Vehicle } from '../shared/types.ts';
import type { ControlState } from './control-state.ts';

function planarM(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const kx = 111_320 * Math.cos((a.lat * Math.PI) / 180);
  return Math.hypot((a.lon - b.lon) * kx, (a.lat - b.lat) * 110_540);
}

/** Position of a bus in stop intervals along `stopIds` (1.5 = halfway from the 2nd to the 3rd stop). */
export function busPosition(
  v: Vehicle,
  stopIds: readonly string[],
  stops: ReadonlyMap<string, Stop>,
): number | null {
  const k = v.nextStopId === null ? -1 : stopIds.indexOf(v.nextStopId);
  if (k < 0) return null;
  if (k === 0) return 0;
  const a = stops.get(stopIds[k - 1] ?? '');
  const b = stops.get(stopIds[k] ?? '');
  if (a === undefined || b === undefined) return k - 0.5;
  const whole = planarM(a, b);
  const done = whole <= 1 ? 1 : Math.min(1, planarM(a, v) / whole);
  return k - 1 + done;
}

/** The route view panel. */
export class RouteView {
  readonly #select = html('select', 'route-select');
  readonly #canvas = html('div', 'route-canvas');
  readonly #routes: readonly CatalogueRoute[];
  readonly #stops: ReadonlyMap<string, Stop>;

  constructor(root: HTMLElement, routes: readonly CatalogueRoute[], stops: ReadonlyMap<string, Stop>) {
    this.#routes = routes;
    this.#stops = stops;
    this.#select.setAttribute('aria-label', 'bus route');
    options(
      this.#select,
      routes.map((r) => [r.id, `${r.shortName} · ${r.longName}`]),
    );
    root.append(html('h2', '', ['노선 · Route ', this.#select]), this.#canvas);
  }

  render(state: ControlState): void {
    const route = this.#routes.find((r) => r.id === this.#select.value);
    if (route === undefined) return;
    // Drawn about 1:1 in the control room's bottom panel at 1920 px, so 13 px text stays 13 px.
    const W = 700;
    const ROW = 140;
    // Room on the right for the last stop's slanted name.
    const RIGHT = 60;
    const kids: SVGElement[] = [];
    const buses = [...state.vehicles.values()].filter((v) => v.routeId === route.id);
    route.directions.forEach((dir, d) => {
      const y = 30 + d * ROW;
      const n = Math.max(2, dir.stopIds.length);
      const x = (i: number): number => 20 + (i / (n - 1)) * (W - 20 - RIGHT);
      kids.push(
        svg('line', { x1: x(0), x2: x(n - 1), y1: y, y2: y, stroke: route.color, 'stroke-width': 6 }),
      );
      kids.push(svg('text', { x: 20, y: y - 20, class: 'rv-dir' }, [`→ ${dir.headsign}`]));
      dir.stopIds.forEach((id, i) => {
        kids.push(svg('circle', { cx: x(i), cy: y, r: 5, class: 'rv-stop' }));
        const name = this.#stops.get(id)?.name ?? id;
        kids.push(
          svg(
            'text',
            { x: x(i) + 4, y: y + 22, class: 'rv-stop-name', transform: `rotate(55 ${x(i) + 4} ${y + 22})` },
            [name],
          ),
        );
      });
      for (const v of buses) {
        const p = busPosition(v, dir.stopIds, this.#stops);
        if (p === null) continue;
        const m = v.scheduleDeviationS === null ? null : Math.round(v.scheduleDeviationS / 60);
        // Without a known delay the tag shows the route number (no emoji: the wall PCs have no emoji font).
        const label = m === null ? '' : m === 0 ? '정시' : m > 0 ? `+${m}′` : `−${-m}′`;
        kids.push(
          svg('g', { class: 'rv-bus', 'data-vehicle': v.vehicleId }, [
            svg('rect', {
              x: x(p) - 22,
              y: y - 13,
              width: 44,
              height: 26,
              rx: 6,
              fill: route.color,
              stroke: '#fff',
              'stroke-width': 2,
            }),
            svg(
              'text',
              { x: x(p), y: y + 5, 'text-anchor': 'middle', fill: route.textColor, class: 'rv-bus-text' },
              [label || route.shortName],
            ),
          ]),
        );
      }
    });
    this.#canvas.replaceChildren(
      svg('svg', { viewBox: `0 0 ${W} ${30 + route.directions.length * ROW}`, class: 'route-svg' }, kids),
    );
  }
}
