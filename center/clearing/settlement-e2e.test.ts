/**
 * @module center/clearing/settlement-e2e.test
 * End to end, deterministic: 100,000 simulated riders and 20,000 toll passes reach an edge ledger
 * duplicated, reordered and partly hours late, while the process writing the ledger is killed with
 * SIGKILL mid-batch and a new one carries on; settlement batches go to the clearing house with lost
 * acknowledgements and resends. The ledger must equal a reference model (the fare rules applied once,
 * in order) and every day's clearing must reconcile to the won.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { VirtualClock } from '../../core/clock/index.ts';
import {
  indexTollNetwork,
  kst,
  rateTollPasses,
  rateTrip,
  SEOUL_FARE_TABLE_FILE,
  seoulPolicy,
} from '../../core/fares/index.ts';
import { SqliteLedgerStore } from '../../edge/adapters/sqlite/index.ts';
import type { RatedMessage } from '../../edge/ledger/index.ts';
import { Ledger, SYNTHETIC_TOLL_NETWORK, syntheticDay, uploadSchedule } from '../../edge/ledger/index.ts';
import { accumulateLedgers, ClearingHouse, clearDay } from './index.ts';

const RIDERS = 100_000;
const TOLL_PASSES = 20_000;
const WRITER = fileURLToPath(new URL('../../edge/adapters/sqlite/ledger-writer-process.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'settlement-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run the writer on the first messages and SIGKILL it after `killAfter` commits; returns the acked count. */
function crashWriter(
  ledgerFile: string,
  messages: readonly RatedMessage[],
  killAfter: number,
): Promise<number> {
  const jsonl = join(dir, 'first.jsonl');
  writeFileSync(jsonl, messages.map((m) => JSON.stringify(m)).join('\n'));
  const config = join(dir, 'writer.json');
  const ledgerConfig = {
    tollNetwork: SYNTHETIC_TOLL_NETWORK,
    edgeId: 'edge-gn',
    region: 'gn',
    ledgerId: 'gn-ledger-1',
  };
  writeFileSync(
    config,
    JSON.stringify({ ...ledgerConfig, fareTableFile: SEOUL_FARE_TABLE_FILE, clockMs: 0 }),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, ledgerFile, jsonl, '250', config], {
      cwd: ROOT,
    });
    let acked = 0;
    let commits = 0;
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^committed (\d+)$/.exec(line);
        if (m === null || commits >= killAfter) continue;
        acked = Number(m[1]);
        commits += 1;
        if (commits === killAfter) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL'
        ? resolve(acked)
        : reject(new Error(`writer ended without being killed (${signal})`)),
    );
  });
}

test(
  'a messy day settles exactly: ledger equals the reference and clearing reconciles to zero',
  { timeout: 900_000 },
  async () => {
    const policy = seoulPolicy();
    const day = syntheticDay({
      seed: 2026,
      riders: RIDERS,
      tollPasses: TOLL_PASSES,
      dayStartMs: kst('2026-03-10T00:00'),
    });
    const arrivals = uploadSchedule([...day.taps, ...day.passes], {
      seed: 7,
      duplicateShare: 0.03,
      lateDeviceShare: 0.05,
      reorderWindow: 300,
    });
    expect(arrivals.length).toBeGreaterThan(day.taps.length + day.passes.length);

    // Reference model: the rules applied once, in device-time order.
    const reference = new Map<string, number>();
    const referenceByDay = new Map<string, number>();
    const ratings = [
      ...rateTrip(day.taps, policy).ratings,
      ...rateTollPasses(day.passes, indexTollNetwork(SYNTHETIC_TOLL_NETWORK), policy),
    ];
    for (const r of ratings) {
      reference.set(r.messageId, r.chargeKrw);
      for (const l of r.lines) referenceByDay.set(l.day, (referenceByDay.get(l.day) ?? 0) + l.amountKrw);
    }

    // A writer process is killed mid-batch; a new one reopens the file and the broker redelivers
    // everything not acknowledged.
    const ledgerFile = join(dir, 'edge-gn.sqlite');
    const acked = await crashWriter(ledgerFile, arrivals.slice(0, 40_000), 12);
    expect(acked).toBeGreaterThan(0);
    const ledger = Ledger.open(new SqliteLedgerStore(ledgerFile), {
      policy,
      tollNetwork: SYNTHETIC_TOLL_NETWORK,
      clock: new VirtualClock(kst('2026-03-11T02:00')),
      edgeId: 'edge-gn',
      region: 'gn',
    });
    expect(ledger.ledgerId).toBe('gn-ledger-1');
    expect(arrivals.slice(0, acked).every((m) => ledger.has(m.id))).toBe(true);
    for (let i = acked; i < arrivals.length; i += 2000) ledger.ingest(arrivals.slice(i, i + 2000));

    // Counted once each, no sequence gaps, and every message charged as the reference model says.
    expect(ledger.counters.recorded).toBe(reference.size);
    expect(ledger.deviceGaps().reduce((s, d) => s + d.missingCount, 0)).toBe(0);
    const charged = ledger.chargedByMessage();
    const mismatches = [...reference].filter(([id, krw]) => (charged.get(id) ?? 0) !== krw);
    expect(mismatches.slice(0, 5)).toEqual([]);

    // Settlement with every seventh acknowledgement lost (the edge resends, the center answers duplicate).
    const house = new ClearingHouse({ centerId: 'center-1', clock: new VirtualClock(0) });
    let sent = 0;
    for (let batch = ledger.nextSettlementBatch(); batch !== null; batch = ledger.nextSettlementBatch()) {
      const ack = house.receive(batch);
      sent += 1;
      if (sent % 7 !== 0) expect(ledger.acknowledge(ack)).toBe('settled');
    }
    expect(house.counters.duplicates).toBeGreaterThan(0);
    const balances = ledger.balances();
    const total = [...reference.values()].reduce((s, x) => s + x, 0);
    expect([...balances.values()].reduce((s, x) => s + x, 0)).toBe(0);
    expect(balances.get('clearing:center')).toBe(-total);

    // Every day reconciles to the won, under both apportionment policies, from batches and from the file.
    const fromFile = accumulateLedgers([
      { ledgerId: ledger.ledgerId, entries: new SqliteLedgerStore(ledgerFile, { readonly: true }).entries() },
    ]);
    expect(house.days()).toEqual([...referenceByDay.keys()].sort());
    for (const d of house.days()) {
      for (const policyName of ['base-fare', 'distance'] as const) {
        const report = house.report(d, policyName);
        expect(report.reconciliation.differences).toEqual([]);
        expect(report.reconciliation).toMatchObject({
          reconciled: true,
          differenceKrw: 0,
          payerDebitsKrw: referenceByDay.get(d),
        });
        expect(clearDay(fromFile, d, policyName)).toEqual(report);
      }
    }
    ledger.close();
  },
);
