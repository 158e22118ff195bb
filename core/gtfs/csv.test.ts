/**
 * @module core/gtfs/csv.test
 * RFC 4180 CSV as GTFS feeds write it: quotes, escaped quotes, commas and line breaks inside quotes,
 * CRLF, a byte order mark, and errors that name the line.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { FileFormatError } from '../errors/index.ts';
import { parseCsv } from './index.ts';

const fields = (text: string): (readonly string[])[] => parseCsv(text, 'f.txt').map((r) => r.fields);

test('splits plain fields and keeps empty ones', () => {
  expect(fields('a,b,c\n1,,3\n')).toEqual([
    ['a', 'b', 'c'],
    ['1', '', '3'],
  ]);
});

test('reads quoted fields with commas, escaped quotes and line breaks', () => {
  const text = 'id,name\n1,"Seoul Station, Exit 1"\n2,"the ""Express"""\n3,"two\nlines"\n';
  expect(fields(text)).toEqual([
    ['id', 'name'],
    ['1', 'Seoul Station, Exit 1'],
    ['2', 'the "Express"'],
    ['3', 'two\nlines'],
  ]);
});

test('numbers each record by the line it starts on, past embedded line breaks', () => {
  const records = parseCsv('h\n"a\nb"\nc\n', 'f.txt');
  expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
});

test('accepts CRLF, a UTF-8 byte order mark, blank lines and a missing final newline', () => {
  expect(fields('\uFEFFstop_id,stop_name\r\n1,"강남역"\r\n\r\n2,역삼역')).toEqual([
    ['stop_id', 'stop_name'],
    ['1', '강남역'],
    ['2', '역삼역'],
  ]);
});

test('keeps a quoted empty field and a trailing empty field', () => {
  expect(fields('a,"",c,\n')).toEqual([['a', '', 'c', '']]);
});

test('an unterminated quote names the line where the quote opened', () => {
  expect(() => parseCsv('a,b\n1,"open\n2,3\n', 'stops.txt')).toThrow(FileFormatError);
  expect(() => parseCsv('a,b\n1,"open\n2,3\n', 'stops.txt')).toThrow(
    /stops\.txt:2: unterminated quoted field/,
  );
});

test('text after a closing quote names its line', () => {
  expect(() => parseCsv('a,b\n1,"x"y\n', 'routes.txt')).toThrow(
    /routes\.txt:2: unexpected "y" after a closing quote/,
  );
});

/** RFC 4180 writer used to check the reader: quote a field when it holds a quote, comma or line break. */
function toCsv(rows: readonly (readonly string[])[], eol: string): string {
  const quote = (f: string): string => (/[",\r\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f);
  return rows.map((r) => r.map(quote).join(',')).join(eol) + eol;
}

test('reads back any table an RFC 4180 writer produces, with LF or CRLF', () => {
  const field = fc.string({ unit: fc.constantFrom('a', '가', ' ', ',', '"', '\n', '\r\n', '1') });
  const table = fc
    .integer({ min: 1, max: 5 })
    .chain((width) =>
      fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }),
    );
  fc.assert(
    fc.property(table, fc.constantFrom('\n', '\r\n'), (rows, eol) => {
      expect(fields(toCsv(rows, eol))).toEqual(rows);
    }),
  );
});
