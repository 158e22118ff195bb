/**
 * @module center/clearing/clearing.test
 * Apportionment in whole won, per-operator revenue under both policies, reconciliation to the won with
 * differences listed, and idempotent receipt of settlement batches.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { VirtualClock } from '../../core/clock/index.ts';
import type { SettlementBatch, SettlementEntry } from '../../core/messages/index.ts';
import {
  accumulateLedgers,
  apportionKrw,
  ClearingHouse,
  clearDay,
  clearingReportHtml,
  formatClearingReport,
} from './index.ts';

const DAY = '2026-03-10';

/** Entries of a journey: (operator, legNo, base, legM, amount, kind) lines, each posted double. */
function entriesOf(
  lines: [op: string, legNo: number, base: number, legM: number, krw: number, kind?: 'post' | 'reverse'][],
  firstEntryNo = 1,
): SettlementEntry[] {
  const out: SettlementEntry[] = [];
  let entryNo = firstEntryNo;
  lines.forEach(([op, legNo, base, legM, krw, kind = 'post'], i) => {
    const sign = kind === 'post' ? 1 : -1;
    const leg = {
      journeyId: 'J1',
      day: DAY,
      legNo,
      operatorId: op,
      mode: 'trunkBus',
      routeId: null,
      legBaseKrw: base,
      legM,
      reason: 'base',
    };
    const common = {
      txnNo: firstEntryNo + i,
      entryKind: kind,
      messageId: `m${i}`,
      version: 1,
      leg,
      postedMs: 0,
    };
    out.push({ ...common, entryNo: entryNo++, account: 'card:c1', amountKrw: sign * krw });
    out.push({ ...common, entryNo: entryNo++, account: `operator:${op}`, amountKrw: -sign * krw });
  });
  return out;
}

const busThenSubway = entriesOf([
  ['bus', 1, 1500, 0, 1500],
  ['bus', 1, 1500, 5000, 0],
  ['metro', 2, 1550, 0, 50],
  ['metro', 2, 1550, 7000, 100],
]);

describe('apportionment', () => {
  test('splits by base-fare ratio in whole won: 1,650 over 1,500/1,550 is 811 + 839', () => {
    expect(apportionKrw(1650, [1500, 1550])).toEqual([811, 839]);
  });

  test('ties in the remainder go to the earlier leg', () => {
    expect(apportionKrw(1650, [5000, 7000])).toEqual([688, 962]);
  });

  test('shares are never negative and always add up to the fare', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 6 }),
        (total, weights) => {
          const shares = apportionKrw(total, weights);
          expect(shares.reduce((s, x) => s + x, 0)).toBe(total);
          expect(shares.every((s) => s >= 0 && Number.isInteger(s))).toBe(true);
        },
      ),
    );
  });
});

describe('clearing a day', () => {
  test('a transfer trip is apportioned by base fare, or by distance as an alternative over the same ledger', () => {
    const acc = accumulateLedgers([{ ledgerId: 'L', entries: busThenSubway }]);
    const byBase = clearDay(acc, DAY, 'base-fare');
    expect(byBase.operators.map((o) => [o.operatorId, o.revenueKrw, o.postedKrw])).toEqual([
      ['bus', 811, 1500],
      ['metro', 839, 150],
    ]);
    expect(byBase.transferJourneys).toBe(1);
    expect(byBase.reconciliation).toMatchObject({
      payerDebitsKrw: 1650,
      operatorCreditsKrw: 1650,
      differenceKrw: 0,
      reconciled: true,
    });
    const byDistance = clearDay(acc, DAY, 'distance');
    expect(byDistance.operators.map((o) => o.revenueKrw)).toEqual([688, 962]);
    expect(byDistance.reconciliation.reconciled).toBe(true);
    expect(formatClearingReport(byBase)).toContain('RECONCILED to the won');
    expect(clearingReportHtml(byBase)).toContain('Reconciled to the won');
  });

  test('a reversed leg no longer earns a share', () => {
    const corrected = [
      ...busThenSubway,
      ...entriesOf(
        [
          ['metro', 2, 1550, 7000, 100, 'reverse'],
          ['metro', 2, 1550, 7000, 0],
        ],
        busThenSubway.length + 1,
      ),
    ];
    const report = clearDay(accumulateLedgers([{ ledgerId: 'L', entries: corrected }]), DAY, 'base-fare');
    expect(report.reconciliation).toMatchObject({
      payerDebitsKrw: 1550,
      operatorCreditsKrw: 1550,
      reconciled: true,
    });
  });

  test('an unbalanced transaction and a gap in the entries are listed as differences', () => {
    const broken = busThenSubway.filter((e) => e.entryNo !== 5);
    const report = clearDay(accumulateLedgers([{ ledgerId: 'L', entries: broken }]), DAY, 'base-fare');
    expect(report.reconciliation.reconciled).toBe(false);
    expect(report.reconciliation.differences.map((d) => d.kind).sort()).toEqual([
      'entry-gap',
      'unbalanced-transaction',
    ]);
  });
});

describe('clearing house', () => {
  test('counts a batch once, however often it is sent', () => {
    const house = new ClearingHouse({ centerId: 'center-1', clock: new VirtualClock(0) });
    const batch: SettlementBatch = {
      kind: 'settlement.batch',
      id: 'L:00000001',
      deviceId: 'edge-1',
      seq: 1,
      ts: 1_800_000_000_000,
      region: 'gn',
      ledgerId: 'L',
      fromEntryNo: 1,
      toEntryNo: busThenSubway.length,
      entries: busThenSubway,
    };
    expect(house.receive(batch).status).toBe('accepted');
    expect(house.receive(batch)).toMatchObject({ status: 'duplicate', batchId: 'L:00000001' });
    expect(house.receive({ ...batch, id: 'L:00000001-again' }).status).toBe('accepted');
    expect(house.counters).toEqual({
      accepted: 2,
      duplicates: 1,
      rejected: 0,
      skippedEntries: busThenSubway.length,
    });
    expect(house.receive({ ...batch, id: 'L:bad', toEntryNo: busThenSubway.length + 1 })).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('entries for range') as unknown,
    });
    expect(house.report(DAY).reconciliation).toMatchObject({ payerDebitsKrw: 1650, reconciled: true });
    expect(house.days()).toEqual([DAY]);
  });
});
