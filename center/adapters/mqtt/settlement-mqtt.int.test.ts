/**
 * @module center/adapters/mqtt/settlement-mqtt.int.test
 * Settlement over real brokers: taps and toll passes published by devices (duplicated, reordered,
 * partly late) reach the edge ledger service, its settlement batches reach the clearing house over the
 * center broker and are recorded in a SQLite clearing store, and the center's report equals clearing
 * the same day from an in-order, exactly-once reference ledger, reconciled to the won. The center is
 * restarted in between and a batch is replayed: nothing is lost or counted twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, expect, test } from 'vitest';
import { SystemClock, VirtualClock } from '../../../core/clock/index.ts';
import { kst, seoulPolicy } from '../../../core/fares/index.ts';
import type { SettlementAck } from '../../../core/messages/index.ts';
import { topicForMessage } from '../../../core/topics/index.ts';
import { startLedgerService } from '../../../edge/adapters/mqtt/ledger-service.ts';
import { startTestBroker } from '../../../edge/adapters/mqtt/test-broker.ts';
import { SqliteLedgerStore } from '../../../edge/adapters/sqlite/index.ts';
import type { RatedMessage } from '../../../edge/ledger/index.ts';
import {
  Ledger,
  MemoryLedgerStore,
  SYNTHETIC_TOLL_NETWORK,
  syntheticDay,
  uploadSchedule,
} from '../../../edge/ledger/index.ts';
import { accumulateLedgers, ClearingHouse, clearDay } from '../../clearing/index.ts';
import { SqliteClearingStore } from '../sqlite/index.ts';
import { connectSettlementSubscriber } from './settlement-subscriber.ts';

const dir = mkdtempSync(join(tmpdir(), 'settle-mqtt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('taps over a real broker end in the center report, reconciled, across a center restart', async () => {
  const field = await startTestBroker();
  const centerBroker = await startTestBroker();
  const tag = `${process.pid}-${Date.now()}`;
  const clock = new SystemClock();
  const clearingFile = join(dir, 'clearing.sqlite');
  const startCenter = async () => {
    const house = new ClearingHouse({
      centerId: 'center-1',
      clock,
      store: new SqliteClearingStore(clearingFile),
    });
    const sub = await connectSettlementSubscriber({
      url: centerBroker.url,
      receive: (b) => house.receive(b),
      clientId: `clearing-${tag}`,
      protocol: 4,
      reconnectPeriodMs: 100,
    });
    return { house, sub };
  };
  let center = await startCenter();

  const ledger = Ledger.open(new SqliteLedgerStore(join(dir, 'edge.sqlite')), {
    policy: seoulPolicy(),
    tollNetwork: SYNTHETIC_TOLL_NETWORK,
    clock,
    edgeId: 'edge-gn',
    region: 'gn',
  });
  const service = await startLedgerService({
    ledger,
    clock,
    region: 'gn',
    edgeId: 'edge-gn',
    fieldUrl: field.url,
    centerUrl: centerBroker.url,
    clientIdPrefix: `edge-gn-${tag}`,
    reconnectPeriodMs: 100,
    settlement: { resendAfterMs: 300, pollMs: 50 },
  });
  const spy = await mqtt.connectAsync(centerBroker.url, { clientId: `spy-${tag}` });
  const batches: Buffer[] = [];
  const acks: SettlementAck[] = [];
  spy.on('message', (topic, payload) => {
    if (topic.startsWith('its/v1/gn/edge/')) batches.push(payload);
    else acks.push(JSON.parse(payload.toString()) as SettlementAck);
  });
  await spy.subscribeAsync({ 'its/v1/gn/edge/+/settle': { qos: 1 }, 'its/v1/gn/cmd/+/settle': { qos: 1 } });

  const day = syntheticDay({ seed: 9, riders: 1500, tollPasses: 300, dayStartMs: kst('2026-03-10T00:00') });
  const unique: RatedMessage[] = [...day.taps, ...day.passes];
  const arrivals = uploadSchedule(unique, {
    seed: 10,
    duplicateShare: 0.05,
    lateDeviceShare: 0.1,
    reorderWindow: 200,
  });
  const device = await mqtt.connectAsync(field.url, { clientId: `devices-${tag}` });
  const publish = (messages: readonly RatedMessage[]) =>
    Promise.all(
      messages.map((m) => device.publishAsync(topicForMessage('gn', m), JSON.stringify(m), { qos: 1 })),
    );
  const settled = async (recorded: number) => {
    await expect.poll(() => ledger.counters.recorded, { timeout: 30_000, interval: 50 }).toBe(recorded);
    await expect
      .poll(
        () => ledger.pendingBatches === 0 && center.house.lastEntryNo(ledger.ledgerId) === ledger.lastEntryNo,
        {
          timeout: 30_000,
          interval: 50,
        },
      )
      .toBe(true);
  };

  // On-time uploads first; the late readers' messages come after a center restart.
  const half = Math.floor(arrivals.length * 0.6);
  await publish(arrivals.slice(0, half));
  await settled(new Set(arrivals.slice(0, half).map((m) => m.id)).size);
  await center.sub.close();
  center.house.close();
  center = await startCenter();
  await publish(arrivals.slice(half));
  await settled(unique.length);

  // A batch replayed by hand is answered `duplicate` and changes nothing.
  const before = center.house.report('2026-03-10');
  const first = batches[0] as Buffer;
  await spy.publishAsync('its/v1/gn/edge/edge-gn/settle', first, { qos: 1 });
  const firstId = (JSON.parse(first.toString()) as { id: string }).id;
  await expect
    .poll(() => acks.filter((a) => a.batchId === firstId).map((a) => a.status))
    .toContain('duplicate');
  expect(center.house.report('2026-03-10')).toEqual(before);

  // The same as clearing the edge's ledger file, and as an in-order exactly-once reference ledger.
  const reference = new MemoryLedgerStore();
  Ledger.open(reference, {
    policy: seoulPolicy(),
    tollNetwork: SYNTHETIC_TOLL_NETWORK,
    clock: new VirtualClock(0),
    edgeId: 'ref',
    region: 'gn',
  }).ingest(unique);
  const referenceAcc = accumulateLedgers([{ ledgerId: 'ref', entries: reference.entries() }]);
  expect(center.house.days().length).toBeGreaterThan(0);
  for (const d of center.house.days()) {
    const report = center.house.report(d);
    const expected = clearDay(referenceAcc, d, 'base-fare');
    expect(report.reconciliation.reconciled).toBe(true);
    expect(report.reconciliation.payerDebitsKrw).toBe(report.reconciliation.operatorCreditsKrw);
    expect(report.operators).toEqual(expected.operators);
    expect(report.reconciliation.debitsKrw).toEqual(expected.reconciliation.debitsKrw);
    expect(report.journeys).toBe(expected.journeys);
  }
  expect(before.reconciliation.payerDebitsKrw).toBeGreaterThan(0);

  await service.close();
  ledger.close();
  await center.sub.close();
  center.house.close();
  await device.endAsync(true);
  await spy.endAsync(true);
  await field.stop();
  await centerBroker.stop();
}, 60_000);
