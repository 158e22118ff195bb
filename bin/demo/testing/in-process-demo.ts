/**
 * @module bin/demo/testing/in-process-demo
 * Test helper: the demo system started in the test's own process on free ports, a throwaway data
 * directory and a quiet log, for fault tests that need to reach into its parts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../../core/index.ts';
import { startDemo, type DemoOptions, type DemoSystem } from '../demo-system.ts';
import { REPO_ROOT } from './demo-process.ts';

/** Start the demo city at `speed` with the given fault hooks (and scenario: the demo city by default). */
export async function startTestDemo(
  speed: number,
  extra: Partial<Pick<DemoOptions, 'regions' | 'routeUplink' | 'routeOpcua' | 'redisUrl' | 'scenario'>> = {},
): Promise<{ demo: DemoSystem; log: string[] }> {
  const log: string[] = [];
  const demo = await startDemo({
    scenario: loadScenario(join(REPO_ROOT, 'scenarios', 'demo-city')),
    speed,
    httpPort: 0,
    mqttPort: 0,
    opcuaPort: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'its-fault-')),
    strategy: 'scats',
    seed: 1,
    log: (line) => log.push(line),
    // The fault tests watch the broker with plain observer clients.
    mqttAuth: 'open',
    ...extra,
  });
  return { demo, log };
}

/** Resolve after `simMs` of the demo's simulated time. */
export function simulatedDelay(demo: DemoSystem, simMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, demo.clock.wallMs(simMs)));
}
