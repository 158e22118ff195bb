import { randomBytes, randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { test, expect } from 'vitest';
import { startTestDemo } from '../testing/in-process-demo.ts';

const SPEED = 5;
const HOSTILE_MQTT = 100_000;
const KINDS = ['det', 'bus', 'tap', 'toll', 'status', 'spat', 'sig'] as const;

/** One hostile payload and topic: malformed, oversized, replayed, out of range, or mismatched. */
function hostile(i: number, sample: Record<string, unknown>, sampleTopic: string): [string, Buffer | string] {
  const kind = KINDS[i % KINDS.length] ?? 'det';
  const topic = `its/v1/gangnam/${kind}/X${i % 97}`;
  switch (i % 6) {
    case 0:
      return [topic, randomBytes(1 + (i % 64))];
    case 1:
      return [topic, i % 100 === 1 ? `{"kind":"det.report","pad":"${'x'.repeat(70_000)}"}` : '{"kind":'];
    case 2:
      return [sampleTopic, JSON.stringify(sample)];
    case 3: {
      const out: Record<string, unknown> = { ...sample, id: randomUUID() };
      for (const [k, v] of Object.entries(out)) if (typeof v === 'number' && k !== 'seq') out[k] = -1e12;
      return [sampleTopic, JSON.stringify(out)];
    }
    case 4:
      return [topic.replace('/det/', '/bus/'), JSON.stringify({ ...sample, id: randomUUID() })];
    default:
      // A wildcard in a publish topic is a protocol violation the broker answers by disconnecting
      // (MQTT 3.1.1 §3.3.2.1), so the schema-level garbage stays on valid topics.
      return [topic, JSON.stringify({ kind: 'det.report', id: i, deviceId: null, seq: -i })];
  }
}

type IngestView = { dropped: number; accepted: number; droppedByReason: Record<string, number | undefined> };

test('hostile input: 100,000 bad MQTT messages and bad HTTP requests beside normal traffic', async () => {
  const { demo } = await startTestDemo(SPEED, { regions: ['gangnam'] });
  const edge = demo.edges[0];
  if (edge === undefined) throw new Error('no edge');
  const http = demo.endpoints.http;
  const attacker = await mqtt.connectAsync(demo.broker.url, {
    clientId: `hostile-${process.pid}`,
    protocolVersion: 4,
  });
  try {
    // A real detector report to replay and to bend out of range.
    await attacker.subscribeAsync('its/v1/gangnam/det/+', { qos: 0 });
    const [sampleTopic, sample] = await new Promise<[string, Record<string, unknown>]>((resolve) =>
      attacker.once('message', (t, p) => resolve([t, JSON.parse(p.toString()) as Record<string, unknown>])),
    );
    await attacker.unsubscribeAsync('its/v1/gangnam/det/+');
    const ingest = (): IngestView => edge.stats().node.ingest;
    const before = ingest();
    const centerBatches = (): number => demo.center.ingest.stats().edges.reduce((n, e) => n + e.received, 0);
    const batchesBefore = centerBatches();

    for (let i = 0; i < HOSTILE_MQTT; i++) {
      const [topic, payload] = hostile(i, sample, sampleTopic);
      attacker.publish(topic, payload, { qos: 0 });
      if (i % 2_000 === 0) await new Promise((r) => setImmediate(r));
    }

    // HTTP: malformed, unauthorized, oversized and unknown requests on every kind of route.
    const statuses = new Map<number, number>();
    const requests: [string, RequestInit][] = [
      ['/api/v1/incidents', { method: 'POST', body: '{"bad":' }],
      ['/api/v1/incidents', { method: 'POST', body: '{}', headers: { authorization: 'Bearer nope' } }],
      ['/api/v1/incidents/x', { method: 'PATCH', body: 'x'.repeat(2_000_000) }],
      ['/api/v1/incidents/x', { method: 'DELETE' }],
      ['/api/v1/signs/x/messages', { method: 'POST', body: '[]' }],
      ['/api/v1/signs/x/messages/y', { method: 'DELETE' }],
      ['/api/v1/signals/GN01/commands', { method: 'POST', body: '{"command":"flash"}' }],
      ['/api/v1/links/%00%ff', {}],
      ['/api/v1/stops/../../etc/passwd/arrivals', {}],
      ['/api/v1/route?from=&to=999999', {}],
      ['/gtfs-rt/trip-updates?format=%%%', {}],
      ['/stop/%3Cscript%3E', {}],
      ['/nope', {}],
    ];
    for (let round = 0; round < 40; round++)
      await Promise.all(
        requests.map(async ([path, init]) => {
          const res = await fetch(`${http}${path}`, init);
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }),
      );
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    expect([...statuses.keys()].filter((s) => s >= 400).length).toBeGreaterThan(0);

    // Every hostile message is counted as dropped, by reason.
    await expect
      .poll(() => ingest().dropped - before.dropped, { timeout: 180_000, interval: 1_000 })
      .toBeGreaterThanOrEqual(HOSTILE_MQTT - HOSTILE_MQTT / 6);
    const after = ingest();
    const byReason = Object.values(after.droppedByReason).reduce<number>((n, v) => n + (v ?? 0), 0);
    expect(byReason).toBe(after.dropped);
    // Normal traffic kept flowing through the edge to the center, and everything still answers.
    await expect.poll(() => ingest().accepted, { timeout: 60_000 }).toBeGreaterThan(before.accepted + 100);
    await expect.poll(centerBatches, { timeout: 60_000 }).toBeGreaterThan(batchesBefore + 2);
    expect((await fetch(`${http}/healthz`)).status).toBe(200);
  } finally {
    await attacker.endAsync(true);
    await demo.close();
  }
}, 400_000);
