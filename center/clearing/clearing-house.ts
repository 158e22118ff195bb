/**
 * @module center/clearing/clearing-house
 * The center's side of settlement: receives edges' `settlement.batch` messages, checks each, records
 * each batch once (idempotent on the batch id; entries already received from a ledger are skipped) in
 * its {@link ClearingStore} before answering with a `settlement.ack`, and clears any day on demand
 * under either apportionment policy. Opened over a durable store, it first replays what the store
 * holds, so a restarted center reports exactly what it acknowledged.
 */
import type { Clock } from '../../core/clock/index.ts';
import type { SettlementAck, SettlementBatch, SettlementEntry } from '../../core/messages/index.ts';
import type { ApportionPolicy } from './apportion.ts';
import { ClearingAccumulator } from './accumulator.ts';
import type { ClearingStore } from './clearing-store.ts';
import { MemoryClearingStore } from './clearing-store.ts';
import type { ClearingReport } from './report.ts';
import { clearDay } from './report.ts';

/** Identity, time and storage of the clearing house. */
export type ClearingHouseOptions = {
  readonly centerId: string;
  readonly clock: Clock;
  /** Where accepted batches are recorded; default in memory (not durable). */
  readonly store?: ClearingStore;
};

/** Feed whole ledgers (e.g. read from ledger files or a clearing store) into a fresh accumulator. */
export function accumulateLedgers(
  ledgers: Iterable<{ readonly ledgerId: string; readonly entries: Iterable<SettlementEntry> }>,
): ClearingAccumulator {
  const acc = new ClearingAccumulator();
  for (const ledger of ledgers) for (const e of ledger.entries) acc.add(ledger.ledgerId, e);
  return acc;
}

/** Why a batch is refused (answered `rejected`, not recorded). */
function problemOf(batch: SettlementBatch): string | null {
  if (batch.toEntryNo < batch.fromEntryNo - 1) return 'toEntryNo before fromEntryNo';
  if (batch.entries.length !== batch.toEntryNo - batch.fromEntryNo + 1)
    return `${batch.entries.length} entries for range ${batch.fromEntryNo}..${batch.toEntryNo}`;
  let expected = batch.fromEntryNo;
  for (const e of batch.entries) {
    if (e.entryNo !== expected) return `entry ${e.entryNo} where ${expected} was expected`;
    expected += 1;
  }
  return null;
}

/** Receives settlement batches and clears days. */
export class ClearingHouse {
  readonly #options: ClearingHouseOptions;
  readonly #store: ClearingStore;
  readonly #acc: ClearingAccumulator;
  readonly #lastEntryNo: Map<string, number>;
  #seq = 0;
  /** Batches accepted, duplicates answered, batches rejected, and entries skipped as already received. */
  readonly counters = { accepted: 0, duplicates: 0, rejected: 0, skippedEntries: 0 };

  constructor(options: ClearingHouseOptions) {
    this.#options = options;
    this.#store = options.store ?? new MemoryClearingStore();
    this.#acc = accumulateLedgers(this.#store.ledgers());
    this.#lastEntryNo = this.#store.lastEntryNos();
  }

  /**
   * Check a batch, record it once durably, and answer it. Throws only when the store fails: then
   * nothing was recorded and no answer may be sent (the edge resends).
   */
  receive(batch: SettlementBatch): SettlementAck {
    const answer = (status: SettlementAck['status'], reason: string | null): SettlementAck => {
      this.#seq += 1;
      return {
        kind: 'settlement.ack',
        id: `ack:${batch.id}`,
        deviceId: this.#options.centerId,
        seq: this.#seq,
        ts: this.#options.clock.now(),
        batchId: batch.id,
        ledgerId: batch.ledgerId,
        status,
        reason,
      };
    };
    if (this.#store.hasBatch(batch.id)) {
      this.counters.duplicates += 1;
      return answer('duplicate', null);
    }
    const problem = problemOf(batch);
    if (problem !== null) {
      this.counters.rejected += 1;
      return answer('rejected', problem);
    }
    const last = this.#lastEntryNo.get(batch.ledgerId) ?? 0;
    const fresh = batch.entries.filter((e) => e.entryNo > last);
    this.#store.recordBatch({
      batchId: batch.id,
      ledgerId: batch.ledgerId,
      edgeId: batch.deviceId,
      region: batch.region,
      seq: batch.seq,
      receivedMs: this.#options.clock.now(),
      entries: fresh,
    });
    this.counters.accepted += 1;
    this.counters.skippedEntries += batch.entries.length - fresh.length;
    for (const e of fresh) this.#acc.add(batch.ledgerId, e);
    const newest = fresh[fresh.length - 1];
    if (newest !== undefined) this.#lastEntryNo.set(batch.ledgerId, newest.entryNo);
    return answer('accepted', null);
  }

  /** Highest entry number received from a ledger (0 when none). */
  lastEntryNo(ledgerId: string): number {
    return this.#lastEntryNo.get(ledgerId) ?? 0;
  }

  /** The clearing report of a day. */
  report(day: string, policy: ApportionPolicy = 'base-fare'): ClearingReport {
    return clearDay(this.#acc, day, policy);
  }

  /** Days with entries, ascending. */
  days(): string[] {
    return [...this.#acc.days.keys()].sort();
  }

  close(): void {
    this.#store.close();
  }
}
