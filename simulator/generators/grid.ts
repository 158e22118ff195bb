/**
 * @module simulator/generators/grid
 * A signalized grid scenario for tests and benchmarks: rows x cols NEMA-controlled crossings of
 * two-way streets, entry flows on every boundary link, and turning ratios at every approach.
 */
import { scenarioSchema, type Scenario, type ScenarioInput } from '../../core/index.ts';

/** Options of {@link gridScenario}. */
export type GridOptions = {
  readonly rows: number;
  readonly cols: number;
  /** Distance between neighbouring intersections, metres. Default 200. */
  readonly spacingM?: number;
  /** Lanes each way. Default 2. */
  readonly lanes?: number;
  readonly speedLimitKmh?: number;
  /** Total demand entering the grid, vehicles per hour. */
  readonly vehPerHour: number;
  readonly durationS: number;
  /** Share of through traffic at each approach; the rest splits between left and right. Default 0.8. */
  readonly throughShare?: number;
  /** Cycle length of the fixed-time plan, seconds. Default 60. */
  readonly cycleS?: number;
};

const LON0 = 127.0;
const LAT0 = 37.5;

/** Build and parse the grid scenario. */
export function gridScenario(o: GridOptions): Scenario {
  const spacing = o.spacingM ?? 200;
  const lanes = o.lanes ?? 2;
  const speed = o.speedLimitKmh ?? 50;
  const through = o.throughShare ?? 0.8;
  const cycle = o.cycleS ?? 60;
  const dLat = spacing / 110_574;
  const dLon = spacing / (111_320 * Math.cos((LAT0 * Math.PI) / 180));
  const nodes: NonNullable<ScenarioInput['network']>['nodes'] = [];
  const id = (r: number, c: number): string =>
    `${r < 0 || r >= o.rows || c < 0 || c >= o.cols ? 'b' : 'n'}${r + 1}_${c + 1}`;
  for (let r = -1; r <= o.rows; r++)
    for (let c = -1; c <= o.cols; c++) {
      const inside = r >= 0 && r < o.rows && c >= 0 && c < o.cols;
      const edgeRow = (r === -1 || r === o.rows) && c >= 0 && c < o.cols;
      const edgeCol = (c === -1 || c === o.cols) && r >= 0 && r < o.rows;
      if (!inside && !edgeRow && !edgeCol) continue;
      nodes.push({
        id: id(r, c),
        lon: LON0 + c * dLon,
        lat: LAT0 - r * dLat,
        type: inside ? 'signalized' : 'boundary',
      });
    }
  const links: ScenarioInput['network']['links'] = [];
  const linkId = (a: string, b: string): string => `${a}-${b}`;
  const addLink = (a: string, b: string) =>
    links.push({ id: linkId(a, b), from: a, to: b, lanes, speedLimitKmh: speed, lengthM: spacing });
  const DIRS = [
    [-1, 0],
    [0, 1],
    [1, 0],
    [0, -1],
  ] as const;
  for (let r = 0; r < o.rows; r++)
    for (let c = 0; c < o.cols; c++)
      for (const [dr, dc] of DIRS) {
        const nr = r + dr;
        const nc = c + dc;
        const outside = nr < 0 || nr >= o.rows || nc < 0 || nc >= o.cols;
        addLink(id(r, c), id(nr, nc));
        if (outside) addLink(id(nr, nc), id(r, c));
      }
  const movements: ScenarioInput['network']['movements'] = [];
  const intersections: NonNullable<ScenarioInput['intersections']> = [];
  const turningRatios: NonNullable<ScenarioInput['demand']['turningRatios']> = [];
  const flows: NonNullable<ScenarioInput['demand']['flows']> = [];
  // Approach from direction d (0 N, 1 E, 2 S, 3 W): through goes to d+2, right to d+1... as seen driving.
  for (let r = 0; r < o.rows; r++)
    for (let c = 0; c < o.cols; c++) {
      const here = id(r, c);
      const byPhase = new Map<number, { movements: string[]; permissive: string[] }>();
      for (let d = 0; d < 4; d++) {
        const from = id(r + DIRS[d]![0], c + DIRS[d]![1]);
        const inLink = linkId(from, here);
        const out = (k: number) => {
          const [dr, dc] = DIRS[(d + k) % 4]!;
          return linkId(here, id(r + dr, c + dc));
        };
        // Coming from the north (d=0) a driver heads south: through exits south (d+2), right exits west (d+3), left east (d+1).
        const th = `${inLink}.th`;
        const rt = `${inLink}.rt`;
        const lt = `${inLink}.lt`;
        movements.push({
          id: th,
          fromLink: inLink,
          toLink: out(2),
          turn: 'through',
          fromLanes: [...Array(lanes).keys()],
        });
        movements.push({ id: rt, fromLink: inLink, toLink: out(3), turn: 'right', fromLanes: [0] });
        movements.push({ id: lt, fromLink: inLink, toLink: out(1), turn: 'left', fromLanes: [lanes - 1] });
        const phase = [6, 8, 2, 4][d]!;
        byPhase.set(phase, { movements: [th, rt], permissive: [lt] });
        const side = (1 - through) / 2;
        turningRatios.push({
          fromLink: inLink,
          ratios: { [out(2)]: through, [out(3)]: side, [out(1)]: side },
        });
        if (from.startsWith('b'))
          flows.push({ id: `f-${inLink}`, entryLink: inLink, vehPerHour: 0, beginS: 0, endS: o.durationS });
      }
      const split = cycle / 2;
      intersections.push({
        id: `x${r + 1}_${c + 1}`,
        nodeId: here,
        region: 'grid',
        control: {
          type: 'nema',
          phases: [...byPhase].map(([phase, m]) => ({
            phase,
            movements: m.movements,
            permissiveMovements: m.permissive,
            minGreenS: 5,
            maxGreenS: 40,
            yellowS: 3,
            redClearS: 1,
          })),
        },
        plans: [{ id: 'fixed', cycleS: cycle, splitsS: { '2': split, '6': split, '4': split, '8': split } }],
        defaultPlanId: 'fixed',
        mode: 'fixed',
      });
    }
  for (const f of flows) f.vehPerHour = o.vehPerHour / flows.length;
  const input: ScenarioInput = {
    format: 'its-scenario/1',
    id: `grid-${o.rows}x${o.cols}`,
    name: `${o.rows}x${o.cols} signalized grid`,
    startTime: '2026-01-05T08:00:00+09:00',
    durationS: o.durationS,
    regions: [{ id: 'grid', name: 'Grid' }],
    network: { nodes, links, movements },
    intersections,
    demand: { vehicleTypes: [{ id: 'car' }], flows, turningRatios },
  };
  return scenarioSchema.parse(input);
}
