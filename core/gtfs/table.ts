/**
 * @module core/gtfs/table
 * One GTFS file as a table: the header names the columns, every row has as many fields as the header,
 * and typed getters turn fields into ids, numbers, times and flags, or throw a FileFormatError that
 * names the file, the line and the column.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileFormatError } from '../errors/index.ts';
import { parseCsv } from './csv.ts';

/** A row of a GTFS table with typed, checked access to its fields. */
export class GtfsRow {
  readonly file: string;
  readonly line: number;
  readonly #values: ReadonlyMap<string, string>;

  constructor(file: string, line: number, values: ReadonlyMap<string, string>) {
    this.file = file;
    this.line = line;
    this.#values = values;
  }

  /** Fail at this row's line. */
  fail(message: string): never {
    throw new FileFormatError(this.file, this.line, message);
  }

  /** The trimmed field, or '' when empty or the column is absent. */
  text(column: string): string {
    return (this.#values.get(column) ?? '').trim();
  }

  /** A field that must not be empty. */
  required(column: string): string {
    const v = this.text(column);
    if (v === '') this.fail(`${column} is empty`);
    return v;
  }

  /** A decimal number, or `fallback` when empty (fails when empty and no fallback). */
  number(column: string, fallback?: number): number {
    const v = this.text(column);
    if (v === '' && fallback !== undefined) return fallback;
    const n = Number(v);
    if (v === '' || !Number.isFinite(n)) this.fail(`${column} ${JSON.stringify(v)} is not a number`);
    return n;
  }

  /** An integer within [min, max], or `fallback` when empty. */
  int(column: string, min: number, max: number, fallback?: number): number {
    const n = this.number(column, fallback);
    if (!Number.isInteger(n) || n < min || n > max)
      this.fail(`${column} ${JSON.stringify(this.text(column))} must be an integer ${min}-${max}`);
    return n;
  }

  /** A GTFS time `H:MM:SS` (hours may pass 24), normalized to `HH:MM:SS`; '' when empty. */
  time(column: string): string {
    const v = this.text(column);
    if (v === '') return '';
    const m = /^(\d{1,2}):([0-5]\d):([0-5]\d)$/.exec(v);
    if (m === null) this.fail(`${column} ${JSON.stringify(v)} is not a time H:MM:SS`);
    return `${m[1]?.padStart(2, '0')}:${m[2]}:${m[3]}`;
  }

  /** A GTFS date `YYYYMMDD`. */
  date(column: string): string {
    const v = this.required(column);
    const m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
    if (m === null || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1 || Number(m[3]) > 31)
      this.fail(`${column} ${JSON.stringify(v)} is not a date YYYYMMDD`);
    return v;
  }
}

/** A parsed GTFS file. */
export type GtfsTable = { readonly file: string; readonly rows: readonly GtfsRow[] };

/**
 * Read `<dir>/<name>`. A missing file is an error when `required`, else an empty table. Columns in
 * `columns` must be in the header; every row must have as many fields as the header.
 */
export function readGtfsTable(
  dir: string,
  name: string,
  options: { required: boolean; columns: readonly string[] },
): GtfsTable {
  const file = join(dir, name);
  if (!existsSync(file)) {
    if (options.required) throw new FileFormatError(file, null, 'required GTFS file is missing');
    return { file, rows: [] };
  }
  const records = parseCsv(readFileSync(file, 'utf8'), file);
  const header = records[0];
  if (header === undefined) throw new FileFormatError(file, 1, 'file is empty (no header line)');
  const names = header.fields.map((f) => f.trim());
  for (const column of options.columns)
    if (!names.includes(column)) throw new FileFormatError(file, header.line, `missing column "${column}"`);
  const rows = records.slice(1).map((r) => {
    if (r.fields.length !== names.length)
      throw new FileFormatError(
        file,
        r.line,
        `has ${r.fields.length} fields, the header has ${names.length}`,
      );
    return new GtfsRow(file, r.line, new Map(names.map((n, k) => [n, r.fields[k] ?? ''])));
  });
  return { file, rows };
}
