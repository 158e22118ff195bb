/**
 * @module center/node/center-redis-thread.int.test
 * The shared API suite once more with the ingest in a worker thread (`ingestThread`): MQTT receive,
 * the Redis commit and the uplink acks in the worker, the API and channels on the main thread, which
 * hears the stored batches on the store's update channel. Machine Redis and Mosquitto, own prefix and
 * share group, deleted afterwards.
 */
import { describe } from 'vitest';
import { redisCenterStarter, runCenterApiSuite } from './testing/index.ts';

describe('API and channels, Redis and MQTT, ingest thread', () =>
  runCenterApiSuite({ start: redisCenterStarter({ ingestThread: true }) }));
