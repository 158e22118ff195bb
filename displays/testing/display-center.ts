/**
 * @module displays/testing/display-center
 * A real center (through its public door) serving the built display pages, fed with demo-city uplinks
 * by {@link DemoFeed} once a second until stopped. For the browser tests.
 */
import { startCenterNode, type CenterNode, type WebEngine } from '../../center/index.ts';
import { loadScenario, type Clock, type Scenario } from '../../core/index.ts';
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
  /** The running center (a new one after {@link DisplayCenter.restartCenter}). */
  readonly node: CenterNode;
  readonly scenario: Scenario;
  readonly base: string;
  /** Stop sending uplinks (the feed "goes dead"). */
  stopFeed(): void;
  /** Send uplinks again every second. */
  startFeed(): void;
  /** Stop the center and start a fresh one on the same port (clients see their connection drop). */
  restartCenter(): Promise<void>;
  close(): Promise<void>;
};

/** Options of {@link startDisplayCenter}. */
export type DisplayCenterOptions = {
  /** Default `scenarios/demo-city`. */
  readonly scenarioPath?: string;
  /** Web server; `node` for restart tests (the uWS server does not free its port at once on close). */
  readonly engine?: WebEngine;
  /** The center's clock (default the system clock), e.g. a `ScaledClock` to run as the demo does. */
  readonly clock?: Clock;
  /** Feed uplinks from the start (default true); false leaves the center with its timetable only. */
  readonly feed?: boolean;
};

/** Build the pages if needed, start a center with them, and feed it. */
export async function startDisplayCenter(options: DisplayCenterOptions = {}): Promise<DisplayCenter> {
  const scenarioPath = options.scenarioPath ?? 'scenarios/demo-city';
  const built = await ensureDisplaysBuilt();
  const scenario = loadScenario(scenarioPath);
  const start = (httpPort: number): Promise<CenterNode> =>
    startCenterNode({
      scenario,
      httpPort,
      engine: options.engine ?? 'auto',
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      tokens: [
        { name: 'duty-operator', role: 'operator', token: TEST_TOKENS.operator },
        { name: 'wall-viewer', role: 'viewer', token: TEST_TOKENS.viewer },
      ],
      rateLimit: { perSecond: 1000, burst: 2000 },
      extraRoutes: [displaysRoutes(built.outDir)],
      log: () => undefined,
    });
  let node = await start(0);
  const port = node.port;
  let feed = new DemoFeed(scenario, (topic, payload) => node.ingest.handle(topic, payload));
  const started = Date.now();
  if (options.feed !== false) {
    await feed.announceEdges(started);
    await feed.step(started, 0);
  }
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
  if (options.feed !== false) startFeed();
  return {
    get node() {
      return node;
    },
    scenario,
    base: `http://127.0.0.1:${port}`,
    stopFeed,
    startFeed,
    restartCenter: async () => {
      stopFeed();
      await node.close();
      // The old listener may take a moment to let go of the port.
      for (let attempt = 0; ; attempt++) {
        try {
          node = await start(port);
          break;
        } catch (err) {
          if ((err as { code?: string }).code !== 'EADDRINUSE' || attempt >= 50) throw err;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      feed = new DemoFeed(scenario, (topic, payload) => node.ingest.handle(topic, payload));
      await feed.announceEdges(Date.now());
      await feed.step(Date.now(), (Date.now() - started) / 1000);
      startFeed();
    },
    close: async () => {
      stopFeed();
      await node.close();
    },
  };
}
