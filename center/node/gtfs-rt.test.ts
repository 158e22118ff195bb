/**
 * @module center/node/gtfs-rt.test
 * GTFS-realtime feeds served by a center on the in-process store, decoded with gtfs-realtime-bindings:
 * the shared suite, also run on Redis and the real broker by center-redis.int.test.ts.
 */
import { describe } from 'vitest';
import { runGtfsRtSuite, startInProcessCenter } from './testing/index.ts';

describe('in-process store', () => runGtfsRtSuite({ start: startInProcessCenter }));
