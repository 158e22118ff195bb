/**
 * @module simulator/sumo/convert-tls
 * A SUMO `tlLogic` as a stage-controlled intersection for `controllers/`: one signal group per link
 * index, one stage per green phase (a phase with no yellow), and a fixed-time plan whose stage splits
 * are the green phase plus the yellow and all-red phases after it — so SUMO's static program runs as
 * it is, through our controller. Stopbar detectors on the approaches serve actuated operation.
 */
import { ConfigError } from '../../core/errors/index.ts';
import { detectorSchema, intersectionSchema, type Detector, type Intersection } from '../../core/index.ts';
import { movementIdOf } from './convert-net.ts';
import { entityIdOf } from './ids.ts';
import type { SumoNet, SumoTlLogic } from './net.ts';

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const isGreen = (ch: string | undefined): boolean => ch === 'G' || ch === 'g';
const isStage = (state: string): boolean => !/[yY]/.test(state) && /[Gg]/.test(state);

type GroupInput = {
  group: number;
  movements: string[];
  protection: 'protected' | 'permissive';
  minGreenS: number;
  maxGreenS: number;
  yellowS: number;
  redClearS: number;
  detectorIds: string[];
};

/** Options of {@link sumoTlsToIntersections}. */
export type TlsConversionOptions = {
  readonly region: string;
  readonly mode: 'fixed' | 'actuated';
};

/** The intersection and approach detectors of one traffic light. */
export type ConvertedTls = { readonly intersections: Intersection[]; readonly detectors: Detector[] };

function convertOne(
  tl: SumoTlLogic,
  node: string,
  o: TlsConversionOptions,
  linkLanes: ReadonlyMap<number, readonly { edge: string; lane: number; lengthM: number }[]>,
  detectors: Detector[],
): Intersection {
  const phases = tl.phases;
  const n = Math.max(...phases.map((p) => p.state.length));
  const stageIdx = phases.map((p, i) => (isStage(p.state) ? i : -1)).filter((i) => i >= 0);
  if (stageIdx.length < 2)
    throw new ConfigError(`tlLogic ${tl.id}`, 'needs at least two green phases (stages)');
  const cycle = phases.reduce((s, p) => s + p.durationS, 0);
  const splits: Record<string, number> = {};
  const stages = stageIdx.map((i, k) => {
    const next = stageIdx[(k + 1) % stageIdx.length]!;
    let split = 0;
    for (let j = i; j !== next; j = (j + 1) % phases.length) split += phases[j]!.durationS;
    splits[`s${i}`] = split;
    const groups: number[] = [];
    for (let g = 0; g < n; g++) if (isGreen(phases[i]!.state[g])) groups.push(g + 1);
    return { id: `s${i}`, groups };
  });
  const groups: GroupInput[] = [];
  for (let g = 0; g < n; g++) {
    const own = stageIdx.filter((i) => isGreen(phases[i]!.state[g]));
    if (own.length === 0) continue;
    let yellow = 0;
    let allRed = 0;
    for (const i of own) {
      let y = 0;
      let r = 0;
      for (
        let j = (i + 1) % phases.length;
        !isStage(phases[j]!.state) && j !== i;
        j = (j + 1) % phases.length
      ) {
        const ch = phases[j]!.state[g];
        if (ch === 'y' || ch === 'Y') y += phases[j]!.durationS;
        else if (!/[Gg]/.test(phases[j]!.state)) r += phases[j]!.durationS;
      }
      yellow = Math.max(yellow, y);
      allRed = Math.max(allRed, r);
    }
    const minGreen = Math.min(...own.map((i) => phases[i]!.minDurS ?? phases[i]!.durationS));
    const maxGreen = Math.max(...own.map((i) => phases[i]!.maxDurS ?? phases[i]!.durationS));
    const permissive = own.some((i) => phases[i]!.state[g] === 'g');
    const lanes = linkLanes.get(g) ?? [];
    const detectorIds = o.mode === 'actuated' ? lanes.map((l) => entityIdOf(`d_${l.edge}_${l.lane}`)) : [];
    for (const l of lanes) {
      const id = entityIdOf(`d_${l.edge}_${l.lane}`);
      if (detectors.some((d) => d.id === id)) continue;
      detectors.push(
        detectorSchema.parse({
          id,
          region: o.region,
          linkId: entityIdOf(l.edge),
          lane: l.lane,
          positionM: Math.max(0, l.lengthM - 4),
          role: 'stopbar',
        }),
      );
    }
    groups.push({
      group: g + 1,
      movements: [movementIdOf(g)],
      protection: permissive ? ('permissive' as const) : ('protected' as const),
      minGreenS: clamp(minGreen, 1, 60),
      maxGreenS: clamp(Math.max(maxGreen, minGreen), 1, 255),
      yellowS: clamp(yellow || 3, 3, 6),
      redClearS: clamp(allRed, 0, 6),
      detectorIds: [...new Set(detectorIds)],
    });
  }
  // A stage whose groups are all green in the stage before it (SUMO: a protected left after the
  // permissive one) starts nothing, and a stage sequencer would skip it as already served. A marker
  // group that starts only in that stage keeps the stage, so the program runs phase for phase.
  stages.forEach((stage, k) => {
    const prev = stages[(k - 1 + stages.length) % stages.length]!;
    if (!stage.groups.every((g) => prev.groups.includes(g))) return;
    const i = stageIdx[k]!;
    const green = phases[i]!.durationS;
    const starting = groups.filter((g) => stage.groups.includes(g.group));
    const marker = n + 1 + k;
    if (marker > 255) return;
    stage.groups.push(marker);
    groups.push({
      group: marker,
      movements: [`stage-${stage.id}`],
      protection: 'protected' as const,
      minGreenS: clamp(Math.min(phases[i]!.minDurS ?? green, green), 1, 60),
      maxGreenS: clamp(phases[i]!.maxDurS ?? green, 1, 255),
      yellowS: Math.max(3, ...starting.map((g) => g.yellowS)),
      redClearS: Math.max(0, ...starting.map((g) => g.redClearS)),
      detectorIds: [],
    });
  });
  const parsed = intersectionSchema.safeParse({
    id: entityIdOf(tl.id),
    nodeId: entityIdOf(node),
    region: o.region,
    name: tl.id.slice(0, 100),
    control: { type: 'stages', groups, stages },
    plans: [
      {
        id: `sumo-${entityIdOf(tl.programId)}`.slice(0, 64),
        cycleS: clamp(cycle, 20, 300),
        offsetS: ((tl.offsetS % cycle) + cycle) % cycle,
        splitsS: splits,
        coordinated: [],
      },
    ],
    defaultPlanId: `sumo-${entityIdOf(tl.programId)}`.slice(0, 64),
    mode: o.mode,
  });
  if (!parsed.success)
    throw new ConfigError(
      `tlLogic ${tl.id}`,
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  return parsed.data;
}

/** Convert every traffic light that controls connections of the network. */
export function sumoTlsToIntersections(net: SumoNet, o: TlsConversionOptions): ConvertedTls {
  const edgeTo = new Map(net.edges.map((e) => [e.id, e]));
  const detectors: Detector[] = [];
  const intersections: Intersection[] = [];
  for (const tl of net.tlLogics) {
    const conns = net.connections.filter((c) => c.tl === tl.id && !c.from.startsWith(':'));
    if (conns.length === 0) continue;
    const node = edgeTo.get(conns[0]!.from)?.to ?? '';
    const linkLanes = new Map<number, { edge: string; lane: number; lengthM: number }[]>();
    for (const c of conns) {
      if (c.linkIndex === null) continue;
      const edge = edgeTo.get(c.from);
      const lane = edge?.lanes.find((l) => l.index === c.fromLane);
      if (edge === undefined || lane === undefined || !lane.passenger) continue;
      // Our lane numbers count passenger lanes only.
      const ours = edge.lanes.filter((l) => l.passenger && l.index < c.fromLane).length;
      const list = linkLanes.get(c.linkIndex) ?? [];
      list.push({ edge: c.from, lane: ours, lengthM: lane.lengthM });
      linkLanes.set(c.linkIndex, list);
    }
    intersections.push(convertOne(tl, node, o, linkLanes, detectors));
  }
  return { intersections, detectors };
}
