/**
 * @module bin/commands/settle
 * `its settle report --day <YYYY-MM-DD> [--clearing <file> | --ledger <file>...] [--policy base-fare|distance]
 * [--json]`: clears one day from the center's clearing store (the batches its clearing house
 * acknowledged, `--clearing`, default `$ITS_CLEARING_DB` when set) or from edge ledger files, and prints revenue per operator and the
 * reconciliation of payer debits against operator credits, to the won. Exit code 3 when the day does
 * not reconcile, so scripts can alarm on it. `its settle demo --ledger <file>` records a seeded
 * synthetic day (duplicated, reordered, partly late) into a ledger file to try the report on.
 * `its settle serve --mqtt <url> --clearing <file>` runs the clearing house on its own: it records the
 * edges' settlement batches from the broker durably and acknowledges them (the center node does the
 * same when it is given a clearing store). The MQTT identity (`center.<id>`) comes from
 * `ITS_MQTT_USERNAME`/`ITS_MQTT_PASSWORD`, never a flag.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ConfigError, FileFormatError } from '../../core/errors/index.ts';
import { checkInputFile } from '../input-file.ts';
import type { ApportionPolicy } from '../../center/clearing/index.ts';
import {
  APPORTION_POLICIES,
  accumulateLedgers,
  clearDay,
  formatClearingReport,
} from '../../center/clearing/index.ts';
import { openClearingService } from '../../center/adapters/mqtt/settlement-service.ts';
import { SqliteClearingStore } from '../../center/adapters/sqlite/index.ts';
import { SqliteLedgerStore } from '../../edge/adapters/sqlite/index.ts';
import { SystemClock } from '../../core/clock/index.ts';
import { kst, seoulPolicy } from '../../core/fares/index.ts';
import { Ledger, SYNTHETIC_TOLL_NETWORK, syntheticDay, uploadSchedule } from '../../edge/ledger/index.ts';

/** Where ledgers are looked for when no `--ledger` is given. */
const DEFAULT_LEDGER_DIR = process.env.ITS_LEDGER_DIR ?? 'data/ledgers';

/** The center's clearing store read when `--clearing` is not given. */
const DEFAULT_CLEARING_DB = process.env.ITS_CLEARING_DB;

type ReportOptions = { day: string; ledger?: string[]; clearing?: string; policy: string; json: boolean };

/** The accumulated entries of the center's clearing store. */
function clearingStoreEntries(file: string) {
  checkInputFile('--clearing', file);
  const store = openSqlite(file, 'clearing store', () => new SqliteClearingStore(file, { readonly: true }));
  try {
    return accumulateLedgers(store.ledgers());
  } finally {
    store.close();
  }
}

/** Open a SQLite store; a file that is not one (`file is not a database`) is named, not a stack. */
function openSqlite<T>(file: string, what: string, open: () => T): T {
  try {
    return open();
  } catch (err) {
    if (err instanceof Error && err.name === 'SqliteError')
      throw new FileFormatError(file, null, `not a ${what} (SQLite: ${err.message})`, { cause: err });
    throw err;
  }
}

/** `YYYY-MM-DD` that is a day of the calendar (2026-13-45 and 2026-02-30 are not). */
function checkDay(day: string): void {
  const ok =
    /^\d{4}-\d{2}-\d{2}$/.test(day) &&
    !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) &&
    new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
  if (!ok) throw new ConfigError('--day', `must be a calendar day YYYY-MM-DD, got ${day}`);
}

function ledgerFiles(given: readonly string[] | undefined): string[] {
  if (given !== undefined && given.length > 0) {
    for (const f of given) {
      checkInputFile('--ledger', f);
      // SQLite reads an empty file as an empty database: 'ledger schema 0 must be migrated' misleads.
      if (statSync(f).size === 0) throw new FileFormatError(f, null, 'empty file, not a ledger');
    }
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
    const store = openSqlite(file, 'ledger', () => new SqliteLedgerStore(file, { readonly: true }));
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
    .option(
      '--clearing <file>',
      "the center's clearing store (SQLite): what its clearing house acknowledged (default $ITS_CLEARING_DB)",
    )
    .option('--ledger <file...>', `edge ledger files (default: *.sqlite in ${DEFAULT_LEDGER_DIR})`)
    .option(
      '--policy <policy>',
      `apportionment of transfer trips: ${APPORTION_POLICIES.join(' | ')}`,
      'base-fare',
    )
    .option('--json', 'print the report as JSON', false)
    .action((opts: ReportOptions) => {
      checkDay(opts.day);
      if (!(APPORTION_POLICIES as readonly string[]).includes(opts.policy))
        throw new ConfigError(
          '--policy',
          `must be one of ${APPORTION_POLICIES.join(', ')}, got ${opts.policy}`,
        );
      if (opts.clearing !== undefined && opts.ledger !== undefined)
        throw new ConfigError('--clearing', 'give either --clearing or --ledger, not both');
      const clearingFile = opts.ledger === undefined ? (opts.clearing ?? DEFAULT_CLEARING_DB) : undefined;
      const acc =
        clearingFile !== undefined
          ? clearingStoreEntries(clearingFile)
          : accumulateLedgers(ledgersOf(ledgerFiles(opts.ledger)));
      const report = clearDay(acc, opts.day, opts.policy as ApportionPolicy);
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatClearingReport(report));
      if (!report.reconciliation.reconciled) process.exitCode = 3;
    });
  settle
    .command('demo')
    .description('record a seeded synthetic day of taps and toll passes into a ledger file')
    .requiredOption('--ledger <file>', 'ledger file to create or extend')
    .option('--day <YYYY-MM-DD>', 'service day', '2026-03-10')
    .option('--riders <n>', 'riders', '10000')
    .option('--toll-passes <n>', 'toll passes', '2000')
    .option('--seed <n>', 'seed', '1')
    .action((opts: { ledger: string; day: string; riders: string; tollPasses: string; seed: string }) => {
      const riders = Number(opts.riders);
      const tollPasses = Number(opts.tollPasses);
      if (!Number.isInteger(riders) || riders < 1)
        throw new ConfigError('--riders', 'must be a positive integer');
      if (!Number.isInteger(tollPasses) || tollPasses < 0)
        throw new ConfigError('--toll-passes', 'must be >= 0');
      checkDay(opts.day);
      const dayStartMs = kst(`${opts.day}T00:00`);
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed)) throw new ConfigError('--seed', `must be an integer, got ${opts.seed}`);
      const day = syntheticDay({ seed, riders, tollPasses, dayStartMs });
      const arrivals = uploadSchedule([...day.taps, ...day.passes], {
        seed: seed + 1,
        duplicateShare: 0.03,
        lateDeviceShare: 0.05,
        reorderWindow: 300,
      });
      const ledger = Ledger.open(new SqliteLedgerStore(opts.ledger), {
        policy: seoulPolicy(),
        tollNetwork: SYNTHETIC_TOLL_NETWORK,
        clock: new SystemClock(),
        edgeId: 'edge-demo',
        region: 'demo',
      });
      for (let i = 0; i < arrivals.length; i += 2000) ledger.ingest(arrivals.slice(i, i + 2000));
      const c = ledger.counters;
      process.stdout.write(
        `${opts.ledger}: ${c.recorded} messages recorded, ${c.duplicates} duplicates ignored, ` +
          `${c.corrections} corrections posted, ${ledger.lastEntryNo} entries\n`,
      );
      ledger.close();
    });
  settle
    .command('serve')
    .description(
      'run the clearing house: record settlement batches from the broker durably and acknowledge them',
    )
    .requiredOption('--mqtt <url>', "the center's broker URL")
    .requiredOption('--clearing <file>', 'the clearing store (SQLite) to record into')
    .option('--center-id <id>', 'this clearing house in its acknowledgements', 'clearing')
    .option('--protocol <version>', 'MQTT protocol: 5, 4 or auto (5 shares the subscription)', 'auto')
    .action(async (opts: { mqtt: string; clearing: string; centerId: string; protocol: string }) => {
      if (!['5', '4', 'auto'].includes(opts.protocol))
        throw new ConfigError('--protocol', `must be 5, 4 or auto, got ${opts.protocol}`);
      const log = (line: string): void => void process.stderr.write(`${line}\n`);
      const service = openClearingService({
        centerId: opts.centerId,
        clock: new SystemClock(),
        clearingFile: opts.clearing,
        log,
      });
      const username = process.env.ITS_MQTT_USERNAME;
      const subscriber = await service.connect({
        url: opts.mqtt,
        protocol: opts.protocol === 'auto' ? 'auto' : (Number(opts.protocol) as 5 | 4),
        ...(username === undefined ? {} : { username, password: process.env.ITS_MQTT_PASSWORD ?? '' }),
      });
      log(`clearing house on ${opts.mqtt} (${subscriber.subscription}), recording into ${opts.clearing}`);
      const report = setInterval(() => log(`clearing: ${JSON.stringify(service.house.counters)}`), 10_000);
      const stop = (): void => {
        clearInterval(report);
        void service.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
