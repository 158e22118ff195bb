/**
 * @module edge/ledger/memory-store
 * An in-process {@link LedgerStore} for tests and the fast simulator. `atomically` rolls back the
 * appends of a transaction that throws, as SQLite would.
 */
import type { BatchRecord, LedgerEntry, LedgerStore, StoredMessage } from './store.ts';

/** Ledger storage in arrays; not durable. */
export class MemoryLedgerStore implements LedgerStore {
  #id: string | null = null;
  readonly #messages: StoredMessage[] = [];
  readonly #messageIds = new Set<string>();
  readonly #entries: LedgerEntry[] = [];
  #batches: BatchRecord[] = [];

  atomically(fn: () => void): void {
    const marks = [this.#messages.length, this.#entries.length, this.#batches.length] as const;
    const batches = this.#batches.map((b) => ({ ...b }));
    try {
      fn();
    } catch (err) {
      for (const m of this.#messages.slice(marks[0])) this.#messageIds.delete(m.id);
      this.#messages.length = marks[0];
      this.#entries.length = marks[1];
      this.#batches = batches;
      throw err;
    }
  }

  ledgerId(): string | null {
    return this.#id;
  }

  setLedgerId(id: string): void {
    this.#id = id;
  }

  appendMessage(message: StoredMessage): void {
    if (this.#messageIds.has(message.id)) throw new Error(`message ${message.id} already stored`);
    this.#messageIds.add(message.id);
    this.#messages.push(message);
  }

  appendEntry(entry: LedgerEntry): void {
    const last = this.#entries[this.#entries.length - 1];
    if (last !== undefined && entry.entryNo <= last.entryNo)
      throw new Error(`entry ${entry.entryNo} out of order`);
    this.#entries.push(entry);
  }

  appendBatch(batch: BatchRecord): void {
    this.#batches.push(batch);
  }

  markBatchAcked(batchId: string, ackedMs: number): void {
    this.#batches = this.#batches.map((b) =>
      b.batchId === batchId && b.ackedMs === null ? { ...b, ackedMs } : b,
    );
  }

  messages(): Iterable<StoredMessage> {
    return [...this.#messages];
  }

  entries(fromEntryNo = 1, toEntryNo = Number.MAX_SAFE_INTEGER): Iterable<LedgerEntry> {
    return this.#entries.filter((e) => e.entryNo >= fromEntryNo && e.entryNo <= toEntryNo);
  }

  accountTotals(fromEntryNo: number, toEntryNo: number, withSettle: boolean): Map<string, number> {
    const out = new Map<string, number>();
    for (const e of this.entries(fromEntryNo, toEntryNo))
      if (withSettle || e.entryKind !== 'settle') out.set(e.account, (out.get(e.account) ?? 0) + e.amountKrw);
    return out;
  }

  batches(): BatchRecord[] {
    return [...this.#batches].sort((a, b) => a.seq - b.seq);
  }

  close(): void {}
}
