/**
 * @module core/shared-data/shared-data
 * Where the public reference data (SUMO scenarios, GTFS, NMEA logs, fare tables) lives. It sits beside
 * the repository as `../shared/data` on development machines; a clean clone elsewhere (CI) finds it
 * through `ITS_SHARED_DATA` or the workplace's fixed location.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors/index.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Candidate locations, in order of preference. */
export function sharedDataCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  if (env['ITS_SHARED_DATA'] !== undefined && env['ITS_SHARED_DATA'] !== '')
    out.push(resolve(env['ITS_SHARED_DATA']));
  out.push(join(repoRoot, '..', 'shared', 'data'), '/work/shared/data');
  return out;
}

/** The reference data directory; a ConfigError naming `ITS_SHARED_DATA` when none is found. */
export function sharedDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = sharedDataCandidates(env);
  const found = candidates.find((dir) => existsSync(dir));
  if (found === undefined) {
    throw new ConfigError('ITS_SHARED_DATA', `reference data not found; looked in ${candidates.join(', ')}`);
  }
  return found;
}

/** A path inside the reference data, e.g. `sharedDataPath('sumo', 'resco', 'cologne1')`. */
export function sharedDataPath(...segments: string[]): string {
  return join(sharedDataDir(), ...segments);
}
