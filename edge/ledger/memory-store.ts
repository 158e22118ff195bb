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
  readonly #byHolder = new Map<string, StoredMessage[]>();
  readonly #entries: LedgerEntry[] = [];
  #batches: BatchRecord[] = [];

  atomically(fn: () => void): void {
    const marks = [this.#messages.length, this.#entries.length, this.#batches.length] as const;
    const batches = this.#batches.map((b) => ({ ...b }));
    try {
      fn();
    } catch (err) {
      for (const m of this.#messages.slice(marks[0])) {
        this.#messageIds.delete(m.id);
        this.#byHolder.get(m.holder)?.pop();
      }
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
    const list = this.#byHolder.get(message.holder);
    if (list === undefined) this.#byHolder.set(message.holder, [message]);
    else list.push(message);
  }

  recordedAmong(ids: readonly string[]): Set<string> {
    const out = new Set<string>();
    for (const id of ids) if (this.hasMessage(id)) out.add(id);
    return out;
  }

  hasMessage(id: string): boolean {
    return this.#messageIds.has(id);
  }

  messageCount(): number {
    return this.#messages.length;
  }

  holderMessages(holder: string): StoredMessage[] {
    return [...(this.#byHolder.get(holder) ?? [])];
  }

  holders(after: string | null, limit: number): string[] {
    return [...this.#byHolder.keys()]
      .filter((h) => (this.#byHolder.get(h)?.length ?? 0) > 0 && (after === null || h > after))
      .sort()
      .slice(0, limit);
  }

  messageEntries(messageIds: readonly string[]): LedgerEntry[] {
    const ids = new Set(messageIds);
    return this.#entries.filter((e) => e.messageId !== null && ids.has(e.messageId));
  }

  lastEntry(): LedgerEntry | null {
    return this.#entries[this.#entries.length - 1] ?? null;
  }

  deviceSeqs(): Iterable<{ readonly deviceId: string; readonly seq: number }> {
    return this.#messages.map((m) => ({ deviceId: m.deviceId, seq: m.seq }));
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

  batch(batchId: string): BatchRecord | null {
    return this.#batches.find((b) => b.batchId === batchId) ?? null;
  }

  lastBatch(): BatchRecord | null {
    return this.batches().at(-1) ?? null;
  }

  oldestPendingBatch(): BatchRecord | null {
    return this.batches().find((b) => b.ackedMs === null) ?? null;
  }

  pendingBatchCount(): number {
    return this.#batches.filter((b) => b.ackedMs === null).length;
  }

  close(): void {}
}
