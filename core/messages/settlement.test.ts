/**
 * @module core/messages/settlement.test
 * Settlement batches and acknowledgements parse through the one message parser.
 */
import { expect, test } from 'vitest';
import { parseMessageValue } from './index.ts';

const TS = Date.UTC(2026, 10, 26, 8, 30, 0);
const entry = {
  entryNo: 1,
  txnNo: 1,
  entryKind: 'post',
  messageId: 'tap-00000001',
  version: 1,
  account: 'card:0001',
  amountKrw: 1550,
  leg: {
    journeyId: 'tap-00000001',
    day: '2026-11-26',
    legNo: 1,
    operatorId: 'seoul-metro',
    mode: 'subway',
    routeId: null,
    legBaseKrw: 1550,
    legM: 0,
    reason: 'base',
  },
  postedMs: TS,
};
const batch = {
  kind: 'settlement.batch',
  id: 'ledger-a:00000001',
  deviceId: 'edge-gn',
  seq: 1,
  ts: TS,
  region: 'gn',
  ledgerId: 'ledger-a',
  fromEntryNo: 1,
  toEntryNo: 2,
  entries: [entry, { ...entry, entryNo: 2, account: 'operator:seoul-metro', amountKrw: -1550 }],
};

test('accepts a settlement batch and its acknowledgement', () => {
  expect(parseMessageValue(batch)).toMatchObject({ ok: true, message: { kind: 'settlement.batch' } });
  const ack = {
    kind: 'settlement.ack',
    id: 'ack-00000001',
    deviceId: 'center-1',
    seq: 1,
    ts: TS,
    batchId: batch.id,
    ledgerId: 'ledger-a',
    status: 'accepted',
    reason: null,
  };
  expect(parseMessageValue(ack)).toMatchObject({ ok: true, message: { kind: 'settlement.ack' } });
});

test('rejects a fractional amount naming the entry field', () => {
  const bad = { ...batch, entries: [{ ...entry, amountKrw: 10.5 }] };
  const result = parseMessageValue(bad);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.issues[0]?.path).toBe('entries.0.amountKrw');
});
