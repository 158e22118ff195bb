/**
 * @module displays/testing/display-center
 * A real center (through its public door) serving the built display pages, fed with demo-city uplinks
 * by {@link DemoFeed} once a second until stopped. For the browser tests.
 */
import { startCenterNode, type CenterNode } from '../../center/index.ts';
import { loadScenario, type Scenario } from '../../core/index.ts';
import { ensureDisplaysBuilt } from '../build/build-displays.ts';
import { displaysRoutes } from '../serve/display-routes.ts';
import { DemoFeed } from './demo-feed.ts';

/** Tokens of the test center. */
export const TEST_TOKENS = {
  operator: 'operator-token-displays-0001',
  viewer: 'viewer-token-displays-00001',
} as const;

/** A running, fed center. */
export type DisplayCenter = {
  readonly node: CenterNode;
  readonly scenario: Scenario;
  readonly base: string;
  /** Stop sending uplinks (the feed "goes dead"). */
  stopFeed(): void;
  /** Send uplinks again every second. */
  startFeed(): void;
  close(): Promise<void>;
};

/** Build the pages if needed, start a center with them, and feed it. */
export async function startDisplayCenter(scenarioPath = 'scenarios/demo-city'): Promise<DisplayCenter> {
  const built = await ensureDisplaysBuilt();
  const scenario = loadScenario(scenarioPath);
  const node = await startCenterNode({
    scenario,
    httpPort: 0,
    tokens: [
      { name: 'duty-operator', role: 'operator', token: TEST_TOKENS.operator },
      { name: 'wall-viewer', role: 'viewer', token: TEST_TOKENS.viewer },
    ],
    rateLimit: { perSecond: 1000, burst: 2000 },
    extraRoutes: [displaysRoutes(built.outDir)],
    log: () => undefined,
  });
  const feed = new DemoFeed(scenario, (topic, payload) => node.ingest.handle(topic, payload));
  const started = Date.now();
  await feed.announceEdges(started);
  await feed.step(started, 0);
  let timer: NodeJS.Timeout | null = null;
  const startFeed = (): void => {
    if (timer !== null) return;
    timer = setInterval(() => {
      const now = Date.now();
      void feed.step(now, (now - started) / 1000);
    }, 1000);
  };
  const stopFeed = (): void => {
    if (timer !== null) clearInterval(timer);
    timer = null;
  };
  startFeed();
  return {
    node,
    scenario,
    base: `http://127.0.0.1:${node.port}`,
    stopFeed,
    startFeed,
    close: async () => {
      stopFeed();
      await node.close();
    },
  };
}
