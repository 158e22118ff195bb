/**
 * @module center/audit/audit-log
 * The append-only record of accepted writes: who (the token's name and role), what (action, target,
 * detail) and when. Entries are never edited or removed.
 */

/** One accepted write. */
export type AuditEntry = {
  readonly at: number;
  readonly actor: string;
  readonly role: string;
  /** e.g. `incident.declare`, `sign.publish`. */
  readonly action: string;
  /** The entity written, e.g. `incident/inc-7`. */
  readonly target: string;
  readonly detail: Readonly<Record<string, unknown>>;
};

/** An append-only audit log. */
export interface AuditLog {
  /** Add an entry; resolves once durable for this implementation. */
  append(entry: AuditEntry): Promise<void>;
  /** The newest `limit` entries, oldest first. */
  recent(limit: number): Promise<AuditEntry[]>;
  close(): Promise<void>;
}

/** Audit entries in memory (tests, and the simulator harness). */
export class MemoryAuditLog implements AuditLog {
  readonly #entries: AuditEntry[] = [];

  async append(entry: AuditEntry): Promise<void> {
    this.#entries.push(Object.freeze({ ...entry }));
  }

  async recent(limit: number): Promise<AuditEntry[]> {
    return limit <= 0 ? [] : this.#entries.slice(-limit);
  }

  async close(): Promise<void> {}
}
