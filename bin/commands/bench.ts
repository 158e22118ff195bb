/**
 * @module bin/commands/bench
 * `its bench [--quick] [--only <substring>] [--json <file>]`: runs every benchmark in `bench/`, prints
 * one table (figure, target, ratio to the reference measured in the same run) and writes it as JSON.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { listBenchFiles, runBenchmarks } from '../../bench/runner.ts';
import { formatTable } from '../../bench/table.ts';

export function register(program: Command): void {
  program
    .command('bench')
    .description('run every benchmark in bench/ and print one table of figures, targets and ratios')
    .option('--quick', 'smaller sizes for a quick look', false)
    .option('--only <substring>', 'run only benchmark files whose name contains this')
    .option('--json <file>', 'where to write the results as JSON', 'bench/results/latest.json')
    .action(async (opts: { quick: boolean; only?: string; json: string }) => {
      const files = listBenchFiles(opts.only);
      if (files.length === 0) {
        process.stderr.write('its bench: no benchmark files matched\n');
        process.exitCode = 2;
        return;
      }
      const outcomes = await runBenchmarks(files, { quick: opts.quick }, (o) => {
        process.stderr.write(`  ${o.benchmark}: ${o.error === null ? 'done' : 'FAILED'} in ${o.wallS} s\n`);
      });
      process.stdout.write(`${formatTable(outcomes)}\n`);
      mkdirSync(dirname(opts.json), { recursive: true });
      writeFileSync(
        opts.json,
        `${JSON.stringify({ at: new Date().toISOString(), quick: opts.quick, outcomes }, null, 2)}\n`,
      );
      process.stderr.write(`results written to ${opts.json}\n`);
    });
}
