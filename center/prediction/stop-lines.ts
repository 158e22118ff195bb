/**
 * @module center/prediction/stop-lines
 * The signal stop lines a bus crosses between two stops of its pattern: the route's road links
 * (scenario `roadLinks`) from the link of one stop to the link of the next; every link that ends at
 * a signalised node is a stop line, served by the units (NEMA phases, or stages) whose green
 * carries the movement from that link to the next one. Placed by road distance as a share of the
 * segment, the same measure the prediction places the bus by.
 */
import type { Scenario } from '../../core/index.ts';
import type { CenterNetwork, StopPattern } from '../network/index.ts';

/** One stop line on a segment. */
export type StopLine = {
  readonly intersectionId: string;
  /** Units whose green lets the bus through (phase numbers or stage ids, as strings). */
  readonly units: readonly string[];
  /** Share of the segment (by road distance) still ahead of a bus standing at the stop line. */
  readonly shareLeft: number;
  /** Road length of the whole segment, m. */
  readonly segmentM: number;
};

const NONE: readonly StopLine[] = Object.freeze([]);

/** Units serving each movement of an intersection. */
function unitsByMovement(x: Scenario['intersections'][number]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (movement: string, unit: string): void => {
    const list = out.get(movement) ?? [];
    if (!list.includes(unit)) list.push(unit);
    out.set(movement, list);
  };
  if (x.control.type === 'nema') {
    for (const p of x.control.phases)
      for (const m of [...p.movements, ...p.permissiveMovements]) add(m, String(p.phase));
  } else {
    for (const g of x.control.groups)
      for (const m of g.movements)
        for (const st of x.control.stages) if (st.groups.includes(g.group)) add(m, st.id);
  }
  return out;
}

/** Stop lines of every pattern segment, computed once per pattern. */
export class StopLines {
  readonly #scenario: Scenario;
  readonly #byPattern = new Map<StopPattern, readonly (readonly StopLine[])[]>();
  readonly #links: Map<string, { readonly to: string; readonly lengthM: number }>;
  readonly #intersectionAt: Map<string, { id: string; units: Map<string, string[]> }>;
  readonly #movement: Map<string, string>;

  constructor(network: CenterNetwork) {
    const scenario = network.scenario;
    this.#scenario = scenario;
    this.#links = new Map([...network.links.values()].map((l) => [l.id, { to: l.to, lengthM: l.lengthM }]));
    this.#intersectionAt = new Map(
      scenario.intersections.map((x) => [x.nodeId, { id: x.id, units: unitsByMovement(x) }]),
    );
    this.#movement = new Map(scenario.network.movements.map((m) => [`${m.fromLink}>${m.toLink}`, m.id]));
  }

  /** Stop lines between stop `k - 1` and stop `k` of a pattern, in driving order. */
  on(pattern: StopPattern, k: number): readonly StopLine[] {
    let segments = this.#byPattern.get(pattern);
    if (segments === undefined) {
      segments = this.#build(pattern);
      this.#byPattern.set(pattern, segments);
    }
    return segments[k] ?? NONE;
  }

  #build(pattern: StopPattern): (readonly StopLine[])[] {
    const transit = this.#scenario.transit;
    const route = transit?.routes.find((r) => r.id === pattern.routeId);
    const linkIds = route?.roadLinks[String(pattern.directionId)] ?? [];
    const startM: number[] = [];
    let at = 0;
    for (const id of linkIds) {
      startM.push(at);
      at += this.#links.get(id)?.lengthM ?? 0;
    }
    // Each stop's link index and road position along the path (a link can recur: search onward).
    const stops = new Map(transit?.stops.map((s) => [s.id, s]) ?? []);
    const placed: ({ i: number; m: number } | null)[] = [];
    let from = 0;
    for (const stopId of pattern.stopIds) {
      const stop = stops.get(stopId);
      const i = stop?.linkId === undefined ? -1 : linkIds.indexOf(stop.linkId, from);
      if (stop === undefined || i < 0) {
        placed.push(null);
        continue;
      }
      const len = this.#links.get(linkIds[i] ?? '')?.lengthM ?? 0;
      // As the simulator places a stop on its link (simulator/devices/bus-trips).
      const pos = Math.min(Math.max(stop.positionM ?? len / 2, 12), Math.max(12, len - 1));
      placed.push({ i, m: (startM[i] ?? 0) + pos });
      from = i;
    }
    return pattern.stopIds.map((_, k) => {
      const a = placed[k - 1];
      const b = placed[k];
      if (a === undefined || a === null || b === undefined || b === null || b.m <= a.m) return NONE;
      const lines: StopLine[] = [];
      for (let i = a.i; i < b.i; i++) {
        const link = this.#links.get(linkIds[i] ?? '');
        const x = link === undefined ? undefined : this.#intersectionAt.get(link.to);
        const movement = this.#movement.get(`${linkIds[i]}>${linkIds[i + 1]}`);
        const units = movement === undefined ? undefined : x?.units.get(movement);
        if (link === undefined || x === undefined || units === undefined) continue;
        const lineM = (startM[i] ?? 0) + link.lengthM;
        lines.push({
          intersectionId: x.id,
          units,
          shareLeft: (b.m - lineM) / (b.m - a.m),
          segmentM: b.m - a.m,
        });
      }
      return lines;
    });
  }
}
