/**
 * @module bench/clearing.bench
 * Clearing of 10,000,000 taps: ledger entries of a day (journeys of 1-3 legs across bus, subway and
 * wide-area operators, each leg a tap-in and a tap-out posted as double entries, 2% corrected by a
 * reversal and repost) streamed through the clearing accumulator, then the day cleared by base-fare
 * ratio and by distance, with the reconciliation. Entries are generated on the fly, in the shape the
 * edge ledger posts them, so the figure is the clearing house's own cost. Also the durable side:
 * settlement batches recorded in the SQLite clearing store (one fsync per batch of 2,000 entries) and
 * the replay a restarted center does before it reports.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../core/clock/index.ts';
import type { SettlementBatch, SettlementEntry, SettlementLeg } from '../core/messages/index.ts';
import { SqliteClearingStore } from '../center/adapters/sqlite/index.ts';
import { ClearingAccumulator, ClearingHouse, clearDay } from '../center/clearing/index.ts';
import { seededRandom } from '../edge/ledger/index.ts';
import type { BenchFigure, Benchmark } from './types.ts';

const DAY = '2026-03-10';
const TARGET_S = 60;
const OPERATORS = [
  ['seoul-bus-a', 1500],
  ['seoul-bus-b', 1500],
  ['village-co', 1200],
  ['seoul-metro', 1550],
  ['korail', 1550],
  ['gyeonggi-bus', 3000],
] as const;

/** Feed entries of `taps` taps into the accumulator; returns the total debited. */
function feed(acc: ClearingAccumulator, taps: number): number {
  const rnd = seededRandom(42);
  let entryNo = 0;
  let txnNo = 0;
  let total = 0;
  // Two entry objects reused for every posting: the accumulator keeps none of them, so the figure
  // measures clearing rather than the generator's allocations.
  const payer: SettlementEntry = {
    entryNo: 0,
    txnNo: 0,
    entryKind: 'post',
    messageId: null,
    version: 1,
    account: 'card:c',
    amountKrw: 0,
    leg: null,
    postedMs: 0,
  };
  const credit: SettlementEntry = { ...payer, account: '' };
  const post = (leg: SettlementLeg, krw: number, kind: 'post' | 'reverse', version: number): void => {
    txnNo += 1;
    const sign = kind === 'post' ? 1 : -1;
    for (const e of [payer, credit]) {
      e.entryNo = ++entryNo;
      e.txnNo = txnNo;
      e.entryKind = kind;
      e.version = version;
      e.leg = leg;
    }
    payer.amountKrw = sign * krw;
    credit.account = `operator:${leg.operatorId}`;
    credit.amountKrw = -sign * krw;
    acc.add('bench-ledger', payer);
    acc.add('bench-ledger', credit);
    total += sign * krw;
  };
  let tapsDone = 0;
  for (let j = 0; tapsDone < taps; j++) {
    const journeyId = `j${j}`;
    const legs = 1 + Math.floor(rnd() * rnd() * 3);
    let maxBase = 0;
    for (let l = 1; l <= legs && tapsDone < taps; l++) {
      const [operatorId, base] = OPERATORS[Math.floor(rnd() * OPERATORS.length)] ?? OPERATORS[0];
      const legM = Math.round(1000 + rnd() * 15_000);
      const leg = {
        journeyId,
        day: DAY,
        legNo: l,
        operatorId,
        mode: 'trunkBus',
        routeId: null,
        legBaseKrw: base,
        legM: 0,
        reason: 'base',
      };
      post(leg, Math.max(0, base - maxBase), 'post', 1);
      maxBase = Math.max(maxBase, base);
      const out = { ...leg, legM, reason: 'distance' };
      const surcharge = 100 * Math.floor(rnd() * 3);
      post(out, surcharge, 'post', 1);
      if (rnd() < 0.02) {
        post(out, surcharge, 'reverse', 2);
        post(out, surcharge + 100, 'post', 2);
      }
      tapsDone += 2;
    }
  }
  return total;
}

/** Batches of one-leg journeys (a tap-in charging the base fare), 2,000 entries each. */
function* batchesOf(entries: number): Generator<SettlementBatch> {
  let entryNo = 0;
  for (let seq = 1; entryNo < entries; seq++) {
    const from = entryNo + 1;
    const list: SettlementEntry[] = [];
    while (list.length < 2000 && entryNo < entries) {
      const txnNo = entryNo / 2 + 1;
      const leg: SettlementLeg = {
        journeyId: `j${txnNo}`,
        day: DAY,
        legNo: 1,
        operatorId: txnNo % 2 === 0 ? 'seoul-metro' : 'seoul-bus-a',
        mode: 'trunkBus',
        routeId: null,
        legBaseKrw: 1500,
        legM: 0,
        reason: 'base',
      };
      const base = {
        txnNo,
        entryKind: 'post' as const,
        messageId: `m${txnNo}`,
        version: 1,
        leg,
        postedMs: 0,
      };
      list.push({ ...base, entryNo: ++entryNo, account: `card:c${txnNo % 5000}`, amountKrw: 1500 });
      list.push({ ...base, entryNo: ++entryNo, account: `operator:${leg.operatorId}`, amountKrw: -1500 });
    }
    yield {
      kind: 'settlement.batch',
      id: `bench-ledger:${seq}`,
      deviceId: 'edge-bench',
      seq,
      ts: 0,
      region: 'bench',
      ledgerId: 'bench-ledger',
      fromEntryNo: from,
      toEntryNo: entryNo,
      entries: list,
    };
  }
}

/** Entries/s recorded durably by the clearing house, and replayed when it is opened again. */
function durableFigures(entries: number): BenchFigure[] {
  const dir = mkdtempSync(join(tmpdir(), 'clearing-bench-'));
  try {
    const file = join(dir, 'clearing.sqlite');
    const clock = new VirtualClock(0);
    const house = new ClearingHouse({ centerId: 'c', clock, store: new SqliteClearingStore(file) });
    const started = performance.now();
    for (const batch of batchesOf(entries)) house.receive(batch);
    const recordS = (performance.now() - started) / 1000;
    const before = house.report(DAY);
    house.close();
    const reopened = performance.now();
    const again = new ClearingHouse({ centerId: 'c', clock, store: new SqliteClearingStore(file) });
    const replayS = (performance.now() - reopened) / 1000;
    const same = JSON.stringify(again.report(DAY)) === JSON.stringify(before);
    again.close();
    const label = entries.toLocaleString('en-US');
    return [
      {
        name: `settlement entries/s recorded in the SQLite clearing store (batches of 2,000, WAL, synchronous FULL; ${label} entries)`,
        value: Math.round(entries / recordS),
        unit: 'entries/s',
      },
      {
        name: `entries/s replayed by a restarted clearing house before it reports (${label} entries)`,
        value: Math.round(entries / replayS),
        unit: 'entries/s',
        note: `report after restart identical: ${same}`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = {
  name: 'clearing',
  run: async ({ quick }) => {
    const taps = quick ? 1_000_000 : 10_000_000;
    const started = performance.now();
    const cpu = process.cpuUsage();
    const acc = new ClearingAccumulator();
    const total = feed(acc, taps);
    const fed = performance.now();
    const byBase = clearDay(acc, DAY, 'base-fare');
    const cleared = performance.now();
    const byDistance = clearDay(acc, DAY, 'distance');
    const seconds = (cleared - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const label = taps.toLocaleString('en-US');
    const reconciled = byBase.reconciliation.reconciled && byBase.reconciliation.payerDebitsKrw === total;
    return [
      {
        name: `clearing ${label} taps (${acc.entries.toLocaleString('en-US')} entries): accumulate + clear one day`,
        value: seconds,
        unit: 's',
        target: quick ? `< ${TARGET_S} at 10,000,000 (quick run: ${label})` : `< ${TARGET_S}`,
        met: quick ? undefined : seconds < TARGET_S,
        note: `accumulate ${((fed - started) / 1000).toFixed(1)} s, base-fare clearing ${((cleared - fed) / 1000).toFixed(1)} s`,
      },
      {
        name: `CPU seconds for the same (load-independent; wall time grows when cores are shared)`,
        value: cpuSeconds,
        unit: 'cpu-s',
        target: quick ? undefined : `< ${TARGET_S}`,
        met: quick ? undefined : cpuSeconds < TARGET_S,
      },
      {
        name: 'taps cleared per second',
        value: Math.round(taps / seconds),
        unit: 'taps/s',
      },
      {
        name: 'replay by distance over the same entries',
        value: (performance.now() - cleared) / 1000,
        unit: 's',
        note: `reconciled: base-fare ${reconciled}, distance ${byDistance.reconciliation.reconciled}`,
      },
      {
        name: 'reconciliation difference (payer debits - operator credits)',
        value: byBase.reconciliation.differenceKrw,
        unit: 'won',
        target: '= 0',
        met: reconciled && byBase.reconciliation.differenceKrw === 0,
      },
      ...durableFigures(quick ? 100_000 : 1_000_000),
    ];
  },
};
