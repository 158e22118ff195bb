/**
 * @module edge/adapters/mqtt/ledger-service-child
 * The live ledger service as its own process, for crash tests and the ledger benchmark:
 * `node --import tsx ledger-service-child.ts <ledger.sqlite> <fieldUrl> <region> <edgeId> [centerUrl]`.
 * Runs the threaded service (MQTT and validation on the main thread, rating and SQLite in a worker);
 * `ITS_LEDGER_SINGLE_THREAD=1` runs the single-threaded one instead, for comparison.
 * Prints `ready` once subscribed, then `stats <json>` every 200 ms (the service's counters and the
 * process's CPU time so far, `cpuUs`, so a benchmark can tell which process limits the rate).
 */
import { SystemClock } from '../../../core/index.ts';
import { seoulPolicy } from '../../../core/fares/index.ts';
import { Ledger, SYNTHETIC_TOLL_NETWORK } from '../../ledger/index.ts';
import { SqliteLedgerStore } from '../sqlite/index.ts';
import { startLedgerService } from './ledger-service.ts';
import type { LedgerServiceStats } from './ledger-service.ts';
import { startThreadedLedgerService } from './ledger-threaded-service.ts';

const [ledgerFile, fieldUrl, region, edgeId, centerUrl] = process.argv.slice(2);
if (ledgerFile === undefined || fieldUrl === undefined || region === undefined || edgeId === undefined) {
  process.stderr.write(
    'usage: ledger-service-child <ledger.sqlite> <fieldUrl> <region> <edgeId> [centerUrl]\n',
  );
  process.exit(2);
}
const clock = new SystemClock();
const common = {
  clock,
  region,
  edgeId,
  fieldUrl,
  ...(centerUrl === undefined ? {} : { centerUrl }),
  reconnectPeriodMs: 200,
  settlement: { resendAfterMs: 1000, pollMs: 100 },
};

/** Start the chosen service; returns its stats and how to stop it (ledger file closed). */
async function start(): Promise<{ stats: () => LedgerServiceStats; stop: () => Promise<void> }> {
  if (process.env['ITS_LEDGER_SINGLE_THREAD'] !== '1') {
    const service = await startThreadedLedgerService({
      ...common,
      ledgerFile: ledgerFile as string,
      tollNetwork: SYNTHETIC_TOLL_NETWORK,
    });
    return { stats: () => service.stats(), stop: () => service.close() };
  }
  const ledger = Ledger.open(new SqliteLedgerStore(ledgerFile as string), {
    policy: seoulPolicy(),
    tollNetwork: SYNTHETIC_TOLL_NETWORK,
    clock,
    edgeId: edgeId as string,
    region: region as string,
  });
  const service = await startLedgerService({ ...common, ledger });
  return {
    stats: () => service.stats(),
    stop: async () => {
      await service.close();
      ledger.close();
    },
  };
}

const service = await start();
process.stdout.write('ready\n');
setInterval(() => {
  const cpu = process.cpuUsage();
  process.stdout.write(`stats ${JSON.stringify({ ...service.stats(), cpuUs: cpu.user + cpu.system })}\n`);
}, 200);
process.on('SIGTERM', () => {
  void service.stop().then(() => process.exit(0));
});
