/**
 * @module edge/ledger/ledger.test
 * The ledger records each message once, posts balanced double entries, corrects late arrivals with new
 * entries, reports sequence gaps and settles in acknowledged, idempotent batches.
 */
import { describe, expect, test } from 'vitest';
import { VirtualClock } from '../../core/clock/index.ts';
import { kst, passOf, rateTrip, seoulPolicy, tapOf, TEST_TOLL_NETWORK } from '../../core/fares/index.ts';
import type { CardTap, SettlementAck } from '../../core/messages/index.ts';
import type { LedgerStore } from './index.ts';
import { Ledger, MemoryLedgerStore } from './index.ts';

const policy = seoulPolicy();
const t0 = kst('2026-03-10T08:00');
const min = 60_000;

function open(store: LedgerStore = new MemoryLedgerStore()): Ledger {
  return Ledger.open(store, {
    policy,
    tollNetwork: TEST_TOLL_NETWORK,
    clock: new VirtualClock(t0),
    edgeId: 'edge-1',
    region: 'gn',
    ledgerId: 'ledger-a',
    batchMaxEntries: 4,
  });
}

/** Bus 5 km then subway 7 km within the window: 1,500 + 0 + 50 + 100. */
function busThenSubway(cardId = 'card-0001'): CardTap[] {
  return [
    tapOf({ cardId, tap: 'in', ts: t0, routeId: 'r-100', odometerKm: 0 }),
    tapOf({ cardId, tap: 'out', ts: t0 + 20 * min, routeId: 'r-100', odometerKm: 5 }),
    tapOf({
      cardId,
      tap: 'in',
      ts: t0 + 30 * min,
      mode: 'subway',
      operatorId: 'op-metro',
      routeId: null,
      odometerKm: null,
    }),
    tapOf({
      cardId,
      tap: 'out',
      ts: t0 + 50 * min,
      mode: 'subway',
      operatorId: 'op-metro',
      routeId: null,
      odometerKm: null,
      legKm: 7,
    }),
  ];
}

function sum(map: Map<string, number>): number {
  let s = 0;
  for (const v of map.values()) s += v;
  return s;
}

describe('recording', () => {
  test('a message recorded twice counts once', () => {
    const ledger = open();
    const [tap] = busThenSubway();
    expect(ledger.ingest([tap as CardTap, tap as CardTap])).toMatchObject({ recorded: 1, duplicates: 1 });
    expect(ledger.ingest([tap as CardTap])).toMatchObject({ recorded: 0, duplicates: 1 });
    expect(ledger.balances().get('card:card-0001')).toBe(1500);
  });

  test('every transaction balances: card debits equal operator credits', () => {
    const ledger = open();
    ledger.ingest(busThenSubway());
    const balances = ledger.balances();
    expect(sum(balances)).toBe(0);
    expect(balances.get('card:card-0001')).toBe(1650);
    expect((balances.get('operator:op-bus') ?? 0) + (balances.get('operator:op-metro') ?? 0)).toBe(-1650);
  });

  test('late, reordered and duplicated uploads give the in-order result', () => {
    const taps = busThenSubway();
    const inOrder = open();
    inOrder.ingest(taps);
    const messy = open();
    messy.ingest([taps[3] as CardTap, taps[1] as CardTap]);
    messy.ingest([taps[2] as CardTap, taps[3] as CardTap]);
    messy.ingest([taps[0] as CardTap, taps[1] as CardTap]);
    expect(messy.chargedByMessage()).toEqual(inOrder.chargedByMessage());
    expect(messy.balances()).toEqual(inOrder.balances());
    const reference = new Map(rateTrip(taps, policy).ratings.map((r) => [r.messageId, r.chargeKrw]));
    expect(messy.chargedByMessage()).toEqual(reference);
  });

  test('a late tap corrects earlier postings with new entries, never edits', () => {
    const store = new MemoryLedgerStore();
    const ledger = open(store);
    const taps = busThenSubway();
    ledger.ingest(taps.slice(1));
    const before = [...store.entries()];
    const result = ledger.ingest([taps[0] as CardTap]);
    expect(result.corrections).toBeGreaterThan(0);
    const after = [...store.entries()];
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.some((e) => e.entryKind === 'reverse')).toBe(true);
    expect(ledger.balances().get('card:card-0001')).toBe(1650);
  });

  test('toll passes post to the OBU or, without one, to the plate', () => {
    const ledger = open();
    ledger.ingest([
      passOf({ gantryId: 'in-0', ts: t0 }),
      passOf({ gantryId: 'out-10', ts: t0 + 10 * min }),
      passOf({ gantryId: 'plaza', ts: t0, obuId: null, balanceKrw: null, plate: '34나5678' }),
    ]);
    const balances = ledger.balances();
    expect(balances.get('obu:obu-0001')).toBe(1300);
    expect(balances.get('plate:34나5678')).toBe(1200);
    expect(balances.get('operator:kec')).toBe(-1300);
  });

  test('sequence gaps per device are reported as ranges', () => {
    const ledger = open();
    const taps = [1, 2, 5, 6, 9].map((seq) =>
      tapOf({ tap: 'out', ts: t0 + seq, seq, deviceId: 'reader-gap' }),
    );
    ledger.ingest(taps);
    const report = ledger.deviceGaps().find((d) => d.deviceId === 'reader-gap');
    expect(report).toMatchObject({
      received: 5,
      firstSeq: 1,
      lastSeq: 9,
      missing: [
        [3, 4],
        [7, 8],
      ],
      missingCount: 4,
    });
  });
});

describe('settlement', () => {
  const ackOf = (batchId: string, status: SettlementAck['status'] = 'accepted'): SettlementAck => ({
    kind: 'settlement.ack',
    id: `ack-${batchId}`,
    deviceId: 'center-1',
    seq: 1,
    ts: t0,
    batchId,
    ledgerId: 'ledger-a',
    status,
    reason: null,
  });

  test('resends the oldest unacknowledged batch with the same id until it is acknowledged', () => {
    const ledger = open();
    ledger.ingest(busThenSubway());
    const first = ledger.nextSettlementBatch();
    expect(first?.entries).toHaveLength(4);
    expect(ledger.nextSettlementBatch()?.id).toBe(first?.id);
    expect(ledger.acknowledge(ackOf(first?.id ?? ''))).toBe('settled');
    expect(ledger.acknowledge(ackOf(first?.id ?? ''))).toBe('already-settled');
    const second = ledger.nextSettlementBatch();
    expect(second?.fromEntryNo).toBe(5);
    expect(second?.id).not.toBe(first?.id);
  });

  test('settling moves operator balances to the clearing account', () => {
    const ledger = open();
    ledger.ingest(busThenSubway());
    let sent = 0;
    for (let batch = ledger.nextSettlementBatch(); batch !== null; batch = ledger.nextSettlementBatch()) {
      expect(ledger.acknowledge(ackOf(batch.id))).toBe('settled');
      sent += 1;
    }
    expect(sent).toBeGreaterThan(2);
    const balances = ledger.balances();
    expect(balances.get('operator:op-bus') ?? 0).toBe(0);
    expect(balances.get('operator:op-metro') ?? 0).toBe(0);
    expect(balances.get('clearing:center')).toBe(-1650);
    expect(sum(balances)).toBe(0);
  });

  test('a rejected batch stays pending', () => {
    const ledger = open();
    ledger.ingest(busThenSubway());
    const batch = ledger.nextSettlementBatch();
    expect(ledger.acknowledge(ackOf(batch?.id ?? '', 'rejected'))).toBe('rejected');
    expect(ledger.pendingBatches).toBe(1);
    expect(ledger.acknowledge(ackOf('ledger-a:99999999'))).toBe('unknown-batch');
  });
});
