/**
 * @module bench/edge-pipeline.bench
 * The edge's hot paths, in-process: field messages/s through ingest and detector processing (against a
 * bare JSON.parse of the same payloads), bus fixes/s map-matched, uplink items/s made durable in SQLite
 * (WAL, synchronous FULL), the time of one control step of every signal of a demo-city region, and
 * what the uplink's prompt lane costs at 1,000 fixes/s (SQLite commits/s and CPU per fix, lane off
 * against the 50 ms window: `edge-pipeline-uplink.ts`).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, MINI_SCENARIO_PATH, transitSchema, VirtualClock } from '../core/index.ts';
import type { BusPosition, LonLat, UplinkItem } from '../core/index.ts';
import { SqliteUplinkStore } from '../edge/adapters/sqlite/index.ts';
import { BusTracker, RouteCatalog } from '../edge/bus-tracking/index.ts';
import { EdgeNode } from '../edge/node/index.ts';
import { uplinkCostFigures } from './edge-pipeline-uplink.ts';
import type { BenchFigure, Benchmark } from './types.ts';

function ingestRate(n: number): BenchFigure[] {
  const scenario = loadScenario(MINI_SCENARIO_PATH);
  const clock = new VirtualClock(Date.parse(scenario.startTime));
  const node = new EdgeNode({
    scenario,
    region: 'gangnam',
    clock,
    strategy: 'actuated',
    controllers: new Map(),
    uplink: { enqueue: () => {} },
  });
  const detectors = scenario.detectors.map((d) => d.id);
  const payloads: { topic: string; payload: string }[] = [];
  for (let i = 0; i < n; i++) {
    const d = detectors[i % detectors.length] ?? 'x';
    const message = {
      kind: 'det.actuation',
      id: `bench-${i}-abcdef`,
      deviceId: d,
      seq: Math.floor(i / detectors.length),
      ts: clock.now() + i,
      state: Math.floor(i / detectors.length) % 2 ? 'off' : 'on',
    };
    payloads.push({ topic: `its/v1/gangnam/det/${d}/act`, payload: JSON.stringify(message) });
  }
  let t = performance.now();
  for (const p of payloads) JSON.parse(p.payload);
  const bare = n / ((performance.now() - t) / 1000);
  t = performance.now();
  for (const p of payloads) node.handle(p.topic, p.payload);
  const rate = n / ((performance.now() - t) / 1000);
  return [
    {
      name: 'detector actuations/s through ingest + detectors',
      value: Math.round(rate),
      unit: 'msg/s',
      target: '>= 20000 (a district of 300 loops at 60 edges/s each)',
      met: rate >= 20_000,
      reference: { name: 'bare JSON.parse', value: Math.round(bare) },
      ratio: rate / bare,
    },
  ];
}

function busRate(n: number): BenchFigure[] {
  const M = 111_195;
  const at = (x: number, y: number): LonLat => [
    127 + x / (M * Math.cos((37.5 * Math.PI) / 180)),
    37.5 + y / M,
  ];
  const points: LonLat[] = Array.from({ length: 200 }, (_, i) => at(i * 50, (i % 7) * 20));
  const transit = transitSchema.parse({
    agencies: [{ id: 'a', name: 'A', timezone: 'Asia/Seoul' }],
    routes: [{ id: 'R', shortName: 'R', gtfsType: 3 }],
    stops: [0, 50, 100, 150, 199].map((k, i) => ({
      id: `S${i}`,
      name: `S${i}`,
      lon: points[k]?.[0],
      lat: points[k]?.[1],
    })),
    shapes: [{ id: 'sh', points }],
    trips: [
      {
        id: 'T',
        routeId: 'R',
        serviceId: 's',
        shapeId: 'sh',
        stopTimes: [0, 1, 2, 3, 4].map((i) => ({
          stopId: `S${i}`,
          stopSequence: i,
          arrival: `8:0${i}:00`,
          departure: `8:0${i}:30`,
        })),
      },
    ],
  });
  const tracker = new BusTracker(new RouteCatalog(transit));
  const t0 = Date.UTC(2026, 10, 25, 23, 0, 0);
  const fixes: BusPosition[] = [];
  for (let i = 0; i < n; i++) {
    const bus = i % 100;
    const step = Math.floor(i / 100);
    const [lon, lat] = points[Math.min(199, step % 200)] ?? [127, 37.5];
    fixes.push({
      kind: 'bus.position',
      id: `f-${i}-abcdef`,
      deviceId: `g${bus}`,
      seq: step,
      ts: t0 + step * 5000,
      vehicleId: `bus${bus}`,
      routeId: 'R',
      tripId: 'T',
      lon,
      lat,
      speedMps: 10,
      headingDeg: null,
      fixQuality: 1,
      hdop: 1,
      passengers: null,
    });
  }
  const t = performance.now();
  for (const f of fixes) tracker.onFix(f, f.ts);
  const rate = n / ((performance.now() - t) / 1000);
  return [
    {
      name: 'bus fixes/s map-matched (100 buses, 10 km shape of 200 points)',
      value: Math.round(rate),
      unit: 'fix/s',
      target: '>= 10000 (5,000 buses every 5 s = 1,000/s)',
      met: rate >= 10_000,
    },
  ];
}

function sqliteRate(n: number): BenchFigure[] {
  const store = new SqliteUplinkStore(join(mkdtempSync(join(tmpdir(), 'bench-uplink-')), 'u.db'));
  const item = (k: number): UplinkItem => ({
    type: 'alarm',
    alarmId: `a${k}`,
    state: 'raised',
    severity: 'info',
    sourceId: 'd',
    code: 'bench',
    message: 'x',
    at: 1_800_000_000_000,
  });
  const t = performance.now();
  for (let i = 0; i < n; i += 100) {
    store.appendItems(Array.from({ length: 100 }, (_, k) => item(i + k)));
    store.sealBatch(500, (seq, items) => ({
      kind: 'edge.batch',
      id: `b-${seq}-xxxx`,
      deviceId: 'e',
      seq,
      ts: 1_800_000_000_000,
      region: 'r',
      items,
    }));
  }
  const rate = n / ((performance.now() - t) / 1000);
  store.close();
  return [
    {
      name: 'uplink items/s made durable (100-item appends, WAL + synchronous FULL)',
      value: Math.round(rate),
      unit: 'item/s',
      target: '>= 5000',
      met: rate >= 5000,
    },
  ];
}

function controlStep(): BenchFigure[] {
  const scenario = loadScenario('scenarios/demo-city');
  const region = scenario.regions[0]?.id ?? '';
  const clock = new VirtualClock(Date.parse(scenario.startTime));
  const node = new EdgeNode({
    scenario,
    region,
    clock,
    strategy: 'max-pressure',
    tsp: true,
    controllers: new Map(),
    uplink: { enqueue: () => {} },
  });
  const steps = 300;
  const t = performance.now();
  for (let i = 0; i < steps; i++) {
    clock.advance(1000);
    node.tick();
  }
  const ms = (performance.now() - t) / steps;
  return [
    {
      name: `edge tick (${node.controls.length} signals of ${region}, max-pressure+tsp, detectors)`,
      value: Number(ms.toFixed(3)),
      unit: 'ms',
      target: '< 100 (1 s control period)',
      met: ms < 100,
    },
  ];
}

export const benchmark: Benchmark = {
  name: 'edge pipeline',
  run: async (options) => {
    const n = options.quick ? 20_000 : 200_000;
    return [
      ...ingestRate(n),
      ...busRate(n),
      ...sqliteRate(options.quick ? 10_000 : 100_000),
      ...controlStep(),
      ...uplinkCostFigures(options.quick),
    ];
  },
};
