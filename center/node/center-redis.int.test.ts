/**
 * @module center/node/center-redis.int.test
 * The shared API and GTFS-realtime suites on the machine's Redis and Mosquitto: every batch is
 * published by an edge over the broker and counted stored only when the center's `uplink.ack` names
 * it; each suite's center has a Redis prefix and share group of its own, deleted afterwards.
 */
import { describe } from 'vitest';
import { runCenterApiSuite, runGtfsRtSuite, startRedisCenter } from './testing/index.ts';

describe('API and channels, Redis and MQTT', () => runCenterApiSuite({ start: startRedisCenter }));
describe('GTFS-realtime, Redis and MQTT', () => runGtfsRtSuite({ start: startRedisCenter }));
