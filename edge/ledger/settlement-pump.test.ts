/**
 * @module edge/ledger/settlement-pump.test
 * The pump sends one batch at a time, resends it with the same id until acknowledged, and sends the
 * next as soon as an acknowledgement settles the one in flight.
 */
import { expect, test } from 'vitest';
import { VirtualClock } from '../../core/clock/index.ts';
import { kst, seoulPolicy, tapOf, TEST_TOLL_NETWORK } from '../../core/fares/index.ts';
import type { SettlementAck, SettlementBatch } from '../../core/messages/index.ts';
import { Ledger, MemoryLedgerStore, SettlementPump } from './index.ts';

const t0 = kst('2026-03-10T08:00');

function ackOf(batch: SettlementBatch, status: SettlementAck['status'] = 'accepted'): SettlementAck {
  return {
    kind: 'settlement.ack',
    id: `ack:${batch.id}`,
    deviceId: 'center-1',
    seq: 1,
    ts: t0,
    batchId: batch.id,
    ledgerId: batch.ledgerId,
    status,
    reason: null,
  };
}

test('resends the batch in flight, backing off, until acknowledged; then sends the next at once', () => {
  const clock = new VirtualClock(t0);
  const ledger = Ledger.open(new MemoryLedgerStore(), {
    policy: seoulPolicy(),
    tollNetwork: TEST_TOLL_NETWORK,
    clock,
    edgeId: 'edge-1',
    region: 'gn',
    batchMaxEntries: 2,
  });
  ledger.ingest([0, 1].map((i) => tapOf({ tap: 'in', ts: t0 + i, cardId: `card-000${i}` })));
  const sent: SettlementBatch[] = [];
  const pump = new SettlementPump({
    ledger,
    clock,
    publish: (b) => sent.push(b),
    resendAfterMs: 1000,
    pollMs: 100,
  });
  pump.start();
  clock.advance(100);
  expect(sent.map((b) => b.seq)).toEqual([1]);
  clock.advance(1000);
  expect(sent.map((b) => b.id)).toEqual([sent[0]?.id, sent[0]?.id]);
  clock.advance(1900);
  expect(sent).toHaveLength(2);
  clock.advance(100);
  expect(sent).toHaveLength(3);
  expect(pump.onAck(ackOf(sent[0] as SettlementBatch, 'rejected'))).toBe('rejected');
  expect(pump.inFlight).toBe(true);
  expect(pump.onAck(ackOf(sent[0] as SettlementBatch))).toBe('settled');
  expect(sent.map((b) => b.seq)).toEqual([1, 1, 1, 2]);
  expect(pump.onAck(ackOf(sent[0] as SettlementBatch, 'duplicate'))).toBe('already-settled');
  expect(pump.counters).toMatchObject({ sent: 2, resent: 2 });
  pump.stop();
});
