/**
 * @module core/scenario/load.test
 * Loading from a directory or a file, and bad JSON reported with line and column.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { FileFormatError, ValidationError } from '../errors/index.ts';
import { MINI_SCENARIO_PATH, formatPath, loadScenario, parseJsonFile } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'its-scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('loads a directory holding scenario.json', () => {
  copyFileSync(MINI_SCENARIO_PATH, join(dir, 'scenario.json'));
  expect(loadScenario(dir).id).toBe('mini');
});

test('loads a file with a UTF-8 byte order mark', () => {
  const file = join(dir, 'bom.json');
  writeFileSync(file, `\uFEFF${JSON.stringify({ format: 'its-scenario/1' })}`);
  expect(() => loadScenario(file)).toThrow(ValidationError);
});

test('a missing path is a FileFormatError naming it', () => {
  const missing = join(dir, 'nope');
  expect(() => loadScenario(missing)).toThrow(FileFormatError);
  expect(() => loadScenario(missing)).toThrow(/nope: no such file or directory/);
});

test('a directory without scenario.json is a FileFormatError naming the file', () => {
  const empty = mkdtempSync(join(dir, 'empty-'));
  expect(() => loadScenario(empty)).toThrow(/scenario\.json: cannot read/);
});

test.each([
  ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', 3, 3],
  ['a trailing comma', '{\n  "a": [1, 2,]\n}', 2, 14],
  ['an unterminated document', '{\n  "a": {', 2, 9],
])('JSON with %s reports line and column', (_what, text, line, column) => {
  try {
    parseJsonFile(text, 'x.json');
    expect.unreachable();
  } catch (err) {
    expect(err).toBeInstanceOf(FileFormatError);
    expect((err as FileFormatError).line).toBe(line);
    expect((err as FileFormatError).message).toContain(`x.json:${line}: column ${column}: invalid JSON`);
  }
});

test('formats paths with brackets for array indexes', () => {
  expect(formatPath(['intersections', 3, 'control', 'phases', 1, 'movements', 0])).toBe(
    'intersections[3].control.phases[1].movements[0]',
  );
  expect(formatPath([])).toBe('');
});
