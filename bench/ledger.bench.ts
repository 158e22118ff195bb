/**
 * @module bench/ledger.bench
 * Taps per second durably recorded by one edge ledger (SQLite WAL, synchronous FULL): a seeded day of
 * taps ingested in batched commits (one fsync per batch), against the same ledger committing every
 * message on its own as the reference. Also the rate for a messy arrival order (duplicates, reordering,
 * late readers) that forces re-rating and correcting entries.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../core/clock/index.ts';
import { kst, seoulPolicy } from '../core/fares/index.ts';
import { SqliteLedgerStore } from '../edge/adapters/sqlite/index.ts';
import type { RatedMessage } from '../edge/ledger/index.ts';
import { Ledger, SYNTHETIC_TOLL_NETWORK, syntheticDay, uploadSchedule } from '../edge/ledger/index.ts';
import type { BenchFigure, Benchmark } from './types.ts';

const TARGET_TAPS_PER_S = 20_000;

/** Messages per wall-clock second and per CPU second of this process (the machine may be shared). */
type Rate = { readonly wall: number; readonly cpu: number };

function recordRate(dir: string, name: string, messages: readonly RatedMessage[], batch: number): Rate {
  const ledger = Ledger.open(new SqliteLedgerStore(join(dir, `${name}.sqlite`)), {
    policy: seoulPolicy(),
    tollNetwork: SYNTHETIC_TOLL_NETWORK,
    clock: new VirtualClock(0),
    edgeId: 'edge-bench',
    region: 'bench',
  });
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < messages.length; i += batch) ledger.ingest(messages.slice(i, i + batch));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  ledger.close();
  return { wall: messages.length / seconds, cpu: messages.length / ((used.user + used.system) / 1e6) };
}

export const benchmark: Benchmark = {
  name: 'ledger',
  run: async ({ quick }) => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
    try {
      const day = syntheticDay({
        seed: 11,
        riders: quick ? 20_000 : 100_000,
        tollPasses: 0,
        dayStartMs: kst('2026-03-10T00:00'),
      });
      const taps = day.taps;
      const single = recordRate(dir, 'single', taps.slice(0, quick ? 500 : 2_000), 1);
      const batched = recordRate(dir, 'batched', taps, 1000);
      const messy = uploadSchedule(taps, {
        seed: 3,
        duplicateShare: 0.03,
        lateDeviceShare: 0.05,
        reorderWindow: 300,
      });
      const messyRate = recordRate(dir, 'messy', messy, 1000);
      const figures: BenchFigure[] = [
        {
          name: `taps/s durably recorded, 1,000 per commit (${taps.length.toLocaleString('en-US')} taps, in order)`,
          value: Math.round(batched.wall),
          unit: 'taps/s',
          target: `>= ${TARGET_TAPS_PER_S}`,
          reference: { name: 'one commit per tap', value: Math.round(single.wall) },
          ratio: batched.wall / single.wall,
          met: batched.wall >= TARGET_TAPS_PER_S,
        },
        {
          name: 'taps per CPU second of the recording process, 1,000 per commit (load-independent)',
          value: Math.round(batched.cpu),
          unit: 'taps/cpu-s',
          note: 'wall-clock rate is lower when other processes share the cores',
        },
        {
          name: 'taps/s, messy arrival (3% duplicates, 5% of readers late, reordered)',
          value: Math.round(messyRate.wall),
          unit: 'taps/s',
          target: `>= ${TARGET_TAPS_PER_S}`,
          met: messyRate.wall >= TARGET_TAPS_PER_S,
        },
      ];
      return figures;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
