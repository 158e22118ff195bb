/**
 * @module bin/demo/region-edge.int.test
 * Issue 6 "Done when", live: the simulator in live mode on a scaled clock, a real MQTT broker (embedded
 * aedes, port 0), the controllers served over OPC UA and the demo's region edge (edge/runtime) run
 * together on the mini scenario (one intersection). Demand is heavy on the north-south street and light
 * on the east-west street for eight simulated minutes (after a light start-up), then swapped; the edge
 * runs the SCATS-like strategy. Read over OPC UA by an observer session of its own, the controller is
 * under the edge's external control, and the green shares follow the demand: north-south gets the
 * larger share first, east-west after the swap.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { loadScenario, MINI_SCENARIO_PATH, SystemClock, type Scenario } from '../../core/index.ts';
import { startEmbeddedBroker, type MessageBroker } from '../../broker/index.ts';
import { trustOpcuaServer } from '../../broker/tls/adapters/opcua/index.ts';
import { connectControllerClient, type ControllerClient } from '../../edge/adapters/opcua/index.ts';
import { connectFieldPublisher, type FieldPublisher } from './adapters/field-publisher.ts';
import { startControllerStation, type ControllerStation } from './controller-station.ts';
import { startLiveSimulation, type LiveSimulation } from './live-simulation.ts';
import { startRegionEdge, type RegionEdge } from './region-edge.ts';
import { ScaledClock } from '../../core/index.ts';
import { shiftScenarioToNow } from './timetable-shift.ts';

const SPEED = 40;
/** Simulated seconds of each demand period. */
const PERIOD_S = 480;
/** Green shares are measured over the second half of each period, once the edge has adapted. */
const MEASURE_FROM_S = 240;
const X = 'gangnam-stn';
const NS = ['2', '6'];
const EW = ['4', '8'];
const OPERATOR = { username: 'edge', password: 'pw-live-demand' };

const stops: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

/** The mini scenario with light demand until `fromS`, then north-south heavy, then east-west heavy. */
function swappedDemand(base: Scenario, fromS: number): Scenario {
  const heavy = 1600;
  const light = 100;
  const flow = (id: string, entryLink: string, first: number, second: number) => [
    { id: `${id}-0`, entryLink, vehPerHour: light, typeId: 'car', beginS: 0, endS: fromS },
    { id: `${id}-1`, entryLink, vehPerHour: first, typeId: 'car', beginS: fromS, endS: fromS + PERIOD_S },
    {
      id: `${id}-2`,
      entryLink,
      vehPerHour: second,
      typeId: 'car',
      beginS: fromS + PERIOD_S,
      endS: fromS + 2 * PERIOD_S,
    },
  ];
  return {
    ...base,
    durationS: fromS + 2 * PERIOD_S,
    events: [],
    demand: {
      ...base.demand,
      // Through and right turns only: permissive left turners waiting for gaps in heavy opposing
      // traffic would block the through lanes and hide the demand from the loops.
      turningRatios: [
        { fromLink: 'L-s-in', ratios: { 'L-n-out': 0.85, 'L-e-out': 0.15 } },
        { fromLink: 'L-n-in', ratios: { 'L-s-out': 0.85, 'L-w-out': 0.15 } },
        { fromLink: 'L-w-in', ratios: { 'L-e-out': 0.85, 'L-s-out': 0.15 } },
        { fromLink: 'L-e-in', ratios: { 'L-w-out': 0.85, 'L-n-out': 0.15 } },
      ],
      flows: [
        ...flow('f-s', 'L-s-in', heavy, light),
        ...flow('f-n', 'L-n-in', heavy, light),
        ...flow('f-w', 'L-w-in', light, heavy),
        ...flow('f-e', 'L-e-in', light, heavy),
      ],
    },
  };
}

test('the edge changes green splits with demand, through commands visible on the controller over OPC UA', async () => {
  const scenario = shiftScenarioToNow(loadScenario(MINI_SCENARIO_PATH), Date.now());
  const dir = mkdtempSync(join(tmpdir(), 'its-live-demand-'));
  const clock = new ScaledClock(Date.parse(scenario.startTime), SPEED);
  stops.push(() => clock.clearAll());
  const broker: MessageBroker = await startEmbeddedBroker({ port: 0 });
  stops.push(() => broker.close());
  const station: ControllerStation = await startControllerStation({
    scenario,
    clock,
    mqttUrl: broker.url,
    opcuaPort: 0,
    pkiDir: join(dir, 'controllers-pki'),
    operator: OPERATOR,
    log: () => {},
  });
  stops.push(() => station.close());
  const edge: RegionEdge = await startRegionEdge({
    scenario,
    region: 'gangnam',
    clock,
    mqttUrl: broker.url,
    opcua: { endpointUrl: station.opcuaEndpoint, ...OPERATOR, serverPkiDir: join(dir, 'controllers-pki') },
    dataDir: dir,
    strategy: 'scats',
    tsp: false,
    log: () => {},
  });
  stops.push(() => edge.close());
  // An observer session of its own: what an operator's tool would read from the controller.
  await trustOpcuaServer(join(dir, 'observer-pki'), join(dir, 'controllers-pki'));
  const observer: ControllerClient = await connectControllerClient({
    endpointUrl: station.opcuaEndpoint,
    ...OPERATOR,
    pkiDir: join(dir, 'observer-pki'),
    clock: new SystemClock(),
  });
  stops.push(() => observer.close());
  const view = observer.links.get(X);
  if (view === undefined) throw new Error(`no OPC UA view of ${X}`);
  const publisher: FieldPublisher = await connectFieldPublisher({ url: broker.url, clientId: 'live-sim' });
  stops.push(() => publisher.close());
  // Start-up (certificates, OPC UA sessions) takes a varying share of simulated time: the demand periods
  // begin a little after the simulation starts, which is now.
  const fromS = Math.ceil((clock.now() - clock.originMs) / 1000) + 20;
  const simulation: LiveSimulation = startLiveSimulation({
    scenario: swappedDemand(scenario, fromS),
    controllers: station.controllers,
    clock,
    seed: 7,
    sink: (region, message) => publisher.publish(region, message),
  });
  stops.push(() => simulation.stop());

  // Sample the controller over OPC UA, weighting each sample by the simulated time it stands for.
  const green = [new Map<string, number>(), new Map<string, number>()];
  const modes = new Map<string, number>();
  let lastMs = clock.now();
  const startMs = clock.originMs + fromS * 1000;
  while (clock.now() - startMs < 2 * PERIOD_S * 1000) {
    await new Promise((r) => setTimeout(r, 40));
    const nowMs = clock.now();
    const dtS = (nowMs - lastMs) / 1000;
    lastMs = nowMs;
    const s = view.snapshot();
    modes.set(s.mode, (modes.get(s.mode) ?? 0) + dtS);
    const t = (nowMs - startMs) / 1000;
    if (t < 0) continue;
    const period = t < PERIOD_S ? 0 : 1;
    if (t - period * PERIOD_S < MEASURE_FROM_S) continue;
    for (const unit of s.activeUnits.map(String))
      green[period]?.set(unit, (green[period]?.get(unit) ?? 0) + dtS);
  }
  const share = (period: number, units: readonly string[]): number => {
    const g = green[period] ?? new Map<string, number>();
    const total = [...g.values()].reduce((a, b) => a + b, 0);
    return units.reduce((a, u) => a + (g.get(u) ?? 0), 0) / total;
  };
  const shares = {
    nsHeavy: { ns: share(0, NS), ew: share(0, EW) },
    ewHeavy: { ns: share(1, NS), ew: share(1, EW) },
  };
  console.log(
    `live demand: green shares ${JSON.stringify(shares)}, modes over OPC UA ${JSON.stringify(Object.fromEntries(modes))}, ` +
      `edge ${JSON.stringify({ commands: edge.stats().node.commandsSent, accepted: edge.stats().node.ingest.accepted })}, ` +
      `sim ${JSON.stringify(simulation.stats())} greens ${JSON.stringify(green.map((g) => Object.fromEntries(g)))}`,
  );
  // The edge is in charge: the controller reports external control (its heartbeat and phase commands)
  // most of the time; the strategy hands back the local plan while it lacks healthy detector data.
  const sampledS = [...modes.values()].reduce((a, b) => a + b, 0);
  expect(modes.get('external') ?? 0).toBeGreaterThan(0.75 * sampledS);
  expect(edge.stats().node.commandsSent).toBeGreaterThan(50);
  expect(edge.stats().node.ingest.acceptedByKind['det.actuation'] ?? 0).toBeGreaterThan(100);
  // The green shares follow the demand.
  expect(shares.nsHeavy.ns).toBeGreaterThan(shares.nsHeavy.ew);
  expect(shares.ewHeavy.ew).toBeGreaterThan(shares.ewHeavy.ns);
  expect(shares.ewHeavy.ew).toBeGreaterThan(shares.nsHeavy.ew);
  expect(shares.nsHeavy.ns).toBeGreaterThan(shares.ewHeavy.ns);
}, 60_000);
