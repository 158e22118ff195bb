/**
 * @module edge/ledger/group-commit.test
 * Group commit acknowledges a message only after the transaction holding it returned.
 */
import { expect, test } from 'vitest';
import { VirtualClock } from '../../core/clock/index.ts';
import { kst, seoulPolicy, tapOf, TEST_TOLL_NETWORK } from '../../core/fares/index.ts';
import { GroupCommitter, Ledger, MemoryLedgerStore } from './index.ts';

const t0 = kst('2026-03-10T08:00');

function setup(maxMessages: number) {
  const clock = new VirtualClock(t0);
  const ledger = Ledger.open(new MemoryLedgerStore(), {
    policy: seoulPolicy(),
    tollNetwork: TEST_TOLL_NETWORK,
    clock,
    edgeId: 'edge-1',
    region: 'gn',
  });
  return { clock, ledger, committer: new GroupCommitter(ledger, clock, { maxMessages, maxDelayMs: 50 }) };
}

test('commits a full group at once and acknowledges after the commit', () => {
  const { ledger, committer } = setup(3);
  const acked: string[] = [];
  const taps = [0, 1, 2].map((i) => tapOf({ tap: 'in', ts: t0 + i, cardId: `card-000${i}` }));
  for (const tap of taps.slice(0, 2)) committer.submit(tap, () => acked.push(tap.id));
  expect(acked).toEqual([]);
  expect(ledger.has(taps[0]?.id ?? '')).toBe(false);
  committer.submit(taps[2] ?? taps[0]!, () => acked.push(taps[2]?.id ?? ''));
  expect(acked).toEqual(taps.map((t) => t.id));
  expect(taps.every((t) => ledger.has(t.id))).toBe(true);
  expect(committer.counters).toEqual({ groups: 1, acknowledged: 3, failedGroups: 0 });
});

test('commits a partial group when the oldest message has waited long enough', () => {
  const { clock, ledger, committer } = setup(1000);
  const tap = tapOf({ tap: 'in', ts: t0 });
  let acked = false;
  committer.submit(tap, (err) => (acked = err === null));
  clock.advance(49);
  expect(acked).toBe(false);
  clock.advance(1);
  expect(acked).toBe(true);
  expect(ledger.has(tap.id)).toBe(true);
  expect(committer.pending).toBe(0);
});

test('a failed group is not acknowledged as recorded', () => {
  const clock = new VirtualClock(t0);
  const failing = {
    ingest: () => {
      throw new Error('disk full');
    },
  };
  const committer = new GroupCommitter(failing, clock, { maxMessages: 1 });
  let error: Error | null = null;
  committer.submit(tapOf({ tap: 'in', ts: t0 }), (err) => (error = err));
  expect(error).toEqual(new Error('disk full'));
  expect(committer.counters.failedGroups).toBe(1);
});
