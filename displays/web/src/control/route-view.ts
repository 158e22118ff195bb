/**
 * @module displays/web/control/route-view
 * A bus route drawn straight: its stops in order along a line, and its buses placed between their
 * last and next stop by distance, each labelled with its delay. Both directions, one above the other.
 * Drawn at the pixel size of its box, so its 12-13 px text is that size on a 1366 px screen too; a
 * stop name longer than the room below its stop is cut with "…" (the full name is its tooltip).
 */
import { html, options, svg } from '../shared/svg.ts';
import type { CatalogueRoute, Stop, Vehicle } from '../shared/types.ts';
import type { ControlState } from './control-state.ts';

/** Distance between slanted stop names (13 px text) below which some names are left out. */
const NAME_PITCH_PX = 15;

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
  /** Stop names as cut to fit, by room and name. */
  readonly #fitted = new Map<string, string>();

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
    // 1:1 with the box (700x310 before it is laid out), one row per direction.
    const W = this.#canvas.clientWidth > 0 ? this.#canvas.clientWidth : 700;
    const H = this.#canvas.clientHeight > 0 ? this.#canvas.clientHeight : 310;
    const ROW = H / Math.max(1, route.directions.length);
    // Stop names slant down at 70°; each may run down to the next row's headsign.
    const SLANT = 70;
    const sin = Math.sin((SLANT * Math.PI) / 180);
    const nameRoomPx = Math.max(20, (ROW - 30 - 22 - 4) / sin);
    // Room on the right for the last stop's slanted name.
    const RIGHT = 20 + nameRoomPx * Math.cos((SLANT * Math.PI) / 180);
    const kids: SVGElement[] = [];
    const names: SVGTextElement[] = [];
    const buses = [...state.vehicles.values()].filter((v) => v.routeId === route.id);
    route.directions.forEach((dir, d) => {
      const y = 30 + d * ROW;
      const n = Math.max(2, dir.stopIds.length);
      const x = (i: number): number => 20 + (i / (n - 1)) * (W - 20 - RIGHT);
      kids.push(
        svg('line', { x1: x(0), x2: x(n - 1), y1: y, y2: y, stroke: route.color, 'stroke-width': 6 }),
      );
      kids.push(svg('text', { x: 20, y: y - 20, class: 'rv-dir' }, [`→ ${dir.headsign}`]));
      // Slanted 13 px names need ~15 px between them; on a narrow screen every second (third...)
      // stop is named, the others by their tooltip.
      const every = Math.max(1, Math.ceil(NAME_PITCH_PX / ((x(1) - x(0)) * sin)));
      dir.stopIds.forEach((id, i) => {
        const name = this.#stops.get(id)?.name ?? id;
        kids.push(svg('circle', { cx: x(i), cy: y, r: 5, class: 'rv-stop' }, [svg('title', {}, [name])]));
        if (i % every !== 0) return;
        const text = svg(
          'text',
          {
            x: x(i) + 3,
            y: y + 12,
            class: 'rv-stop-name',
            transform: `rotate(${SLANT} ${x(i) + 3} ${y + 12})`,
            'data-name': name,
          },
          [svg('title', {}, [name]), name],
        ) as SVGTextElement;
        names.push(text);
        kids.push(text);
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
              x: x(p) - 20,
              y: y - 11,
              width: 40,
              height: 22,
              rx: 6,
              fill: route.color,
              stroke: '#fff',
              'stroke-width': 2,
            }),
            svg(
              'text',
              { x: x(p), y: y + 4, 'text-anchor': 'middle', fill: route.textColor, class: 'rv-bus-text' },
              [label || route.shortName],
            ),
          ]),
        );
      }
    });
    this.#canvas.replaceChildren(svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'route-svg' }, kids));
    for (const t of names) this.#fitName(t, nameRoomPx);
  }

  /** Cut a stop name with "…" until it fits `roomPx` (measured once per name and room). */
  #fitName(text: SVGTextElement, roomPx: number): void {
    const name = text.dataset['name'] ?? '';
    const key = `${Math.round(roomPx)}:${name}`;
    let shown = this.#fitted.get(key);
    const label = text.lastChild;
    if (label === null) return;
    if (shown === undefined) {
      shown = name;
      for (let keep = name.length - 1; keep > 0 && text.getComputedTextLength() > roomPx; keep--) {
        shown = `${name.slice(0, keep)}…`;
        label.textContent = shown;
      }
      this.#fitted.set(key, shown);
    }
    label.textContent = shown;
  }
}
