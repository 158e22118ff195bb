/**
 * @module center/clearing/clearing-house
 * The center's side of settlement: receives edges' `settlement.batch` messages, counts each batch once
 * (idempotent on the batch id; entries already received from a ledger are skipped), answers every batch
 * with a `settlement.ack`, and clears any day on demand under either apportionment policy.
 */
import type { Clock } from '../../core/clock/index.ts';
import type { SettlementAck, SettlementBatch, SettlementEntry } from '../../core/messages/index.ts';
import type { ApportionPolicy } from './apportion.ts';
import { ClearingAccumulator } from './accumulator.ts';
import type { ClearingReport } from './report.ts';
import { clearDay } from './report.ts';

/** Identity and time of the clearing house. */
export type ClearingHouseOptions = { readonly centerId: string; readonly clock: Clock };

/** Feed whole ledgers (e.g. read from ledger files) into a fresh accumulator. */
export function accumulateLedgers(
  ledgers: Iterable<{ readonly ledgerId: string; readonly entries: Iterable<SettlementEntry> }>,
): ClearingAccumulator {
  const acc = new ClearingAccumulator();
  for (const ledger of ledgers) for (const e of ledger.entries) acc.add(ledger.ledgerId, e);
  return acc;
}

/** Receives settlement batches and clears days. */
export class ClearingHouse {
  readonly #options: ClearingHouseOptions;
  readonly #acc = new ClearingAccumulator();
  readonly #batches = new Set<string>();
  readonly #lastEntryNo = new Map<string, number>();
  #seq = 0;
  /** Batches accepted, duplicates answered, and entries skipped as already received. */
  readonly counters = { accepted: 0, duplicates: 0, skippedEntries: 0 };

  constructor(options: ClearingHouseOptions) {
    this.#options = options;
  }

  /** Count a batch once and answer it. */
  receive(batch: SettlementBatch): SettlementAck {
    const duplicate = this.#batches.has(batch.id);
    if (duplicate) this.counters.duplicates += 1;
    else {
      this.#batches.add(batch.id);
      this.counters.accepted += 1;
      let last = this.#lastEntryNo.get(batch.ledgerId) ?? 0;
      for (const e of batch.entries) {
        if (e.entryNo <= last) {
          this.counters.skippedEntries += 1;
          continue;
        }
        this.#acc.add(batch.ledgerId, e);
        last = e.entryNo;
      }
      this.#lastEntryNo.set(batch.ledgerId, last);
    }
    this.#seq += 1;
    return {
      kind: 'settlement.ack',
      id: `ack:${batch.id}`,
      deviceId: this.#options.centerId,
      seq: this.#seq,
      ts: this.#options.clock.now(),
      batchId: batch.id,
      ledgerId: batch.ledgerId,
      status: duplicate ? 'duplicate' : 'accepted',
      reason: null,
    };
  }

  /** The clearing report of a day. */
  report(day: string, policy: ApportionPolicy = 'base-fare'): ClearingReport {
    return clearDay(this.#acc, day, policy);
  }

  /** Days with entries, ascending. */
  days(): string[] {
    return [...this.#acc.days.keys()].sort();
  }
}
