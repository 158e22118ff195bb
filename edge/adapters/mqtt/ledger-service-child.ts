/**
 * @module edge/adapters/mqtt/ledger-service-child
 * The live ledger service as its own process, for crash tests and the ledger benchmark:
 * `node --import tsx ledger-service-child.ts <ledger.sqlite> <fieldUrl> <region> <edgeId> [centerUrl]`.
 * Prints `ready` once subscribed, then `stats <json>` every 200 ms (the service's counters and the
 * process's CPU time so far, `cpuUs`, so a benchmark can tell which process limits the rate).
 */
import { SystemClock } from '../../../core/index.ts';
import { seoulPolicy } from '../../../core/fares/index.ts';
import { Ledger, SYNTHETIC_TOLL_NETWORK } from '../../ledger/index.ts';
import { SqliteLedgerStore } from '../sqlite/index.ts';
import { startLedgerService } from './ledger-service.ts';

const [ledgerFile, fieldUrl, region, edgeId, centerUrl] = process.argv.slice(2);
if (ledgerFile === undefined || fieldUrl === undefined || region === undefined || edgeId === undefined) {
  process.stderr.write(
    'usage: ledger-service-child <ledger.sqlite> <fieldUrl> <region> <edgeId> [centerUrl]\n',
  );
  process.exit(2);
}
const clock = new SystemClock();
const ledger = Ledger.open(new SqliteLedgerStore(ledgerFile), {
  policy: seoulPolicy(),
  tollNetwork: SYNTHETIC_TOLL_NETWORK,
  clock,
  edgeId,
  region,
});
const service = await startLedgerService({
  ledger,
  clock,
  region,
  edgeId,
  fieldUrl,
  ...(centerUrl === undefined ? {} : { centerUrl }),
  reconnectPeriodMs: 200,
  settlement: { resendAfterMs: 1000, pollMs: 100 },
});
process.stdout.write('ready\n');
setInterval(() => {
  const cpu = process.cpuUsage();
  process.stdout.write(`stats ${JSON.stringify({ ...service.stats(), cpuUs: cpu.user + cpu.system })}\n`);
}, 200);
process.on('SIGTERM', () => {
  void service.close().then(() => {
    ledger.close();
    process.exit(0);
  });
});
