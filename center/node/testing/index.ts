/**
 * @module center/node/testing
 * Test support for center instances: centers isolated on the machine's Redis and Mosquitto, a test
 * edge that publishes batches and waits for their acknowledgements, the shared API and GTFS-realtime
 * suites with the two ways to start a center for them, and the incident-response assertions. Loads
 * vitest: tests only (a bench needing just the isolation options imports `isolated-center.ts`).
 */
export { runCenterApiSuite } from './center-api-suite.ts';
export {
  ADMIN,
  deltaWith,
  eventuallyGet,
  frame,
  getJson,
  OPERATOR,
  PATIENCE_MS,
  sendJson,
  subscribe,
  SUITE_TOKENS,
  VIEWER,
} from './center-under-test.ts';
export type { CenterUnderTest, FrameMatch, StartCenter } from './center-under-test.ts';
export { runGtfsRtSuite } from './gtfs-rt-suite.ts';
export { expectDetourSignsAndAlert } from './incident-response.ts';
export { isolatedCenterOptions, MACHINE_MQTT_URL, MACHINE_REDIS_URL } from './isolated-center.ts';
export { busOn140, detectorHealthItem, gangnamSignal } from './mini-items.ts';
export { IsolatedRun, redisCenterStarter, startInProcessCenter, startRedisCenter } from './start-centers.ts';
export { TestEdge } from './test-edge.ts';
