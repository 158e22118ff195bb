import { statSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from 'vitest';
import { spawnDemo } from './testing/demo-process.ts';

test('its demo starts every part, serves live pages and data, and stops cleanly on Ctrl-C', async () => {
  const demo = spawnDemo(['--speed', '10']);
  try {
    const urls = await demo.ready;
    expect(urls.mqtt).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
    expect(urls.opcua).toMatch(/^opc\.tcp:\/\//);
    expect(urls.stops.length).toBeGreaterThan(0);

    const health = await fetch(`${urls.http}/healthz`);
    expect(health.status).toBe(200);

    // Each region's edge serves its metrics endpoint, as `its edge` does, on a port of its own.
    expect(urls.edgeMetrics).toHaveLength(2);
    expect(new Set(urls.edgeMetrics).size).toBe(2);
    for (const url of urls.edgeMetrics) {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const metrics = await fetch(url);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toMatch(
        /^its_edge_info\{edge_id="edge-[^"]+",region="[^"]+",strategy="scats"\} 1$/m,
      );
      await expect
        .poll(async () => (await fetch(url.replace(/\/metrics$/, '/readyz'))).status, { timeout: 10_000 })
        .toBe(200);
      expect((await fetch(url.replace(/\/metrics$/, '/healthz'))).status).toBe(200);
    }

    // Signal states and measured link states reach the center through edges and their uplinks.
    await expect
      .poll(async () => ((await (await fetch(`${urls.http}/api/v1/signals`)).json()) as unknown[]).length, {
        timeout: 45_000,
        interval: 500,
      })
      .toBeGreaterThan(0);
    await expect
      .poll(
        async () => {
          const links = (await (await fetch(`${urls.http}/api/v1/links`)).json()) as {
            features: { properties: { source?: string } }[];
          };
          return links.features.filter((f) => f.properties.source === 'live').length;
        },
        { timeout: 45_000, interval: 500 },
      )
      .toBeGreaterThan(0);

    // Simulated card taps and toll passes reach the clearing house through the edges' ledgers and
    // settlement batches, and the day reconciles: payer debits equal operator credits to the won.
    type Report = { operators: unknown[]; reconciliation: { reconciled: boolean; payerDebitsKrw: number } };
    const report = async (): Promise<Report | null> => {
      const { days } = (await (await fetch(`${urls.http}/api/v1/clearing/days`)).json()) as {
        days: string[];
      };
      const day = days[days.length - 1];
      return day === undefined
        ? null
        : ((await (await fetch(`${urls.http}/api/v1/clearing/${day}`)).json()) as Report);
    };
    await expect
      .poll(async () => (await report())?.reconciliation.payerDebitsKrw ?? 0, {
        timeout: 60_000,
        interval: 1000,
      })
      .toBeGreaterThan(0);
    expect((await report())?.reconciliation.reconciled).toBe(true);

    expect((await fetch(`${urls.http}/`)).status).toBe(200);
    expect((await fetch(urls.stops[0] ?? '')).status).toBe(200);
    if (urls.sign !== null) expect((await fetch(urls.sign)).status).toBe(200);

    // Secrets are generated owner-only and never printed.
    const mode = statSync(join(demo.dataDir, 'credentials.json')).mode & 0o777;
    expect(mode).toBe(0o600);
    expect(demo.output()).not.toMatch(/"password"|"token"/);
  } finally {
    demo.child.kill('SIGINT');
  }
  expect(await demo.exited).toBe(0);
  expect(demo.output()).toMatch(/its demo: stopped/);
}, 150_000);

test('its demo refuses an --edge-metrics other than on or off, naming the flag, before starting anything', async () => {
  const demo = spawnDemo(['--edge-metrics', 'maybe']);
  demo.ready.catch(() => {});
  expect(await demo.exited).toBe(2);
  expect(demo.output()).toMatch(/ConfigError: --edge-metrics: must be on or off, got maybe/);
  expect(demo.output()).not.toMatch(/^ready /m);
}, 30_000);
