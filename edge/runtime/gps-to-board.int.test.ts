/**
 * @module edge/runtime/gps-to-board.int.test
 * A bus's GPS fix reaches a stop board through the real pipeline, by the uplink's prompt lane: a fix
 * published on the field topic of a real broker (embedded aedes, port 0) → the edge runtime (field
 * subscriber, bus tracker, SQLite store-and-forward uplink) → the center node (ingest, arrival
 * prediction, `stop:<id>` WebSocket board). The edge's flush period is set to 10 minutes, so batching
 * by period cannot deliver anything during the test: the board showing an arrival whose `asOf` is the
 * fix's time proves the progress left by the prompt lane, whatever the machine's load. The center is
 * the other end of the edge's contract here, as the edge runtime is in the center's command tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEmbeddedBroker, type MessageBroker } from '../../broker/index.ts';
import { connectWsClient, type TestWsClient } from '../../center/http/testing/index.ts';
import { startCenterNode, type CenterNode } from '../../center/node/index.ts';
import type { StopBoard } from '../../core/api/index.ts';
import {
  buildTopic,
  loadScenario,
  MINI_SCENARIO_PATH,
  SystemClock,
  type BusPosition,
} from '../../core/index.ts';
import { startEdgeRuntime, type EdgeRuntime } from './index.ts';
import { testRuntimeOptions } from './testing/runtime-options.ts';

const scenario = loadScenario(MINI_SCENARIO_PATH);
const REGION = 'gangnam';
/** The mini scenario's route 140, direction 0: its shape starts before stop 22-201, then 22-202. */
const STOP_AHEAD = '22-202';
const FLUSH_PERIOD_MS = 600_000;
let dir: string;
let broker: MessageBroker;
let center: CenterNode;
let edge: EdgeRuntime;
let ws: TestWsClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'its-gps-board-'));
  broker = await startEmbeddedBroker({ port: 0 });
  center = await startCenterNode({
    scenario,
    clock: new SystemClock(),
    mqttUrl: broker.url,
    httpPort: 0,
    engine: 'node',
    tokens: [],
    log: () => {},
  });
  edge = await startEdgeRuntime({
    ...testRuntimeOptions({
      scenario,
      region: REGION,
      clock: new SystemClock(),
      brokerUrl: broker.url,
      name: 'gps',
      dbFile: join(dir, 'uplink.sqlite'),
    }),
    uplinkFlushMs: FLUSH_PERIOD_MS,
    uplinkPromptMs: 50,
  });
  ws = await connectWsClient(center.port);
  ws.send({ op: 'subscribe', channel: `stop:${STOP_AHEAD}` });
  await ws.next((f) => f['type'] === 'snapshot');
}, 60_000);

afterAll(async () => {
  await ws?.close();
  await edge?.stop();
  await center?.close();
  await broker?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A fix 30% of the way along the first leg of route 140's shape, before its first stop. */
function fixNow(): BusPosition {
  const shape = scenario.transit?.shapes.find((s) => s.id === '140-0')?.points ?? [];
  const [a, b] = [shape[0], shape[1]];
  if (a === undefined || b === undefined) throw new Error('the mini scenario lost shape 140-0');
  return {
    kind: 'bus.position',
    id: `gps-140-7-${Date.now()}-fix`,
    deviceId: 'gps-140-7',
    seq: 1,
    ts: Date.now(),
    vehicleId: 'bus-140-7',
    routeId: '140',
    tripId: '140-0-0700',
    lon: a[0] + 0.3 * (b[0] - a[0]),
    lat: a[1] + 0.3 * (b[1] - a[1]),
    speedMps: 6,
    headingDeg: null,
    fixQuality: 1,
    hdop: 0.9,
    passengers: 20,
  };
}

/** Wait until a frame matches, at most `ms` (long: the machine may be loaded; the bound is the flush period). */
async function frameWhere(
  match: (f: Record<string, unknown>) => boolean,
  ms: number,
): Promise<Record<string, unknown> | undefined> {
  const end = Date.now() + ms;
  for (;;) {
    const hit = ws.frames.find((f) => match(f as Record<string, unknown>));
    if (hit !== undefined || Date.now() > end) return hit as Record<string, unknown> | undefined;
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('a GPS fix shows on the stop board ahead by the prompt lane, long before any periodic batch', async () => {
  const fix = fixNow();
  const device = await mqtt.connectAsync(broker.url, { clientId: 'gps-140-7', clean: true });
  const sentAt = Date.now();
  await device.publishAsync(buildTopic(REGION, 'bus', fix.deviceId), JSON.stringify(fix), { qos: 0 });
  await device.endAsync();
  const shows = (f: Record<string, unknown>): boolean => {
    if (f['type'] !== 'delta' || f['channel'] !== `stop:${STOP_AHEAD}`) return false;
    const board = f['data'] as StopBoard;
    return board.routes.some((r) =>
      r.arrivals.some((a) => a.vehicleId === fix.vehicleId && a.asOf === fix.ts),
    );
  };
  const frame = await frameWhere(shows, 30_000);
  const tookMs = Date.now() - sentAt;
  expect(frame, 'no board frame with the fix as asOf').toBeDefined();
  const arrival = (frame?.['data'] as StopBoard).routes
    .flatMap((r) => r.arrivals)
    .find((a) => a.vehicleId === fix.vehicleId);
  expect(arrival).toMatchObject({ source: 'live', asOf: fix.ts, tripId: expect.stringContaining('140-0') });
  // The period had not come round: only the prompt lane sealed, and the center acknowledged it.
  expect(tookMs).toBeLessThan(FLUSH_PERIOD_MS);
  const uplink = edge.stats().uplink;
  expect(uplink.promptSeals).toBeGreaterThanOrEqual(1);
  expect(uplink.sent).toBe(uplink.promptSeals);
  await expect.poll(() => edge.stats().uplink.queuedBatches, { timeout: 10_000 }).toBe(0);
}, 60_000);
