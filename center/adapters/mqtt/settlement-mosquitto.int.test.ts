/**
 * @module center/adapters/mqtt/settlement-mosquitto.int.test
 * Against Mosquitto (MQTT 5): the clearing house subscribes through a shared subscription, records a
 * batch, answers `accepted` on the edge's ack topic and `duplicate` to a resend, and refuses a payload
 * that is not a batch, counted by reason.
 */
import mqtt from 'mqtt';
import { expect, test } from 'vitest';
import { SystemClock } from '../../../core/clock/index.ts';
import type { SettlementAck, SettlementBatch } from '../../../core/messages/index.ts';
import { ClearingHouse } from '../../clearing/index.ts';
import { connectSettlementSubscriber } from './settlement-subscriber.ts';

const MOSQUITTO = process.env['MQTT_URL'] ?? 'mqtt://127.0.0.1:1883';

test('answers a batch over MQTT 5 shared subscription, once accepted and then duplicate', async () => {
  const tag = `s${process.pid}x${Date.now() % 1_000_000}`;
  const house = new ClearingHouse({ centerId: 'center-1', clock: new SystemClock() });
  const errors: string[] = [];
  const sub = await connectSettlementSubscriber({
    url: MOSQUITTO,
    receive: (b) => house.receive(b),
    clientId: `clearing-${tag}`,
    shareGroup: `g${tag}`,
    onError: (err) => errors.push((err as Error).message),
  });
  expect(sub.protocolVersion).toBe(5);
  expect(sub.subscription).toBe(`$share/g${tag}/its/v1/+/edge/+/settle`);
  const edge = await mqtt.connectAsync(MOSQUITTO, { clientId: `edge-${tag}` });
  const acks: SettlementAck[] = [];
  edge.on('message', (_t, payload) => acks.push(JSON.parse(payload.toString()) as SettlementAck));
  await edge.subscribeAsync(`its/v1/${tag}/cmd/edge-1/settle`, { qos: 1 });
  const leg = {
    journeyId: 'j1',
    day: '2026-03-10',
    legNo: 1,
    operatorId: 'seoul-metro',
    mode: 'subway',
    routeId: null,
    legBaseKrw: 1550,
    legM: 0,
    reason: 'base',
  };
  const base = { txnNo: 1, entryKind: 'post' as const, messageId: 'm1', version: 1, leg, postedMs: 0 };
  const batch: SettlementBatch = {
    kind: 'settlement.batch',
    id: `${tag}:00000001`,
    deviceId: 'edge-1',
    seq: 1,
    ts: Date.now(),
    region: tag,
    ledgerId: tag,
    fromEntryNo: 1,
    toEntryNo: 2,
    entries: [
      { ...base, entryNo: 1, account: 'card:c1', amountKrw: 1550 },
      { ...base, entryNo: 2, account: 'operator:seoul-metro', amountKrw: -1550 },
    ],
  };
  const topic = `its/v1/${tag}/edge/edge-1/settle`;
  await edge.publishAsync(topic, JSON.stringify(batch), { qos: 1 });
  await expect.poll(() => acks.map((a) => a.status), { timeout: 10_000 }).toEqual(['accepted']);
  await edge.publishAsync(topic, JSON.stringify(batch), { qos: 1 });
  await edge.publishAsync(topic, 'not json', { qos: 1 });
  await expect.poll(() => acks.map((a) => a.status), { timeout: 10_000 }).toEqual(['accepted', 'duplicate']);
  await expect.poll(() => sub.counters.refused.get('not-json'), { timeout: 10_000 }).toBe(1);
  expect(house.report('2026-03-10').reconciliation).toMatchObject({ payerDebitsKrw: 1550, reconciled: true });
  expect(errors).toEqual([]);
  await edge.endAsync(true);
  await sub.close();
});
