/**
 * @module edge/runtime/metrics-endpoint.int.test
 * The running edge's HTTP endpoint (issue 6): an edge runtime on a real broker (aedes, port 0) with
 * its metrics endpoint on port 0, scraped over real HTTP. A malformed field message moves the
 * rejection counter by its reason, a valid report moves the accepted one, and the endpoint answers
 * unknown paths with 404 and wrong methods with 405. Without the runtime: `/readyz` says `starting`
 * before it attaches, and a taken port fails the start unless it was optional.
 */
import { createServer, type Server } from 'node:net';
import mqtt from 'mqtt';
import { afterAll, expect, test } from 'vitest';
import { buildTopic, ConfigError, loadScenario, MINI_SCENARIO_PATH, SystemClock } from '../../core/index.ts';
import { startTestBroker, type TestBroker } from '../adapters/mqtt/test-broker.ts';
import { startEdgeRuntime, type EdgeRuntime } from './index.ts';
import { startMetricsEndpoint } from './metrics-endpoint.ts';
import { detReport } from './testing/det-report.ts';
import { testRuntimeOptions } from './testing/runtime-options.ts';

const scenario = loadScenario(MINI_SCENARIO_PATH);
const DETECTOR = 'det-s-sb-1';
let broker: TestBroker | undefined;
let edge: EdgeRuntime | undefined;
let device: mqtt.MqttClient | undefined;
let blocker: Server | undefined;

afterAll(async () => {
  await device?.endAsync();
  await edge?.stop();
  await broker?.stop();
  await new Promise((r) => (blocker === undefined ? r(null) : blocker.close(r)));
});

/** The value of one series in a scrape (0 when absent). */
function seriesValue(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

test('a malformed field message moves the rejection counter on /metrics; 404 and 405 are answered', async () => {
  broker = await startTestBroker();
  const clock = new SystemClock();
  edge = await startEdgeRuntime({
    ...testRuntimeOptions({ scenario, region: 'gangnam', clock, brokerUrl: broker.url, name: 'metrics' }),
    metricsEndpoint: { port: 0 },
  });
  expect(edge.metricsPort).toBeGreaterThan(0);
  const base = `http://127.0.0.1:${edge.metricsPort}`;
  const scrape = async (): Promise<string> => {
    const r = await fetch(`${base}/metrics`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return r.text();
  };
  const before = await scrape();
  expect(before).toContain('its_edge_info{edge_id="edge-gangnam",region="gangnam",strategy="actuated"} 1');
  expect(seriesValue(before, 'its_edge_messages_rejected_total{reason="not-json"}')).toBe(0);

  const health = await fetch(`${base}/healthz`);
  expect(health.status).toBe(200);
  const ready = await fetch(`${base}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({ status: 'ready', phase: 'running', fieldBroker: true });

  device = await mqtt.connectAsync(broker.url, { clientId: `metrics-device-${process.pid}` });
  const topic = buildTopic('gangnam', 'det', DETECTOR);
  await device.publishAsync(topic, 'this is not json {', { qos: 1 });
  await device.publishAsync(topic, JSON.stringify({ kind: 'det.report', deviceId: DETECTOR }), { qos: 1 });
  const ts = clock.now();
  const report = detReport({
    id: `metrics-test-${process.pid}-${ts}`,
    deviceId: DETECTOR,
    seq: 0,
    ts,
    intervalStart: ts - 30_000,
  });
  await device.publishAsync(topic, JSON.stringify(report), { qos: 1 });
  await expect
    .poll(async () => seriesValue(await scrape(), 'its_edge_messages_rejected_total{reason="not-json"}'), {
      timeout: 20_000,
      interval: 100,
    })
    .toBe(1);
  const after = await scrape();
  expect(seriesValue(after, 'its_edge_messages_rejected_total{reason="schema"}')).toBe(1);
  // The valid report is the one behind the two bad ones (QoS 1, one session: in order).
  await expect
    .poll(async () => seriesValue(await scrape(), 'its_edge_messages_accepted_total{kind="det.report"}'), {
      timeout: 20_000,
      interval: 100,
    })
    .toBe(1);
  // The control loop steps each intersection once a second.
  await expect
    .poll(
      async () => seriesValue(await scrape(), 'its_edge_strategy_step_seconds_count{strategy="actuated"}'),
      {
        timeout: 20_000,
        interval: 200,
      },
    )
    .toBeGreaterThan(0);

  const unknown = await fetch(`${base}/metrics/../admin`);
  expect(unknown.status).toBe(404);
  expect(await unknown.json()).toMatchObject({ error: 'not-found' });
  const post = await fetch(`${base}/metrics`, { method: 'POST', body: 'x'.repeat(100_000) });
  expect(post.status).toBe(405);
  expect(post.headers.get('allow')).toBe('GET, HEAD');
  const head = await fetch(`${base}/metrics`, { method: 'HEAD' });
  expect(head.status).toBe(200);
  expect(await head.text()).toBe('');
}, 60_000);

test('before the edge is up /readyz says starting; a taken port fails the start unless optional', async () => {
  const lines: string[] = [];
  const endpoint = await startMetricsEndpoint(
    { port: 0 },
    { edgeId: 'edge-x', region: 'x', strategy: 'actuated' },
    (l) => lines.push(l),
  );
  if (endpoint === null) throw new Error('no endpoint');
  try {
    const r = await fetch(`http://127.0.0.1:${endpoint.port}/readyz`);
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({ status: 'not-ready', phase: 'starting' });
    const m = await (await fetch(`http://127.0.0.1:${endpoint.port}/metrics`)).text();
    expect(m).toContain('its_edge_ready 0');
  } finally {
    await endpoint.close();
  }
  blocker = createServer();
  const taken = await new Promise<number>((resolve) =>
    blocker?.listen(0, '127.0.0.1', () => resolve((blocker?.address() as { port: number }).port)),
  );
  const identity = { edgeId: 'edge-x', region: 'x', strategy: 'actuated' };
  await expect(startMetricsEndpoint({ port: taken }, identity, () => {})).rejects.toThrow(ConfigError);
  expect(
    await startMetricsEndpoint({ port: taken, optional: true }, identity, (l) => lines.push(l)),
  ).toBeNull();
  expect(lines.join('\n')).toMatch(/no metrics endpoint .*EADDRINUSE/);
});
