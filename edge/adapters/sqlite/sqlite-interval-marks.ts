/**
 * @module edge/adapters/sqlite/sqlite-interval-marks
 * The detector interval each region's edge closed and sent last, kept in the edge's SQLite file beside
 * its uplink queue and inbox journal (a connection of its own; WAL, `synchronous = FULL`, so a mark is
 * on disk when the call returns). A restarted edge reads it back to know exactly which intervals it
 * has closed, and opens every later one to the reports the broker held while it was away
 * (edge/detectors `lastClosedMs`), however long it was down and whatever its journal still holds.
 *
 * The runtime writes a mark only after the link states of the intervals it covers are durable in the
 * uplink queue (edge/node `onIntervalsClosed`), so after a crash the mark is never ahead of them: at
 * worst one interval behind, and that interval's states are sent again (the same link and interval,
 * superseding).
 */
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS detector_interval_mark (
  region TEXT PRIMARY KEY,
  last_closed_ms INTEGER NOT NULL
);
`;

/** Per region, the start of the detector interval closed last, ms. */
export class SqliteIntervalMarks {
  readonly #db: SqliteDatabase;
  readonly #get: Statement<[string], { last_closed_ms: number }>;
  readonly #set: Statement<[string, number]>;

  /** Open (creating the table if needed) the marks in the SQLite file at `path`. */
  constructor(path: string) {
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.exec(SCHEMA);
    this.#get = this.#db.prepare('SELECT last_closed_ms FROM detector_interval_mark WHERE region = ?');
    this.#set = this.#db.prepare(
      'INSERT INTO detector_interval_mark (region, last_closed_ms) VALUES (?, ?) ' +
        'ON CONFLICT (region) DO UPDATE SET last_closed_ms = excluded.last_closed_ms',
    );
  }

  /** Start of the interval `region` closed last, or null when none was recorded. */
  lastClosed(region: string): number | null {
    return this.#get.get(region)?.last_closed_ms ?? null;
  }

  /**
   * Record that `region` has closed every interval up to the one starting at `intervalStartMs`. The
   * value replaces the last (an edge whose clock was set back records the earlier time).
   */
  record(region: string, intervalStartMs: number): void {
    if (this.#db.open) this.#set.run(region, intervalStartMs);
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
