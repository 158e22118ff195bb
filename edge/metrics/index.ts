/**
 * @module edge/metrics
 * The edge's metrics and health endpoint as plain data: metric families read from the parts' stats,
 * their Prometheus text exposition, the strategy step histogram, and the answers to `/metrics`,
 * `/healthz` and `/readyz`. The HTTP server is edge/adapters/http; edge/runtime wires them.
 */
export { EXPOSITION_CONTENT_TYPE, renderExposition } from './exposition.ts';
export type { HistogramSeries, Labels, MetricFamily, Sample } from './exposition.ts';
export { edgeMetricFamilies } from './edge-metrics.ts';
export type { EdgeMetricsSample } from './edge-metrics.ts';
export { StepHistogram, STEP_BUCKETS_S } from './step-histogram.ts';
export { answerEndpointRequest, ENDPOINT_PATHS } from './endpoint.ts';
export type { EndpointAnswer, EndpointRequest, EndpointSources, Readiness } from './endpoint.ts';
