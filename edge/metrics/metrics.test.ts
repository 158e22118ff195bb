/**
 * @module edge/metrics/metrics.test
 * The edge's metrics as plain data: the text exposition, the step histogram, the families read from
 * stats, and the endpoint's answers to unknown paths and wrong methods.
 */
import { expect, test } from 'vitest';
import {
  answerEndpointRequest,
  edgeMetricFamilies,
  renderExposition,
  StepHistogram,
  type EdgeMetricsSample,
  type EndpointSources,
} from './index.ts';

const sources: EndpointSources = {
  metrics: () => 'its_edge_ready 1\n',
  readiness: () => ({ ready: false, phase: 'starting' }),
};

test('renders counters with escaped labels and histograms with cumulative buckets', () => {
  const h = new StepHistogram();
  h.observe('actuated', 0.05);
  h.observe('actuated', 3);
  h.observe('actuated', 5000);
  const text = renderExposition([
    { name: 'its_x_total', type: 'counter', help: 'a\nb', samples: [{ labels: { r: 'q"\\\n' }, value: 2 }] },
    h.family(),
  ]);
  expect(text).toContain('# HELP its_x_total a\\nb\n# TYPE its_x_total counter\n');
  expect(text).toContain('its_x_total{r="q\\"\\\\\\n"} 2\n');
  expect(text).toContain('its_edge_strategy_step_seconds_bucket{strategy="actuated",le="0.0001"} 1\n');
  expect(text).toContain('its_edge_strategy_step_seconds_bucket{strategy="actuated",le="0.005"} 2\n');
  expect(text).toContain('its_edge_strategy_step_seconds_bucket{strategy="actuated",le="1"} 2\n');
  expect(text).toContain('its_edge_strategy_step_seconds_bucket{strategy="actuated",le="+Inf"} 3\n');
  expect(text).toContain('its_edge_strategy_step_seconds_count{strategy="actuated"} 3\n');
  expect(() => renderExposition([{ name: 'bad-name', type: 'gauge', help: '', samples: [] }])).toThrow(
    RangeError,
  );
});

test('every listed reason and health state has a series before anything is counted', () => {
  const sample: EdgeMetricsSample = {
    edgeId: 'edge-gangnam',
    region: 'gangnam',
    strategy: 'actuated',
    ready: true,
    fieldBrokerConnected: true,
    centerBrokerConnected: false,
    node: {
      ingest: {
        accepted: 3,
        acceptedByKind: { 'det.report': 3 },
        dropped: 1,
        droppedByReason: { 'not-json': 1 },
        missing: 2,
        repeats: 0,
        late: 0,
      },
      detectors: { reports: 3, lateFolded: 0, droppedByReason: {} },
      detectorHealth: { ok: 4, 'stuck-on': 1, 'stuck-off': 0, chattering: 0, silent: 0 },
      busFixesAccepted: 0,
      busFixesRejected: {},
      busesTracked: 0,
      busesVisiting: 0,
      priorityFixes: { home: 0, visiting: 0 },
      lateFixes: { home: 0, visiting: 0 },
      commandsSent: 7,
      uplinkItems: 9,
      operatorCommands: { accepted: 0, rejectedByReason: {}, droppedByReason: {} },
    },
    uplink: {
      sent: 2,
      acknowledged: 1,
      resent: 0,
      queuedBatches: 1,
      pendingItems: 0,
      ackTimeouts: 0,
      unknownAcks: 0,
      promptSeals: 0,
      promptDeferred: 0,
    },
    journaled: 3,
    replayed: 0,
    sessionBacklog: { resumes: 1, backlogMessages: 0, capped: 0, holding: false },
    controllers: [
      { intersectionId: 'GN01', online: true },
      { intersectionId: 'GN02', online: false },
    ],
    controllerCommandsFailed: null,
  };
  const text = renderExposition(edgeMetricFamilies(sample));
  expect(text).toContain('its_edge_messages_rejected_total{reason="not-json"} 1\n');
  expect(text).toContain('its_edge_messages_rejected_total{reason="duplicate"} 0\n');
  expect(text).toContain('its_edge_detector_dropped_total{reason="late-report"} 0\n');
  expect(text).toContain('its_edge_detectors{health="stuck-on"} 1\n');
  expect(text).toContain('its_edge_controllers{state="down"} 1\n');
  expect(text).toContain('its_edge_controller_online{intersection="GN02"} 0\n');
  expect(text).toContain('its_edge_sequence_missing_total 2\n');
  expect(text).toContain('its_edge_uplink_queued_batches 1\n');
  expect(text).not.toContain('its_edge_controller_commands_failed_total');
});

test('an unknown path is answered 404 with the paths there are', () => {
  const r = answerEndpointRequest({ method: 'GET', path: '/admin' }, sources);
  expect(r.status).toBe(404);
  expect(JSON.parse(r.body)).toMatchObject({
    error: 'not-found',
    paths: ['/metrics', '/healthz', '/readyz'],
  });
});

test('a method other than GET or HEAD is answered 405 with Allow', () => {
  const r = answerEndpointRequest({ method: 'DELETE', path: '/metrics' }, sources);
  expect(r.status).toBe(405);
  expect(r.headers.allow).toBe('GET, HEAD');
});

test('not ready is 503 with what the verdict was made of; a failing source is 500, not a crash', () => {
  const r = answerEndpointRequest({ method: 'GET', path: '/readyz' }, sources);
  expect(r.status).toBe(503);
  expect(JSON.parse(r.body)).toEqual({ status: 'not-ready', ready: false, phase: 'starting' });
  const broken: EndpointSources = {
    ...sources,
    metrics: () => {
      throw new Error('stats gone');
    },
  };
  expect(answerEndpointRequest({ method: 'GET', path: '/metrics' }, broken).status).toBe(500);
});
