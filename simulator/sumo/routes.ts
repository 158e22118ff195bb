/**
 * @module simulator/sumo/routes
 * Read a SUMO `.rou.xml` (sumo.dlr.de/docs/Definition_of_Vehicles,_Vehicle_Types,_and_Routes.html):
 * `vType`, named `route`s, `vehicle` (with a route attribute or an embedded route), `trip` (from/to)
 * and `flow` (vehsPerHour, period, probability or number over begin..end).
 */
import { FileFormatError } from '../../core/errors/index.ts';
import { attr, children, failAt, optAttr, optNum, parseXml, type XmlDoc, type XmlElement } from './xml.ts';

export type SumoVType = {
  readonly id: string;
  readonly vClass: string;
  readonly lengthM?: number;
  readonly minGapM?: number;
  readonly accel?: number;
  readonly decel?: number;
  readonly maxSpeed?: number;
  readonly tau?: number;
  readonly speedDev?: number;
};

/** One vehicle, trip or flow. `edges` is a fixed route; otherwise `from`/`to` are routed. */
export type SumoDemandItem = {
  readonly kind: 'vehicle' | 'trip' | 'flow';
  readonly id: string;
  readonly type: string;
  readonly edges: string[] | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly departS: number;
  /** SUMO departSpeed: a number, or `max`/`desired`/`speedLimit` (all taken as the fastest safe). */
  readonly departSpeed: number | 'max';
  /** Flow only. */
  readonly endS?: number;
  readonly vehsPerHour?: number;
  readonly periodS?: number;
  readonly probability?: number;
  readonly number?: number;
  readonly line: number | null;
};

export type SumoRoutes = {
  readonly file: string;
  readonly vTypes: SumoVType[];
  readonly items: SumoDemandItem[];
};

function departTime(doc: XmlDoc, el: XmlElement, tag: string, name = 'depart'): number {
  const v = optAttr(el, name);
  if (v === undefined) failAt(doc, el, `<${tag}> lacks attribute "${name}"`);
  const n = Number(v);
  if (!Number.isFinite(n))
    failAt(doc, el, `<${tag}> attribute "${name}" must be seconds, got ${JSON.stringify(v)}`);
  return n;
}

function departSpeed(doc: XmlDoc, el: XmlElement, tag: string): number | 'max' {
  const v = optAttr(el, 'departSpeed');
  if (v === undefined) return 0;
  if (v === 'max' || v === 'desired' || v === 'speedLimit' || v === 'random') return 'max';
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0)
    failAt(doc, el, `<${tag}> departSpeed must be >= 0 or max, got ${JSON.stringify(v)}`);
  return n;
}

/** Parse a `.rou.xml` text. */
export function readSumoRoutes(text: string, file: string): SumoRoutes {
  const doc = parseXml(text, file, 'routes', ['vType', 'route', 'vehicle', 'trip', 'flow']);
  const vTypes: SumoVType[] = children(doc.root, 'vType').map((t) => {
    const o = (k: string) => optNum(doc, t, 'vType', k);
    const entries = {
      lengthM: o('length'),
      minGapM: o('minGap'),
      accel: o('accel'),
      decel: o('decel'),
      maxSpeed: o('maxSpeed'),
      tau: o('tau'),
      speedDev: o('speedDev'),
    };
    return {
      id: attr(doc, t, 'vType', 'id'),
      vClass: optAttr(t, 'vClass') ?? 'passenger',
      ...Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)),
    };
  });
  const namedRoutes = new Map<string, string[]>();
  for (const r of children(doc.root, 'route')) namedRoutes.set(attr(doc, r, 'route', 'id'), edgesOf(doc, r));
  const routeOf = (el: XmlElement, tag: string): string[] | null => {
    const ref = optAttr(el, 'route');
    if (ref !== undefined) {
      const r = namedRoutes.get(ref);
      if (r === undefined) failAt(doc, el, `<${tag}> refers to unknown route ${JSON.stringify(ref)}`);
      return r;
    }
    const inner = children(el, 'route')[0];
    return inner === undefined ? null : edgesOf(doc, inner);
  };
  const items: SumoDemandItem[] = [];
  for (const v of children(doc.root, 'vehicle')) {
    const edges = routeOf(v, 'vehicle');
    if (edges === null) failAt(doc, v, '<vehicle> needs a route attribute or an embedded <route>');
    items.push({
      kind: 'vehicle',
      id: attr(doc, v, 'vehicle', 'id'),
      type: optAttr(v, 'type') ?? 'DEFAULT_VEHTYPE',
      edges,
      from: null,
      to: null,
      departS: departTime(doc, v, 'vehicle'),
      departSpeed: departSpeed(doc, v, 'vehicle'),
      line: doc.lineOf(v),
    });
  }
  for (const t of children(doc.root, 'trip')) {
    items.push({
      kind: 'trip',
      id: attr(doc, t, 'trip', 'id'),
      type: optAttr(t, 'type') ?? 'DEFAULT_VEHTYPE',
      edges: null,
      from: attr(doc, t, 'trip', 'from'),
      to: attr(doc, t, 'trip', 'to'),
      departS: departTime(doc, t, 'trip'),
      departSpeed: departSpeed(doc, t, 'trip'),
      line: doc.lineOf(t),
    });
  }
  for (const f of children(doc.root, 'flow')) {
    const edges = routeOf(f, 'flow');
    const from = optAttr(f, 'from') ?? null;
    const to = optAttr(f, 'to') ?? null;
    if (edges === null && (from === null || to === null))
      failAt(doc, f, '<flow> needs a route, an embedded <route>, or from and to');
    const rate = {
      vehsPerHour: optNum(doc, f, 'flow', 'vehsPerHour'),
      periodS: optNum(doc, f, 'flow', 'period'),
      probability: optNum(doc, f, 'flow', 'probability'),
      number: optNum(doc, f, 'flow', 'number'),
    };
    if (Object.values(rate).every((v) => v === undefined))
      failAt(doc, f, '<flow> needs one of vehsPerHour, period, probability or number');
    items.push({
      kind: 'flow',
      id: attr(doc, f, 'flow', 'id'),
      type: optAttr(f, 'type') ?? 'DEFAULT_VEHTYPE',
      edges,
      from,
      to,
      departS: departTime(doc, f, 'flow', 'begin'),
      endS: optNum(doc, f, 'flow', 'end') ?? 86_400,
      departSpeed: departSpeed(doc, f, 'flow'),
      ...Object.fromEntries(Object.entries(rate).filter(([, v]) => v !== undefined)),
      line: doc.lineOf(f),
    });
  }
  // A routes file with no demand ran to its end and reported zeros, exit 0.
  if (items.length === 0)
    throw new FileFormatError(file, null, 'no <vehicle>, <trip> or <flow>: nothing to simulate');
  return { file, vTypes, items };
}

function edgesOf(doc: XmlDoc, r: XmlElement): string[] {
  const edges = attr(doc, r, 'route', 'edges').trim().split(/\s+/);
  if (edges.length === 0 || edges[0] === '') failAt(doc, r, '<route> has no edges');
  return edges;
}
