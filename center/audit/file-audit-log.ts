/**
 * @module center/audit/file-audit-log
 * Audit entries appended to a JSON-lines file (opened with the `a` flag, so the process can only add
 * to it). Reading back scans the file; lines that do not parse are skipped and counted.
 */
import { appendFile, readFile } from 'node:fs/promises';
import type { AuditEntry, AuditLog } from './audit-log.ts';

/** A JSON-lines audit log at `path`. */
export class FileAuditLog implements AuditLog {
  readonly #path: string;
  #chain: Promise<void> = Promise.resolve();
  /** Lines skipped on the last read because they did not parse. */
  skippedLines = 0;

  constructor(path: string) {
    this.#path = path;
  }

  append(entry: AuditEntry): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    this.#chain = this.#chain.then(() => appendFile(this.#path, line, { flag: 'a' }));
    return this.#chain;
  }

  async recent(limit: number): Promise<AuditEntry[]> {
    await this.#chain;
    let text: string;
    try {
      text = await readFile(this.#path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const out: AuditEntry[] = [];
    this.skippedLines = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        out.push(JSON.parse(line) as AuditEntry);
      } catch {
        this.skippedLines++;
      }
    }
    return limit <= 0 ? [] : out.slice(-limit);
  }

  async close(): Promise<void> {
    await this.#chain;
  }
}
