import { test, expect } from 'vitest';
import { startTestDemo, simulatedDelay } from '../testing/in-process-demo.ts';
import { startPrivateRedis } from '../testing/private-redis.ts';

const SPEED = 10;

const batchesIngested = async (http: string): Promise<number> => {
  const text = await (await fetch(`${http}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('its_center_ingest_batches_total'))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
};

test('Redis restarted: the center recovers its state and keeps serving', async () => {
  const redis = await startPrivateRedis();
  const { demo } = await startTestDemo(SPEED, { regions: ['gangnam'], redisUrl: redis.url });
  const http = demo.endpoints.http;
  const signals = async (): Promise<number> => {
    const res = await fetch(`${http}/api/v1/signals`);
    return res.ok ? ((await res.json()) as unknown[]).length : -1;
  };
  try {
    await expect.poll(signals, { timeout: 60_000, interval: 500 }).toBeGreaterThan(0);

    await redis.stop();
    await simulatedDelay(demo, 30_000);
    // The process survives the outage and still answers its health check.
    expect((await fetch(`${http}/healthz`)).status).toBe(200);
    await redis.start();

    const before = await batchesIngested(http);
    await expect
      .poll(() => batchesIngested(http), { timeout: 60_000, interval: 500 })
      .toBeGreaterThan(before + 2);
    await expect.poll(signals, { timeout: 60_000, interval: 500 }).toBeGreaterThan(0);
    expect((await fetch(`${http}/`)).status).toBe(200);
  } finally {
    await demo.close();
    await redis.stop();
  }
}, 300_000);
