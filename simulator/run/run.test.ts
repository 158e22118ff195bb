import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { messageSchema } from '../../core/index.ts';
import { loadScenario } from '../../core/scenario/index.ts';
import { checkLanes } from '../engine/index.ts';
import type { FieldMessage } from '../devices/index.ts';
import { prepareRun, runToEnd, type RunSource } from './index.ts';
import { sharedDataPath } from '../../core/shared-data/index.ts';

const MINI = new URL('../../core/scenario/fixtures/mini.json', import.meta.url).pathname;
const RESCO = `${sharedDataPath('sumo', 'resco')}/`;

function sumo(name: string): RunSource {
  const dir = `${RESCO}${name}/`;
  return {
    kind: 'sumo',
    netText: readFileSync(`${dir}${name}.net.xml`, 'utf8'),
    netFile: `${name}.net.xml`,
    routesText: readFileSync(`${dir}${name}.rou.xml`, 'utf8'),
    routesFile: `${name}.rou.xml`,
  };
}

function hashedRun(seed: number): { hash: string; messages: FieldMessage[] } {
  const messages: FieldMessage[] = [];
  const run = prepareRun(
    { kind: 'scenario', scenario: loadScenario(MINI) },
    { seed, tls: 'actuated', endS: 900, sink: (_r, m) => messages.push(m) },
  );
  runToEnd(run);
  const h = createHash('sha256').update(JSON.stringify(messages));
  return { hash: run.sim.fingerprint([h.digest()]), messages };
}

test('the same seed gives an identical run, field messages included, with actuated controllers', () => {
  const a = hashedRun(11);
  const b = hashedRun(11);
  const c = hashedRun(12);
  expect(a.messages.length).toBeGreaterThan(100);
  expect(a.hash).toBe(b.hash);
  expect(a.hash).not.toBe(c.hash);
});

test('every field message the run emits satisfies the core message schema', () => {
  const { messages } = hashedRun(3);
  const kinds = new Set(messages.map((m) => m.kind));
  for (const k of ['det.actuation', 'det.report', 'bus.position', 'tap'] as const) expect(kinds).toContain(k);
  for (const m of messages) expect(messageSchema.safeParse(m).success).toBe(true);
});

test('the KPIs carry the keys testers rely on', () => {
  const run = prepareRun({ kind: 'scenario', scenario: loadScenario(MINI) }, { endS: 300 });
  const k = runToEnd(run);
  for (const key of [
    'vehiclesInserted',
    'vehiclesArrived',
    'vehiclesRunning',
    'meanTravelTimeS',
    'meanTimeLossS',
    'meanWaitingTimeS',
    'meanStops',
    'vehicleUpdatesPerSecond',
  ] as const)
    expect(typeof k[key]).toBe('number');
  expect(k.vehiclesInserted).toBe(k.vehiclesArrived + k.vehiclesRunning);
  expect(k.intersections[0]!.id).toBe('gangnam-stn');
});

test('both resco scenarios run through the controllers to the end, static and actuated, every vehicle arrived', () => {
  for (const name of ['cologne1', 'ingolstadt1'])
    for (const tls of ['static', 'actuated'] as const)
      for (const seed of [1, 2]) {
        const run = prepareRun(sumo(name), { tls, seed });
        run.sim.observe((st) => {
          const v = checkLanes(st);
          if (v !== null) throw new Error(`${name} ${tls}: ${v.detail}`);
        });
        const k = runToEnd(run);
        expect(k.vehiclesArrived, `${name} ${tls} seed ${seed}`).toBe(run.sim.state.demand.departures.length);
        expect(k.vehiclesRunning).toBe(0);
      }
});

test('the demo city keeps every gap >= 0 and conserves vehicles with its controllers, buses and incidents', () => {
  const demo = new URL('../../scenarios/demo-city/scenario.json', import.meta.url).pathname;
  const run = prepareRun({ kind: 'scenario', scenario: loadScenario(demo) }, { endS: 600, seed: 9 });
  run.sim.observe((st) => {
    const v = checkLanes(st);
    if (v !== null) throw new Error(`demo-city: ${v.detail}`);
  });
  const k = runToEnd(run);
  expect(k.vehiclesArrived).toBeGreaterThan(1000);
  expect(k.vehiclesInserted).toBe(k.vehiclesArrived + k.vehiclesRunning);
});
