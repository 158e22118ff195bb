/**
 * @module center/metrics/metrics.test
 */
import { expect, test } from 'vitest';
import { Metrics } from './index.ts';

test('renders counters and gauges in Prometheus text format', () => {
  const m = new Metrics();
  m.inc('its_rejects_total', 'Rejected messages', { reason: 'schema' });
  m.inc('its_rejects_total', 'Rejected messages', { reason: 'schema' }, 2);
  m.set('its_clients', 'Connected clients', 4);
  const text = m.render();
  expect(text).toContain('# TYPE its_rejects_total counter');
  expect(text).toContain('its_rejects_total{reason="schema"} 3');
  expect(text).toContain('its_clients 4');
  expect(m.value('its_rejects_total', { reason: 'schema' })).toBe(3);
});

test('a counter series taken once adds to the same series as inc', () => {
  const m = new Metrics();
  const accepted = m.counter('its_batches_total', 'Batches', { region: 'gangnam' });
  expect(m.render()).toContain('its_batches_total{region="gangnam"} 0');
  accepted();
  accepted(4);
  m.inc('its_batches_total', 'Batches', { region: 'gangnam' });
  expect(m.value('its_batches_total', { region: 'gangnam' })).toBe(6);
  expect(m.value('its_batches_total', { region: 'mapo' })).toBe(0);
});

test('escapes quotes in label values', () => {
  const m = new Metrics();
  m.inc('x_total', 'x', { edge: 'a"b' });
  expect(m.render()).toContain('x_total{edge="a\\"b"} 1');
});

test("another registry's exposition is appended to every render", () => {
  const worker = new Metrics();
  worker.inc('its_center_ingest_batches_total', 'Batches', { region: 'gangnam' }, 5);
  const m = new Metrics();
  m.set('its_clients', 'Connected clients', 2);
  m.include(() => worker.render());
  const text = m.render();
  expect(text).toContain('its_clients 2\n# HELP its_center_ingest_batches_total');
  expect(text).toContain('its_center_ingest_batches_total{region="gangnam"} 5');
});
