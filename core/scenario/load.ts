/**
 * @module core/scenario/load
 * Read a scenario from disk: a directory holding `scenario.json`, or the JSON file itself. Bad JSON is
 * a FileFormatError naming the line and column; a bad scenario is a ValidationError listing every issue.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FileFormatError } from '../errors/index.ts';
import type { Scenario } from './schema.ts';
import { jsonErrorOffset } from './json-offset.ts';
import { validateScenario } from './validate.ts';

/** The file a scenario directory keeps its document in. */
export const SCENARIO_FILE = 'scenario.json';

/** The scenario file a path names: `<dir>/scenario.json` for a directory, else the path itself. */
export function scenarioFileOf(path: string): string {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (err) {
    throw new FileFormatError(path, null, 'no such file or directory', { cause: err });
  }
  return isDir ? join(path, SCENARIO_FILE) : path;
}

/** 1-based line and column of a character offset in text. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parse JSON text, turning a syntax error into a FileFormatError with line and column. */
export function parseJsonFile(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (err) {
    const message = (err as Error).message;
    const offset = jsonErrorOffset(body);
    const where = offset === null ? null : lineColumnAt(body, offset);
    const detail = message
      .replace(/\s*(in JSON )?at position \d+.*$/s, '')
      .replace(/, ".*" is not valid JSON$/s, '');
    return throwAt(file, where, `invalid JSON: ${detail}`, err);
  }
}

function throwAt(
  file: string,
  where: { line: number; column: number } | null,
  message: string,
  cause: unknown,
): never {
  if (where === null) throw new FileFormatError(file, null, message, { cause });
  throw new FileFormatError(file, where.line, `column ${where.column}: ${message}`, { cause });
}

/** Load and validate a scenario from a directory (with `scenario.json`) or a JSON file. */
export function loadScenario(path: string): Scenario {
  const file = scenarioFileOf(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new FileFormatError(file, null, `cannot read: ${(err as Error).message}`, { cause: err });
  }
  return validateScenario(parseJsonFile(text, file), file);
}
