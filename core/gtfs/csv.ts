/**
 * @module core/gtfs/csv
 * A CSV reader for GTFS files (RFC 4180): quoted fields with `""` escapes, commas and line breaks
 * inside quotes, CRLF or LF line ends, an optional UTF-8 byte order mark, blank lines skipped. Each
 * record keeps the line number it starts on, so errors can name it.
 */
import { FileFormatError } from '../errors/index.ts';

/** One CSV record and the 1-based line it starts on. */
export type CsvRecord = { readonly line: number; readonly fields: readonly string[] };

/**
 * Split CSV text into records. Throws FileFormatError naming `file` and the line for an unterminated
 * quote or a stray character after a closing quote.
 */
export function parseCsv(text: string, file: string): CsvRecord[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoteLine = 0;
  /** A record that is only `""` is one empty field, not a blank line. */
  let quoted = false;
  let i = 0;
  const endField = (): void => {
    fields.push(field);
    field = '';
  };
  const endRecord = (): void => {
    endField();
    if (quoted || !(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
    quoted = false;
  };
  while (i < body.length) {
    const c = body.charAt(i);
    if (c === '"' && field === '') {
      quoteLine = line;
      quoted = true;
      i++;
      for (;;) {
        if (i >= body.length) throw new FileFormatError(file, quoteLine, 'unterminated quoted field');
        const q = body.charAt(i);
        if (q === '"') {
          if (body.charAt(i + 1) === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      const next = body.charAt(i);
      if (next !== ',' && next !== '\n' && next !== '\r' && next !== '')
        throw new FileFormatError(file, line, `unexpected ${JSON.stringify(next)} after a closing quote`);
      continue;
    }
    if (c === ',') {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && body.charAt(i + 1) === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || fields.length > 0 || quoted) endRecord();
  return records;
}
