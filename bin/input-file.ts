/**
 * @module bin/input-file
 * Files the `its` commands read, checked before they are opened so a wrong path ends in one line
 * naming the option and the file (a missing file, a directory), not in Node's `EISDIR: illegal
 * operation on a directory, read`, which names neither.
 */
import { readFileSync, statSync } from 'node:fs';
import { ConfigError } from '../core/errors/index.ts';

/** Throw a {@link ConfigError} naming `option` unless `file` exists and is a regular file. */
export function checkInputFile(option: string, file: string): void {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    throw new ConfigError(option, `no such file ${file}`);
  }
  if (stat.isDirectory()) throw new ConfigError(option, `${file} is a directory; give a file`);
}

/** The text of an input file, after {@link checkInputFile}. */
export function readInputFile(option: string, file: string): string {
  checkInputFile(option, file);
  return readFileSync(file, 'utf8');
}
