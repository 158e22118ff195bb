/**
 * @module simulator/sumo/net
 * Read a SUMO `.net.xml` (SUMO network format, sumo.dlr.de/docs/Networks/SUMO_Road_Networks.html):
 * normal edges with their lanes (length, speed, shape, allowed classes), internal lanes for junction
 * path lengths, junctions with their right-of-way requests, connections (`via`, `tl`, `linkIndex`,
 * `dir`, `state`) and `tlLogic` programs.
 */
import { attr, children, failAt, num, optAttr, optNum, parseXml, type XmlDoc } from './xml.ts';

export type SumoLane = {
  readonly id: string;
  readonly index: number;
  readonly lengthM: number;
  readonly speedMps: number;
  readonly shape: [number, number][];
  /** Whether passenger cars may use the lane. */
  readonly passenger: boolean;
};

export type SumoEdge = {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly internal: boolean;
  readonly lanes: SumoLane[];
};

export type SumoJunction = {
  readonly id: string;
  readonly type: string;
  readonly x: number;
  readonly y: number;
  readonly incLanes: string[];
  /** Per request index: the indexes it must yield to (`response` bits). */
  readonly response: number[][];
};

export type SumoConnection = {
  readonly from: string;
  readonly to: string;
  readonly fromLane: number;
  readonly toLane: number;
  readonly via: string | null;
  readonly tl: string | null;
  readonly linkIndex: number | null;
  readonly dir: string;
  readonly state: string;
  readonly line: number | null;
};

export type SumoPhase = {
  readonly durationS: number;
  readonly state: string;
  readonly minDurS?: number;
  readonly maxDurS?: number;
};

export type SumoTlLogic = {
  readonly id: string;
  readonly type: string;
  readonly programId: string;
  readonly offsetS: number;
  readonly phases: SumoPhase[];
};

export type SumoNet = {
  readonly file: string;
  readonly edges: SumoEdge[];
  readonly junctions: SumoJunction[];
  readonly connections: SumoConnection[];
  readonly tlLogics: SumoTlLogic[];
  /** `+proj` string and net offset of the location element, when present. */
  readonly projection: { readonly proj: string; readonly netOffset: [number, number] } | null;
};

const PASSENGER_CLASSES = new Set(['passenger', 'private', 'all']);

function passengerAllowed(allow: string | undefined, disallow: string | undefined): boolean {
  if (allow !== undefined) return allow.split(/\s+/).some((c) => PASSENGER_CLASSES.has(c));
  if (disallow !== undefined) return !disallow.split(/\s+/).some((c) => c === 'passenger' || c === 'all');
  return true;
}

function parseShape(doc: XmlDoc, el: Parameters<typeof attr>[1], tag: string): [number, number][] {
  const s = optAttr(el, 'shape');
  if (s === undefined) return [];
  return s
    .trim()
    .split(/\s+/)
    .map((p) => {
      const [x, y] = p.split(',').map(Number);
      if (!Number.isFinite(x) || !Number.isFinite(y))
        failAt(doc, el, `<${tag}> has a malformed shape point ${JSON.stringify(p)}`);
      return [x!, y!] as [number, number];
    });
}

/** Parse a `.net.xml` text. */
export function readSumoNet(text: string, file: string): SumoNet {
  const doc = parseXml(text, file, 'net', [
    'edge',
    'lane',
    'junction',
    'request',
    'connection',
    'tlLogic',
    'phase',
    'location',
  ]);
  const edges: SumoEdge[] = children(doc.root, 'edge').map((e) => {
    const id = attr(doc, e, 'edge', 'id');
    const internal = optAttr(e, 'function') === 'internal' || id.startsWith(':');
    const lanes = children(e, 'lane').map((l) => ({
      id: attr(doc, l, 'lane', 'id'),
      index: num(doc, l, 'lane', 'index'),
      lengthM: num(doc, l, 'lane', 'length'),
      speedMps: num(doc, l, 'lane', 'speed'),
      shape: parseShape(doc, l, 'lane'),
      passenger: passengerAllowed(optAttr(l, 'allow'), optAttr(l, 'disallow')),
    }));
    if (lanes.length === 0) failAt(doc, e, `<edge id="${id}"> has no <lane>`);
    return {
      id,
      from: internal ? '' : attr(doc, e, 'edge', 'from'),
      to: internal ? '' : attr(doc, e, 'edge', 'to'),
      internal,
      lanes,
    };
  });
  const junctions: SumoJunction[] = children(doc.root, 'junction').map((j) => {
    const requests = children(j, 'request');
    const response: number[][] = [];
    for (const r of requests) {
      const index = num(doc, r, 'request', 'index');
      const bits = attr(doc, r, 'request', 'response');
      if (!/^[01]*$/.test(bits))
        failAt(doc, r, `<request> response must be 0/1 digits, got ${JSON.stringify(bits)}`);
      // SUMO writes the bit of link 0 last.
      const yields: number[] = [];
      for (let k = 0; k < bits.length; k++) if (bits[bits.length - 1 - k] === '1') yields.push(k);
      response[index] = yields;
    }
    const inc = optAttr(j, 'incLanes');
    return {
      id: attr(doc, j, 'junction', 'id'),
      type: optAttr(j, 'type') ?? 'priority',
      x: num(doc, j, 'junction', 'x'),
      y: num(doc, j, 'junction', 'y'),
      incLanes: inc === undefined || inc.trim() === '' ? [] : inc.trim().split(/\s+/),
      response,
    };
  });
  const connections: SumoConnection[] = children(doc.root, 'connection').map((c) => ({
    from: attr(doc, c, 'connection', 'from'),
    to: attr(doc, c, 'connection', 'to'),
    fromLane: num(doc, c, 'connection', 'fromLane'),
    toLane: num(doc, c, 'connection', 'toLane'),
    via: optAttr(c, 'via') ?? null,
    tl: optAttr(c, 'tl') ?? null,
    linkIndex: optNum(doc, c, 'connection', 'linkIndex') ?? null,
    dir: optAttr(c, 'dir') ?? 's',
    state: optAttr(c, 'state') ?? 'M',
    line: doc.lineOf(c),
  }));
  const tlLogics: SumoTlLogic[] = children(doc.root, 'tlLogic').map((t) => {
    const phases = children(t, 'phase').map((p) => {
      const state = attr(doc, p, 'phase', 'state');
      if (!/^[GgyYrRuoOs]*$/.test(state))
        failAt(doc, p, `<phase> state has unknown signal letters: ${JSON.stringify(state)}`);
      const minDurS = optNum(doc, p, 'phase', 'minDur');
      const maxDurS = optNum(doc, p, 'phase', 'maxDur');
      return {
        durationS: num(doc, p, 'phase', 'duration'),
        state,
        ...(minDurS === undefined ? {} : { minDurS }),
        ...(maxDurS === undefined ? {} : { maxDurS }),
      };
    });
    if (phases.length === 0) failAt(doc, t, `<tlLogic id="${optAttr(t, 'id') ?? ''}"> has no <phase>`);
    return {
      id: attr(doc, t, 'tlLogic', 'id'),
      type: optAttr(t, 'type') ?? 'static',
      programId: optAttr(t, 'programID') ?? '0',
      offsetS: optNum(doc, t, 'tlLogic', 'offset') ?? 0,
      phases,
    };
  });
  const loc = children(doc.root, 'location')[0];
  let projection: SumoNet['projection'] = null;
  if (loc !== undefined) {
    const proj = optAttr(loc, 'projParameter');
    const off = optAttr(loc, 'netOffset')?.split(',').map(Number);
    if (proj !== undefined && proj !== '!' && off !== undefined && off.length === 2)
      projection = { proj, netOffset: [off[0]!, off[1]!] };
  }
  return { file, edges, junctions, connections, tlLogics, projection };
}
