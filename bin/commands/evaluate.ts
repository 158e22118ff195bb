/**
 * @module bin/commands/evaluate
 * `its evaluate [--quick] [--json out.json] [--only grid,cologne1]`: every signal strategy in the
 * simulator with the edge's own code in the loop, on the 4x4 grid at four demand levels, the demo city
 * and the resco scenarios; prints one table with the comparisons against the targets.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { evaluationTable, runEvaluation } from '../../bench/evaluation/index.ts';

type EvaluateOpts = { quick: boolean; json?: string; only?: string; strategies?: string };

/** Register `its evaluate`. */
export function register(program: Command): void {
  program
    .command('evaluate')
    .description('compare signal strategies in the simulator (grid, demo city, resco) and print one table')
    .option('--quick', 'shorter runs', false)
    .option('--json <file>', 'write every figure as JSON')
    .option('--only <ids>', 'comma-separated case ids (or parts): grid, grid-heavy, demo-city, cologne1, ...')
    .option('--strategies <names>', 'comma-separated strategy names (default: all)')
    .action((opts: EvaluateOpts) => {
      const t0 = performance.now();
      const report = runEvaluation({
        quick: opts.quick,
        ...(opts.only === undefined ? {} : { only: opts.only.split(',') }),
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
