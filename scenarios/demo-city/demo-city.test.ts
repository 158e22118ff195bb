/**
 * @module scenarios/demo-city/demo-city.test
 * The committed demo-city scenario passes `validateScenario`, matches its generator, and is
 * consistent: references resolve, movements meet at nodes and use sensible lanes, link lengths agree
 * with their geometry, signal plans fit their phases, and the requirements of issue 2 hold.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import type { Scenario } from '../../core/index.ts';
import { checkScenario, validateScenario } from '../../core/index.ts';
import { SCENARIO_PATH, renderScenario } from './generate.ts';
import { pathLengthM } from './geo.ts';
import { PROGRESSION_KMH } from './plans.ts';
import { checkPlan } from './signals.ts';

const text = readFileSync(SCENARIO_PATH, 'utf8');
const scenario: Scenario = validateScenario(JSON.parse(text), SCENARIO_PATH);
const links = new Map(scenario.network.links.map((l) => [l.id, l]));
const nodes = new Map(scenario.network.nodes.map((n) => [n.id, n]));
const movements = new Map(scenario.network.movements.map((m) => [m.id, m]));

test('the committed scenario.json is exactly what the generator writes', async () => {
  expect(await renderScenario()).toBe(text);
});

test('passes validateScenario: schema, references and engineering checks, with no issue', () => {
  expect(checkScenario(scenario)).toEqual([]);
});

test('has two regions, at least 12 signalized intersections and a coordinated arterial of 8', () => {
  expect(scenario.regions.map((r) => r.id)).toEqual(['gangnam', 'seocho']);
  expect(scenario.intersections.length).toBeGreaterThanOrEqual(12);
  const coordinated = scenario.intersections.filter((i) => i.mode === 'coordinated');
  expect(coordinated).toHaveLength(8);
  const cycles = new Set(coordinated.map((i) => i.plans.find((p) => p.id === 'am-peak')?.cycleS));
  expect(cycles.size).toBe(1);
  for (const i of coordinated) for (const p of i.plans) expect(p.coordinated).toEqual([2, 6]);
});

test('every link id, node and geometry agree, and lengths match the coordinates within 1 m', () => {
  for (const l of scenario.network.links) {
    const from = nodes.get(l.from);
    const to = nodes.get(l.to);
    expect(from, l.id).toBeDefined();
    expect(to, l.id).toBeDefined();
    const g = l.geometry ?? [];
    expect(g[0]).toEqual([from?.lon, from?.lat]);
    expect(g[g.length - 1]).toEqual([to?.lon, to?.lat]);
    expect(Math.abs(pathLengthM(g) - (l.lengthM ?? 0)), l.id).toBeLessThan(1);
  }
});

test('movements join links that meet at a node, with lefts from the leftmost lane and rights from lane 0', () => {
  for (const m of scenario.network.movements) {
    const from = links.get(m.fromLink);
    const to = links.get(m.toLink);
    expect(from?.to, m.id).toBe(to?.from);
    for (const lane of m.fromLanes) expect(lane, m.id).toBeLessThan(from?.lanes ?? 0);
    if (m.turn === 'right') expect(m.fromLanes, m.id).toEqual([0]);
    if (m.turn === 'left') expect(m.fromLanes, m.id).toEqual([(from?.lanes ?? 0) - 1]);
  }
});

test('every signalized node has an intersection whose phases serve each of its movements once', () => {
  const signalized = scenario.network.nodes.filter((n) => n.type === 'signalized').map((n) => n.id);
  expect(scenario.intersections.map((i) => i.nodeId).sort()).toEqual(signalized.sort());
  for (const i of scenario.intersections) {
    if (i.control.type !== 'nema') throw new Error('demo-city uses NEMA control');
    const served = i.control.phases.flatMap((p) => [...p.movements, ...p.permissiveMovements]);
    const atNode = scenario.network.movements.filter((m) => links.get(m.fromLink)?.to === i.nodeId);
    expect([...served].sort(), i.id).toEqual(atNode.map((m) => m.id).sort());
    for (const id of served) expect(movements.has(id), id).toBe(true);
  }
});

test('rings sum to the cycle, barriers balance and every split covers min green and clearances', () => {
  for (const i of scenario.intersections) {
    if (i.control.type !== 'nema') continue;
    const phases = i.control.phases;
    for (const plan of i.plans) expect(() => checkPlan(i.id, phases, plan)).not.toThrow();
    for (const p of phases) {
      expect(p.yellowS).toBeGreaterThanOrEqual(3);
      expect(p.maxGreenS).toBeGreaterThan(p.minGreenS);
    }
  }
});

test('every signalized approach lane has a stop-bar loop and detectors lie on their links', () => {
  for (const d of scenario.detectors) {
    const l = links.get(d.linkId);
    expect(l, d.id).toBeDefined();
    expect(d.lane).toBeLessThan(l?.lanes ?? 0);
    expect(d.positionM + d.lengthM).toBeLessThanOrEqual(l?.lengthM ?? 0);
  }
  for (const l of scenario.network.links) {
    if (nodes.get(l.to)?.type !== 'signalized') continue;
    for (let lane = 0; lane < l.lanes; lane++) {
      const has = scenario.detectors.some(
        (d) => d.linkId === l.id && d.lane === lane && d.role === 'stopbar',
      );
      expect(has, `${l.id} lane ${lane}`).toBe(true);
    }
  }
  expect(scenario.detectors.some((d) => d.role === 'advance')).toBe(true);
  expect(scenario.detectors.some((d) => d.role === 'count')).toBe(true);
});

test('yellow intervals follow ITE for the approach speed: 1 + v/6.0 s rounded up to 0.5 s, at least 3 s', () => {
  for (const i of scenario.intersections) {
    if (i.control.type !== 'nema') continue;
    for (const p of i.control.phases) {
      const from = links.get(movements.get(p.movements[0] ?? '')?.fromLink ?? '');
      const v = (from?.speedLimitKmh ?? 0) / 3.6;
      expect(p.yellowS, `${i.id} phase ${p.phase}`).toBe(Math.max(3, Math.ceil((1 + v / 6) * 2) / 2));
      expect(p.redClearS).toBeGreaterThanOrEqual(1);
    }
  }
});

test('Teheran-ro offsets give an eastbound green wave at the progression speed', () => {
  const teheran = scenario.intersections.filter((i) => i.mode === 'coordinated');
  const v = PROGRESSION_KMH / 3.6;
  let distM = 0;
  teheran.forEach((ix, k) => {
    if (k > 0) distM += links.get(`${teheran[k - 1]?.nodeId}-${ix.nodeId}`)?.lengthM ?? Number.NaN;
    for (const plan of ix.plans)
      expect(plan.offsetS, `${ix.id} ${plan.id}`).toBe(Math.round(distM / v) % plan.cycleS);
  });
  expect(distM).toBeGreaterThan(3000);
});
