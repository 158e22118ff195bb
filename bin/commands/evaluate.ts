/**
 * @module bin/commands/evaluate
 * `its evaluate [--quick] [--json out.json] [--only grid,cologne1] [--seed 2] [--tsp-hosts all|best]
 * [--tsp-seeds 2,3,4] [--tsp-min-late s|any|tiered:s]`: every signal strategy in the simulator with the edge's own code in the loop,
 * on the 4x4 grid at four demand levels, the demo city and the resco scenarios; prints one table with
 * the comparisons against the targets, and transit priority on the demo city on every
 * strategy that times its own greens (pooled over seeds when further ones are given), under the live
 * edge's priority rule unless `--tsp-min-late` gives another.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import {
  DEFAULT_EVALUATION_SEED,
  evaluationCases,
  evaluationTable,
  runEvaluation,
} from '../../bench/evaluation/index.ts';
import { ConfigError } from '../../core/index.ts';
import { parseTspMinLate, TSP_MIN_LATE_HELP } from '../tsp-rule.ts';

type EvaluateOpts = {
  quick: boolean;
  json?: string;
  only?: string;
  strategies?: string;
  seed: number;
  tspHosts: 'all' | 'best';
  tspSeeds?: number[];
  tspMinLate?: string;
};

/** `--tsp-hosts`: `all` or `best`. */
export function parseTspHosts(value: string): 'all' | 'best' {
  if (value === 'all' || value === 'best') return value;
  throw new ConfigError('--tsp-hosts', `must be all or best, got ${JSON.stringify(value)}`);
}

/** `--seed`: a non-negative integer (the simulator's random streams are forked from it). */
export function parseSeed(value: string, option = '--seed'): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(n) || n < 0)
    throw new ConfigError(option, `must be a non-negative integer, got ${JSON.stringify(value)}`);
  return n;
}

/** `--tsp-seeds`: a comma-separated list of seeds. */
export function parseSeeds(value: string): number[] {
  return value.split(',').map((s) => parseSeed(s, '--tsp-seeds'));
}

/** `--only`: every part must match a case id (a typo ran no case and printed an empty table, exit 0). */
export function parseOnly(value: string, quick: boolean): string[] {
  const ids = evaluationCases(quick).map((c) => c.id);
  const parts = value.split(',').map((s) => s.trim());
  for (const part of parts)
    if (part === '' || !ids.some((id) => id.includes(part)))
      throw new ConfigError(
        '--only',
        `no case matches ${JSON.stringify(part)}; the cases are ${ids.join(', ')}`,
      );
  return parts;
}

/** Register `its evaluate`. */
export function register(program: Command): void {
  program
    .command('evaluate')
    .description('compare signal strategies in the simulator (grid, demo city, resco) and print one table')
    .option('--quick', 'shorter runs', false)
    .option('--json <file>', 'write every figure as JSON')
    .option('--only <ids>', 'comma-separated case ids (or parts): grid, grid-heavy, demo-city, cologne1, ...')
    .option('--strategies <names>', 'comma-separated strategy names (default: all)')
    .option('--seed <n>', 'simulator seed of every run', (v: string) => parseSeed(v), DEFAULT_EVALUATION_SEED)
    .option(
      '--tsp-hosts <which>',
      'transit priority on every strategy that times its own greens (all: one demo-city run each) or on the best (best)',
      parseTspHosts,
      'all',
    )
    .option(
      '--tsp-seeds <list>',
      'further seeds for transit priority (off and on, every host), pooled with --seed: e.g. 2,3,4',
      parseSeeds,
    )
    .option('--tsp-min-late <s|any|tiered:s>', TSP_MIN_LATE_HELP)
    .action((opts: EvaluateOpts) => {
      const tspRule = parseTspMinLate(opts.tspMinLate);
      const only = opts.only === undefined ? undefined : parseOnly(opts.only, opts.quick);
      const t0 = performance.now();
      const report = runEvaluation({
        quick: opts.quick,
        seed: opts.seed,
        tspHosts: opts.tspHosts,
        ...(opts.tspSeeds === undefined ? {} : { tspSeeds: opts.tspSeeds }),
        ...(tspRule === undefined ? {} : { tspRule }),
        ...(only === undefined ? {} : { only }),
        ...(opts.strategies === undefined ? {} : { strategies: opts.strategies.split(',') }),
        onRun: (id, r) =>
          process.stderr.write(
            `  ${id} ${r.strategy}${r.tsp ? '+tsp' : ''}: time loss ${r.meanTimeLossS} s (${r.wallS} s wall)\n`,
          ),
      });
      process.stdout.write(`${evaluationTable(report)}\n`);
      process.stderr.write(`  evaluation took ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
      if (report.faults.length > 0) process.exitCode = 1;
      if (opts.json !== undefined) {
        mkdirSync(dirname(opts.json), { recursive: true });
        writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);
        process.stderr.write(`  written to ${opts.json}\n`);
      }
    });
}
