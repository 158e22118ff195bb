/**
 * @module edge/adapters/sqlite/ledger-writer-process
 * A small process that records messages into a SQLite ledger, as an edge's ledger writer does, for
 * crash tests: `node --import tsx ledger-writer-process.ts <ledger> <messages.jsonl> <batch> <config.json>`.
 * After each committed batch it prints `committed <messages so far>`: a message counts as acknowledged
 * only once that line is out, exactly as an MQTT PUBACK would follow the commit.
 */
import { readFileSync } from 'node:fs';
import { VirtualClock } from '../../../core/clock/index.ts';
import type { FarePolicyOptions, TollNetwork } from '../../../core/fares/index.ts';
import { farePolicyFromTable, loadFareTable } from '../../../core/fares/index.ts';
import type { RatedMessage } from '../../ledger/index.ts';
import { Ledger } from '../../ledger/index.ts';
import { SqliteLedgerStore } from './sqlite-ledger-store.ts';

/** What the writer is told in its config file (the fare table by path: a policy holds Infinity). */
export type WriterConfig = {
  readonly fareTableFile: string;
  readonly policyOptions?: FarePolicyOptions;
  readonly tollNetwork: TollNetwork;
  readonly edgeId: string;
  readonly region: string;
  readonly ledgerId: string;
  readonly clockMs: number;
};

const [ledgerFile, messagesFile, batchText, configFile] = process.argv.slice(2);
if (
  ledgerFile === undefined ||
  messagesFile === undefined ||
  batchText === undefined ||
  configFile === undefined
) {
  process.stderr.write('usage: ledger-writer-process <ledger> <messages.jsonl> <batch> <config.json>\n');
  process.exit(2);
}
const config = JSON.parse(readFileSync(configFile, 'utf8')) as WriterConfig;
const messages = readFileSync(messagesFile, 'utf8')
  .split('\n')
  .filter((l) => l.length > 0)
  .map((l) => JSON.parse(l) as RatedMessage);
const policy = farePolicyFromTable(loadFareTable(config.fareTableFile), config.policyOptions);
const ledger = Ledger.open(new SqliteLedgerStore(ledgerFile), {
  ...config,
  policy,
  clock: new VirtualClock(config.clockMs),
});
const batch = Number(batchText);
for (let i = 0; i < messages.length; i += batch) {
  ledger.ingest(messages.slice(i, i + batch));
  process.stdout.write(`committed ${Math.min(messages.length, i + batch)}\n`);
}
ledger.close();
