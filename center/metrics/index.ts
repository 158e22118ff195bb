/**
 * @module center/metrics
 * Prometheus counters and gauges of the center.
 */
export { Metrics } from './metrics.ts';
