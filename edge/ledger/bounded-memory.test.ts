/**
 * @module edge/ledger/bounded-memory.test
 * A ledger that keeps only a few holders in memory records exactly what one keeping every holder does:
 * forgotten holders are read back from the store when they appear again (late, reordered, duplicated
 * uploads included), and duplicates are still found once forgotten.
 */
import { expect, test } from 'vitest';
import { VirtualClock } from '../../core/clock/index.ts';
import { kst, seoulPolicy } from '../../core/fares/index.ts';
import { Ledger, MemoryLedgerStore, SYNTHETIC_TOLL_NETWORK, syntheticDay, uploadSchedule } from './index.ts';

function open(store: MemoryLedgerStore, maxCachedHolders?: number, maxRestingHolders?: number): Ledger {
  return Ledger.open(store, {
    policy: seoulPolicy(),
    tollNetwork: SYNTHETIC_TOLL_NETWORK,
    clock: new VirtualClock(0),
    edgeId: 'edge-1',
    region: 'gn',
    ledgerId: 'ledger-a',
    ...(maxCachedHolders === undefined ? {} : { maxCachedHolders }),
    ...(maxRestingHolders === undefined ? {} : { maxRestingHolders }),
  });
}

test('a ledger remembering 20 holders posts the same money as one remembering all', () => {
  const day = syntheticDay({ seed: 3, riders: 400, tollPasses: 100, dayStartMs: kst('2026-03-10T00:00') });
  const arrivals = uploadSchedule([...day.taps, ...day.passes], {
    seed: 4,
    duplicateShare: 0.05,
    lateDeviceShare: 0.2,
    reorderWindow: 100,
  });
  const all = open(new MemoryLedgerStore());
  const few = open(new MemoryLedgerStore(), 20);
  for (let i = 0; i < arrivals.length; i += 50) {
    all.ingest(arrivals.slice(i, i + 50));
    few.ingest(arrivals.slice(i, i + 50));
    expect(few.cachedHolders).toBeLessThanOrEqual(20);
  }
  expect(few.counters.holdersReloaded).toBeGreaterThan(0);
  expect(few.counters.recorded).toBe(all.counters.recorded);
  expect(few.counters.duplicates).toBe(all.counters.duplicates);
  expect(few.chargedByMessage()).toEqual(all.chargedByMessage());
  expect(few.balances()).toEqual(all.balances());
  // Everything again, long after: every message is a duplicate, nothing is posted.
  const last = few.lastEntryNo;
  expect(few.ingest(arrivals)).toMatchObject({ recorded: 0, duplicates: arrivals.length, entriesPosted: 0 });
  expect(few.lastEntryNo).toBe(last);
});

test('forgotten holders rated on from their resting record post what whole histories do', () => {
  const day = syntheticDay({ seed: 5, riders: 300, tollPasses: 80, dayStartMs: kst('2026-03-10T00:00') });
  const arrivals = uploadSchedule([...day.taps, ...day.passes], {
    seed: 6,
    duplicateShare: 0.05,
    lateDeviceShare: 0.2,
    reorderWindow: 100,
  });
  const all = open(new MemoryLedgerStore());
  const whole = open(new MemoryLedgerStore(), 10, 0);
  const resting = open(new MemoryLedgerStore(), 10, 40);
  for (let i = 0; i < arrivals.length; i += 40) {
    for (const ledger of [all, whole, resting]) ledger.ingest(arrivals.slice(i, i + 40));
    expect(resting.cachedHolders).toBeLessThanOrEqual(10);
  }
  expect(whole.holdersWoken).toBe(0);
  // In-order messages of forgotten holders need no read; late ones still read the history back.
  expect(resting.holdersWoken).toBeGreaterThan(0);
  expect(resting.counters.holdersReloaded).toBeGreaterThan(0);
  expect(resting.counters.holdersReloaded).toBeLessThan(whole.counters.holdersReloaded);
  for (const ledger of [whole, resting]) {
    expect(ledger.counters.recorded).toBe(all.counters.recorded);
    expect(ledger.counters.duplicates).toBe(all.counters.duplicates);
    expect(ledger.chargedByMessage()).toEqual(all.chargedByMessage());
    expect(ledger.balances()).toEqual(all.balances());
  }
});

test('reopening a store posts nothing new and knows the counters', () => {
  const day = syntheticDay({ seed: 8, riders: 100, tollPasses: 20, dayStartMs: kst('2026-03-10T00:00') });
  const store = new MemoryLedgerStore();
  const first = open(store, 5);
  first.ingest([...day.taps, ...day.passes]);
  const again = open(store, 5);
  expect(again.lastEntryNo).toBe(first.lastEntryNo);
  expect(again.counters.recorded).toBe(first.counters.recorded);
  expect(again.counters.corrections).toBe(0);
  expect(again.deviceGaps()).toEqual(first.deviceGaps());
});
