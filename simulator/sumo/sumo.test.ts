import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { createController } from '../../controllers/index.ts';
import { FileFormatError } from '../../core/errors/index.ts';
import {
  buildSimNet,
  checkLanes,
  constantSignalHeads,
  createRng,
  createRouter,
  Simulation,
} from '../engine/index.ts';
import {
  readSumoNet,
  readSumoRoutes,
  sumoNetToSpec,
  sumoRoutesToDemand,
  sumoTlsToIntersections,
} from './index.ts';
import { sharedDataPath } from '../../core/shared-data/index.ts';

const RESCO = `${sharedDataPath('sumo', 'resco')}/`;
const read = (name: string, ext: string) => readFileSync(`${RESCO}${name}/${name}.${ext}`, 'utf8');

test('reads the edges, lanes, connections and traffic light of a resco network', () => {
  const net = readSumoNet(read('cologne1', 'net.xml'), 'cologne1.net.xml');
  const spec = sumoNetToSpec(net);
  const sim = buildSimNet(spec);
  expect(sim.linkIds.length).toBeGreaterThan(5);
  expect(sim.linkIds.every((id) => !id.startsWith(':'))).toBe(true);
  expect(sim.signals.length).toBe(20);
  const tls = sumoTlsToIntersections(net, { region: 'sumo', mode: 'fixed' });
  expect(tls.intersections).toHaveLength(1);
  const ix = tls.intersections[0]!;
  expect(ix.control.type).toBe('stages');
  expect(ix.plans[0]!.cycleS).toBe(90);
  // Left turns run permissively in the through stage (SUMO 'g'): they yield to their foes.
  const left = sim.connTurn.findIndex((t, c) => t === 2 && sim.connFoeStart[c + 1]! > sim.connFoeStart[c]!);
  expect(left).toBeGreaterThanOrEqual(0);
});

test('a malformed network names the element and the line', () => {
  const bad =
    '<net>\n  <edge id="a" from="x" to="y">\n    <lane id="a_0" index="0" speed="fast" length="10"/>\n  </edge>\n</net>';
  expect(() => readSumoNet(bad, 'bad.net.xml')).toThrow(FileFormatError);
  expect(() => readSumoNet(bad, 'bad.net.xml')).toThrow(
    /bad\.net\.xml:3: <lane> attribute "speed" is not a number/,
  );
  expect(() => readSumoNet('<net>\n<edge id="a"', 'cut.net.xml')).toThrow(/cut\.net\.xml:\d+/);
  const noAttr = '<routes>\n<vType id="car"/>\n\n<trip id="t1" depart="0" from="a"/>\n</routes>';
  expect(() => readSumoRoutes(noAttr, 'r.rou.xml')).toThrow(/r\.rou\.xml:4: <trip> lacks attribute "to"/);
});

test('flows expand by vehsPerHour, period, number and probability; trips are routed', () => {
  const net = buildSimNet(sumoNetToSpec(readSumoNet(read('cologne1', 'net.xml'), 'n')));
  const routes = readSumoRoutes(
    `<routes>
      <vType id="car" accel="2" length="4.5"/>
      <route id="r" edges="28198821#3 32038056#0"/>
      <flow id="a" type="car" route="r" begin="0" end="3600" vehsPerHour="360"/>
      <flow id="b" type="car" route="r" begin="0" end="100" period="10"/>
      <flow id="c" type="car" from="28198821#3" to="32324544#0" begin="0" end="100" number="4"/>
      <flow id="d" type="car" route="r" begin="0" end="1000" probability="0.1"/>
      <trip id="t" type="car" depart="5" from="-32038056#3" to="32038051#0"/>
      <vehicle id="v" depart="7"><route edges="28198821#3 32038056#0"/></vehicle>
    </routes>`,
    'r.rou.xml',
  );
  const { demand } = sumoRoutesToDemand(routes, net, createRouter(net), createRng(1));
  const count = (p: string) => demand.departures.filter((d) => d.id.startsWith(`${p}.`)).length;
  expect(count('a')).toBe(360);
  expect(count('b')).toBe(10);
  expect(count('c')).toBe(4);
  expect(count('d')).toBeGreaterThan(60);
  expect(count('d')).toBeLessThan(140);
  const trip = demand.departures.find((d) => d.id === 't')!;
  expect(trip.route.length).toBeGreaterThanOrEqual(2);
  expect(demand.types.find((t) => t.id === 'car')!.accelMps2).toBe(2);
  expect(() =>
    sumoRoutesToDemand(
      readSumoRoutes('<routes>\n<trip id="x" depart="0" from="nope" to="32038051#0"/></routes>', 'u.rou.xml'),
      net,
      createRouter(net),
      createRng(1),
    ),
  ).toThrow(/u\.rou\.xml:2: <trip id="x"> uses unknown or non-passenger edge "nope"/);
});

test('both resco scenarios import and run to the end with every vehicle arrived (all-green double)', () => {
  for (const name of ['cologne1', 'ingolstadt1']) {
    const snet = readSumoNet(read(name, 'net.xml'), name);
    const net = buildSimNet(sumoNetToSpec(snet));
    const { demand } = sumoRoutesToDemand(
      readSumoRoutes(read(name, 'rou.xml'), name),
      net,
      createRouter(net),
      createRng(3),
    );
    const begin = Math.floor(demand.departures[0]!.departS);
    const sim = new Simulation(net, demand, constantSignalHeads('g'), { seed: 3, beginS: begin });
    sim.observe((st) => {
      const v = checkLanes(st);
      if (v !== null) throw new Error(v.detail);
    });
    sim.runUntil(begin + 7200, true);
    expect(sim.finished).toBe(true);
    expect(sim.state.counters.arrived).toBe(demand.departures.length);
  }
});

test('a SUMO static program runs phase for phase through the stage controller', () => {
  for (const name of ['cologne1', 'ingolstadt1']) {
    const net = readSumoNet(read(name, 'net.xml'), name);
    const tl = net.tlLogics[0]!;
    const ctl = createController(
      sumoTlsToIntersections(net, { region: 'sumo', mode: 'fixed' }).intersections[0]!,
    );
    const n = tl.phases[0]!.state.length;
    const seen = new Set<string>();
    for (let t = 0; t < 400; t++) {
      ctl.step(Date.UTC(2026, 0, 5) + t * 1000);
      let s = '';
      for (let i = 0; i < n; i++) s += ctl.movementState(`l${i}`);
      seen.add(s.toUpperCase());
    }
    // Every green phase of the program shows (permissive 'g' and protected 'G' compared alike).
    for (const p of tl.phases.filter((ph) => !/[yY]/.test(ph.state)))
      expect(seen, name).toContain(p.state.toUpperCase());
  }
});

test('a routes file with no demand, or an empty <routes/>, is refused naming the file', () => {
  expect(() => readSumoRoutes('<routes>\n<vType id="car"/>\n</routes>\n', 'v.rou.xml')).toThrow(
    /^v\.rou\.xml: no <vehicle>, <trip> or <flow>: nothing to simulate$/,
  );
  expect(() => readSumoRoutes('<routes></routes>', 'e.rou.xml')).toThrow(
    /^e\.rou\.xml:1: <routes> is empty$/,
  );
});
