/**
 * @module center/node/testing/start-centers
 * The two ways the shared API suites start a center on the mini scenario: in-process (memory store,
 * batches handed to `ingest.handle`, the `node` web engine) and on the machine's Redis and Mosquitto
 * (isolated prefix and share group, batches published over MQTT by a {@link TestEdge}, the default
 * engine). {@link IsolatedRun} also starts several instances on one prefix for the two-instance tests,
 * and deletes the run's Redis keys when closed.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { loadScenario, SystemClock } from '../../../core/index.ts';
import { TestPrefixes } from '../../adapters/redis/testing.ts';
import type { ApiToken } from '../../http/index.ts';
import { sampleBatch } from '../../ingest/index.ts';
import { startCenterNode, type CenterNode, type CenterNodeOptions } from '../center-node.ts';
import type { CenterUnderTest, StartCenter } from './center-under-test.ts';
import { isolatedCenterOptions, MACHINE_REDIS_URL } from './isolated-center.ts';
import { TestEdge } from './test-edge.ts';

const MINI = 'core/scenario/fixtures/mini.json';

/** A center on the in-process store; batches go straight to its ingest. */
export const startInProcessCenter: StartCenter = async (tokens) => {
  const node = await startCenterNode({
    scenario: loadScenario(MINI),
    clock: new SystemClock(),
    httpPort: 0,
    engine: 'node',
    maxBodyBytes: 4096,
    tokens,
  });
  let seq = 0;
  return {
    node,
    base: `http://127.0.0.1:${node.port}`,
    publish: async (items) => {
      const b = sampleBatch({ region: 'gangnam', edgeId: 'edge-gangnam', seq: seq++, items });
      const outcome = await node.ingest.handle('its/v1/gangnam/edge/edge-gangnam/up', JSON.stringify(b));
      expect(outcome.status).toBe('accepted');
    },
    close: () => node.close(),
  };
};

/**
 * One test run's centers on the machine's Redis and Mosquitto: a Redis prefix and share group of its
 * own, the group doubling as the only edge id its centers hear.
 */
export class IsolatedRun {
  readonly group = `g${randomUUID().slice(0, 8)}`;
  readonly #prefixes = new TestPrefixes(MACHINE_REDIS_URL);
  readonly prefix = this.#prefixes.fresh();
  readonly #nodes: CenterNode[] = [];
  readonly #edges: TestEdge[] = [];

  /** Start instance `name` (its `centerId`, as acks name it) with these tokens and options. */
  async center(
    name: string,
    tokens: readonly ApiToken[],
    more: Partial<Omit<CenterNodeOptions, 'scenario' | 'tokens'>> = {},
  ): Promise<CenterNode> {
    const node = await startCenterNode({
      scenario: loadScenario(MINI),
      ...isolatedCenterOptions(this.group, this.prefix),
      httpPort: 0,
      centerId: name,
      tokens,
      ...more,
    });
    this.#nodes.push(node);
    return node;
  }

  /** The run's edge (id = the group), publishing over MQTT. */
  async edge(): Promise<TestEdge> {
    const edge = await TestEdge.connect(this.group);
    this.#edges.push(edge);
    return edge;
  }

  /** Close the edges and centers, then delete every Redis key of the run (audit stream included). */
  async close(): Promise<void> {
    await Promise.all(this.#edges.splice(0).map((e) => e.close()));
    await Promise.all(this.#nodes.splice(0).map((n) => n.close()));
    await this.#prefixes.purge();
  }
}

/**
 * A center on Redis whose batches an edge publishes over the real broker; `more` adds options, e.g.
 * `{ ingestThread: true }`.
 */
export function redisCenterStarter(
  more: Partial<Omit<CenterNodeOptions, 'scenario' | 'tokens'>> = {},
): StartCenter {
  return async (tokens): Promise<CenterUnderTest> => {
    const run = new IsolatedRun();
    try {
      const node = await run.center('center-a', tokens, more);
      const edge = await run.edge();
      return {
        node,
        base: `http://127.0.0.1:${node.port}`,
        publish: async (items) => {
          expect(await edge.publish(items)).toBe('center-a');
        },
        close: () => run.close(),
      };
    } catch (err) {
      await run.close();
      throw err;
    }
  };
}

/** A center on Redis, ingest in this thread, whose batches an edge publishes over the real broker. */
export const startRedisCenter: StartCenter = redisCenterStarter();
