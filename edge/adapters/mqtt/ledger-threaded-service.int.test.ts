/**
 * @module edge/adapters/mqtt/ledger-threaded-service.int.test
 * The threaded ledger service behind a real broker: taps published at QoS 1 (duplicated, reordered)
 * are recorded once each by the worker, an invalid payload is counted and never written, settlement
 * batches published by the worker's pump are settled by the center's acknowledgements, and closing
 * leaves every message on disk. The worker keeps the caller's time (the demo's clock runs scaled).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { afterAll, expect, test } from 'vitest';
import { ScaledClock, SystemClock, VirtualClock } from '../../../core/clock/index.ts';
import { kst } from '../../../core/fares/index.ts';
import type { SettlementAck, SettlementBatch } from '../../../core/messages/index.ts';
import { buildTopic, SETTLEMENT_DETAIL, topicForMessage } from '../../../core/topics/index.ts';
import { SYNTHETIC_TOLL_NETWORK, syntheticDay, uploadSchedule } from '../../ledger/index.ts';
import { startThreadedLedgerService } from './ledger-threaded-service.ts';
import { startTestBroker } from './test-broker.ts';

const dir = mkdtempSync(join(tmpdir(), 'ledger-threaded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the threaded service records each tap once and settles its batches with the center', async () => {
  const broker = await startTestBroker();
  const tag = `${process.pid}-${Date.now()}`;
  const edgeId = `edge-${tag}`;
  const ledgerFile = join(dir, 'edge.sqlite');
  const service = await startThreadedLedgerService({
    ledgerFile,
    tollNetwork: SYNTHETIC_TOLL_NETWORK,
    clock: new SystemClock(),
    region: 'gn',
    edgeId,
    fieldUrl: broker.url,
    centerUrl: broker.url,
    reconnectPeriodMs: 100,
    settlement: { resendAfterMs: 300, pollMs: 50 },
  });
  // The center: every batch is acknowledged as accepted.
  const center = await mqtt.connectAsync(broker.url, { clientId: `center-${tag}` });
  const batches: SettlementBatch[] = [];
  center.on('message', (_topic, payload) => {
    const batch = JSON.parse(payload.toString()) as SettlementBatch;
    batches.push(batch);
    const ack: SettlementAck = {
      kind: 'settlement.ack',
      id: `ack-${batch.id}`,
      deviceId: 'center',
      seq: batches.length,
      ts: Date.now(),
      batchId: batch.id,
      ledgerId: batch.ledgerId,
      status: 'accepted',
      reason: null,
    };
    void center.publishAsync(buildTopic('gn', 'cmd', edgeId, SETTLEMENT_DETAIL), JSON.stringify(ack), {
      qos: 1,
    });
  });
  await center.subscribeAsync(`its/v1/gn/edge/${edgeId}/settle`, { qos: 1 });

  const day = syntheticDay({ seed: 21, riders: 800, tollPasses: 150, dayStartMs: kst('2026-03-10T00:00') });
  const unique = [...day.taps, ...day.passes];
  const arrivals = uploadSchedule(unique, {
    seed: 22,
    duplicateShare: 0.05,
    lateDeviceShare: 0.1,
    reorderWindow: 100,
  });
  const device = await mqtt.connectAsync(broker.url, { clientId: `devices-${tag}` });
  await Promise.all(
    arrivals.map((m) => device.publishAsync(topicForMessage('gn', m), JSON.stringify(m), { qos: 1 })),
  );
  await device.publishAsync('its/v1/gn/tap/reader-x', 'not json', { qos: 1 });

  await expect.poll(() => service.stats().recorded, { timeout: 30_000, interval: 50 }).toBe(unique.length);
  expect(service.stats().duplicates).toBe(arrivals.length - unique.length);
  expect(service.stats().rejected).toEqual({ 'not-json': 1 });
  await expect
    .poll(() => service.stats().batchesPending === 0 && service.stats().batchesSent > 0, { timeout: 30_000 })
    .toBe(true);
  expect(batches.at(-1)?.toEntryNo).toBeLessThanOrEqual(service.stats().lastEntryNo);

  await service.close();
  const db = new Database(ledgerFile, { readonly: true, fileMustExist: true });
  const onDisk = new Set((db.prepare('SELECT id FROM message').all() as { id: string }[]).map((r) => r.id));
  db.close();
  expect(onDisk).toEqual(new Set(unique.map((m) => m.id)));
  await device.endAsync(true);
  await center.endAsync(true);
  await broker.stop();
}, 60_000);

test("the worker keeps the caller's clock, and a clock it cannot keep is refused", async () => {
  const broker = await startTestBroker();
  const tag = `${process.pid}-${Date.now()}-scaled`;
  const edgeId = `edge-${tag}`;
  // Thirty days behind the wall clock and ten times as fast, as a demo's clock may be.
  const originMs = Date.now() - 30 * 86_400_000;
  const options = {
    ledgerFile: join(dir, 'scaled.sqlite'),
    tollNetwork: SYNTHETIC_TOLL_NETWORK,
    region: 'gn',
    edgeId,
    fieldUrl: broker.url,
    centerUrl: broker.url,
    settlement: { resendAfterMs: 60_000, pollMs: 50 },
  };
  await expect(startThreadedLedgerService({ ...options, clock: new VirtualClock(originMs) })).rejects.toThrow(
    /wall clock/,
  );
  const service = await startThreadedLedgerService({ ...options, clock: new ScaledClock(originMs, 10) });
  const center = await mqtt.connectAsync(broker.url, { clientId: `center-${tag}` });
  const batches: SettlementBatch[] = [];
  center.on('message', (_topic, payload) => batches.push(JSON.parse(payload.toString()) as SettlementBatch));
  await center.subscribeAsync(`its/v1/gn/edge/${edgeId}/settle`, { qos: 1 });
  const day = syntheticDay({ seed: 5, riders: 3, tollPasses: 0, dayStartMs: kst('2026-03-10T00:00') });
  const device = await mqtt.connectAsync(broker.url, { clientId: `devices-${tag}` });
  for (const m of day.taps)
    await device.publishAsync(topicForMessage('gn', m), JSON.stringify(m), { qos: 1 });
  await expect.poll(() => batches.length, { timeout: 30_000 }).toBeGreaterThan(0);
  // Stamped on the caller's clock: thirty days back, not the wall clock's now.
  expect(batches[0]!.ts).toBeGreaterThanOrEqual(originMs);
  expect(batches[0]!.ts).toBeLessThan(originMs + 86_400_000);
  await service.close();
  await device.endAsync(true);
  await center.endAsync(true);
  await broker.stop();
}, 60_000);
