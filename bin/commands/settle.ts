/**
 * @module bin/commands/settle
 * `its settle report --day <YYYY-MM-DD> [--ledger <file>...] [--policy base-fare|distance] [--json]`:
 * clears one day from edge ledger files (SQLite) and prints revenue per operator and the
 * reconciliation of payer debits against operator credits, to the won. Exit code 3 when the day does
 * not reconcile, so scripts can alarm on it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ConfigError } from '../../core/errors/index.ts';
import type { ApportionPolicy } from '../../center/clearing/index.ts';
import {
  APPORTION_POLICIES,
  accumulateLedgers,
  clearDay,
  formatClearingReport,
} from '../../center/clearing/index.ts';
import { SqliteLedgerStore } from '../../edge/adapters/sqlite/index.ts';

/** Where ledgers are looked for when no `--ledger` is given. */
const DEFAULT_LEDGER_DIR = process.env.ITS_LEDGER_DIR ?? 'data/ledgers';

type ReportOptions = { day: string; ledger?: string[]; policy: string; json: boolean };

function ledgerFiles(given: readonly string[] | undefined): string[] {
  if (given !== undefined && given.length > 0) {
    for (const f of given) if (!existsSync(f)) throw new ConfigError('--ledger', `no such file ${f}`);
    return [...given];
  }
  if (!existsSync(DEFAULT_LEDGER_DIR))
    throw new ConfigError('--ledger', `none given and ${DEFAULT_LEDGER_DIR} does not exist`);
  const found = readdirSync(DEFAULT_LEDGER_DIR)
    .filter((f) => f.endsWith('.sqlite'))
    .map((f) => join(DEFAULT_LEDGER_DIR, f));
  if (found.length === 0)
    throw new ConfigError('--ledger', `none given and no *.sqlite in ${DEFAULT_LEDGER_DIR}`);
  return found;
}

function* ledgersOf(files: readonly string[]) {
  for (const file of files) {
    const store = new SqliteLedgerStore(file, { readonly: true });
    try {
      yield { ledgerId: store.ledgerId() ?? file, entries: store.entries() };
    } finally {
      store.close();
    }
  }
}

export function register(program: Command): void {
  const settle = program.command('settle').description('fare and toll settlement: clearing reports');
  settle
    .command('report')
    .description('clear one day from edge ledger files: revenue per operator and reconciliation to the won')
    .requiredOption('--day <YYYY-MM-DD>', 'service day (Asia/Seoul) to clear')
    .option('--ledger <file...>', `edge ledger files (default: *.sqlite in ${DEFAULT_LEDGER_DIR})`)
    .option(
      '--policy <policy>',
      `apportionment of transfer trips: ${APPORTION_POLICIES.join(' | ')}`,
      'base-fare',
    )
    .option('--json', 'print the report as JSON', false)
    .action((opts: ReportOptions) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.day))
        throw new ConfigError('--day', `must be YYYY-MM-DD, got ${opts.day}`);
      if (!(APPORTION_POLICIES as readonly string[]).includes(opts.policy))
        throw new ConfigError(
          '--policy',
          `must be one of ${APPORTION_POLICIES.join(', ')}, got ${opts.policy}`,
        );
      const acc = accumulateLedgers(ledgersOf(ledgerFiles(opts.ledger)));
      const report = clearDay(acc, opts.day, opts.policy as ApportionPolicy);
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatClearingReport(report));
      if (!report.reconciliation.reconciled) process.exitCode = 3;
    });
}
