/**
 * @module bench/edge-pipeline-uplink
 * What the uplink's prompt lane costs an edge: one region's `EdgeNode` fed 1,000 buses reporting every
 * second (1,000 fixes/s, the rate the edge sizing names), its summaries going through the real
 * `UplinkForwarder` into the real SQLite store (WAL, synchronous FULL), a fake center acknowledging each
 * batch 15 ms after it left. Run once with the lane off (everything waits for the 1 s flush) and once
 * with the default 50 ms window, on a virtual clock (so the counts are exact and the run is as fast as
 * the machine allows): SQLite commits per second (each one an fsync), batches per second, the process's
 * CPU per fix (ingest, map matching, the edge's control tick, the forwarder and SQLite together) and
 * the wall time the loop spent per simulated second (fsyncs block it). Fixes are handed over in 10 ms
 * slots, each slot one turn of the edge's loop: the forwarder writes a turn's items in one commit, so
 * the append count depends on how messages bunch; a live edge that falls behind reads more messages
 * per turn and commits less often.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, VirtualClock } from '../core/index.ts';
import type { EdgeBatch } from '../core/index.ts';
import { SqliteUplinkStore } from '../edge/adapters/sqlite/index.ts';
import { EdgeNode } from '../edge/node/index.ts';
import {
  UplinkForwarder,
  type UplinkAckNotice,
  type UplinkStore,
  type UplinkTransport,
} from '../edge/uplink/index.ts';
import { busFleet, busTopic, fixOf } from './center-ingest-gps-fleet.ts';
import type { BenchFigure } from './types.ts';

const REGION = 'gangnam';
const CENTER_ACK_MS = 15;

/** The SQLite store, counting the calls that commit a write (a seal of nothing writes nothing). */
function countingStore(inner: SqliteUplinkStore): { store: UplinkStore; commits: () => number } {
  let commits = 0;
  const store: UplinkStore = {
    appendItems: (items) => {
      inner.appendItems(items);
      if (items.length > 0) commits++;
    },
    pendingItemCount: () => inner.pendingItemCount(),
    sealBatch: (maxItems, build) => {
      const sealed = inner.sealBatch(maxItems, build);
      if (sealed !== null) commits++;
      return sealed;
    },
    batchesAfter: (afterSeq, limit) => inner.batchesAfter(afterSeq, limit),
    batchCount: () => inner.batchCount(),
    deleteBatch: (seq) => {
      const deleted = inner.deleteBatch(seq);
      if (deleted) commits++;
      return deleted;
    },
    journal: (topic, payload, at) => {
      commits++;
      return inner.journal(topic, payload, at);
    },
    journalEntries: () => inner.journalEntries(),
    pruneJournal: (before) => {
      const n = inner.pruneJournal(before);
      if (n > 0) commits++;
      return n;
    },
    close: () => inner.close(),
  };
  return { store, commits: () => commits };
}

/** A center reached at once that answers every batch `CENTER_ACK_MS` after it left. */
class AckingCenter implements UplinkTransport {
  readonly connected = true;
  batches = 0;
  items = 0;
  #ack: (ack: UplinkAckNotice) => void = () => {};
  constructor(readonly clock: VirtualClock) {}
  publish(_topic: string, payload: string): Promise<void> {
    const batch = JSON.parse(payload) as EdgeBatch;
    this.batches++;
    this.items += batch.items.length;
    this.clock.setTimeout(() => this.#ack({ batchSeq: batch.seq, batchId: batch.id }), CENTER_ACK_MS);
    return Promise.resolve();
  }
  onConnectionChange(): void {}
  onAck(listener: (ack: UplinkAckNotice) => void): void {
    this.#ack = listener;
  }
}

type Cost = {
  commitsPerS: number;
  batchesPerS: number;
  itemsPerS: number;
  cpuUsPerFix: number;
  wallMsPerS: number;
  fixesPerS: number;
};

/** One run: `warmS` untimed (buses starting), then `timedS` measured. */
function run(promptWindowMs: number | null, buses: number, warmS: number, timedS: number): Cost {
  const scenario = loadScenario('scenarios/demo-city');
  const clock = new VirtualClock(Date.parse(scenario.startTime));
  const dir = mkdtempSync(join(tmpdir(), 'bench-uplink-cost-'));
  const sqlite = new SqliteUplinkStore(join(dir, 'uplink.sqlite'));
  const { store, commits } = countingStore(sqlite);
  const center = new AckingCenter(clock);
  const forwarder = new UplinkForwarder({
    ...{ store, transport: center, clock, edgeId: 'edge-bench', region: REGION },
    promptWindowMs,
  });
  const node = new EdgeNode({
    ...{ scenario, region: REGION, clock, strategy: 'actuated', tsp: false },
    controllers: new Map(),
    uplink: forwarder,
  });
  const fleet = busFleet(scenario, { region: REGION, buses, prefix: 'cost' });
  // Every fix as the field broker hands it over, made before the meter starts: 10 ms ticks.
  const t0 = clock.now();
  const ticks: { topic: string; payload: string }[][] = [];
  for (let tick = 0; tick < (warmS + timedS) * 100; tick++) ticks.push([]);
  for (const bus of fleet) {
    for (let k = 0; bus.firstFixMs + k * 1000 < (warmS + timedS) * 1000; k++) {
      const atMs = bus.firstFixMs + k * 1000;
      const fix = fixOf(bus, k, t0 + atMs, k);
      ticks[Math.floor(atMs / 10)]?.push({ topic: busTopic(REGION, bus), payload: JSON.stringify(fix) });
    }
  }
  forwarder.start();
  node.start();
  let before = { commits: 0, batches: 0, items: 0, fixes: 0, cpu: process.cpuUsage(), wall: 0 };
  let fixes = 0;
  ticks.forEach((due, tick) => {
    if (tick === warmS * 100) {
      before = {
        ...{ commits: commits(), batches: center.batches, items: center.items, fixes },
        ...{ cpu: process.cpuUsage(), wall: performance.now() },
      };
    }
    clock.advanceTo(t0 + tick * 10);
    for (const m of due) node.handle(m.topic, m.payload);
    fixes += due.length;
  });
  clock.advance(10);
  const cpu = process.cpuUsage(before.cpu);
  const wall = performance.now() - before.wall;
  node.stop();
  forwarder.stop();
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });
  const timedFixes = fixes - before.fixes;
  return {
    commitsPerS: (commits() - before.commits) / timedS,
    batchesPerS: (center.batches - before.batches) / timedS,
    itemsPerS: (center.items - before.items) / timedS,
    cpuUsPerFix: (cpu.user + cpu.system) / Math.max(1, timedFixes),
    wallMsPerS: wall / timedS,
    fixesPerS: timedFixes / timedS,
  };
}

/** The lane off against the default window, as bench figures. */
export function uplinkCostFigures(quick: boolean): BenchFigure[] {
  const buses = 1000;
  const [warmS, timedS] = quick ? [10, 5] : [10, 15];
  // Two runs of each, in the order off, on, on, off: the counts repeat exactly (virtual clock), the
  // CPU time follows the machine's load, so each mode keeps its lower CPU figure.
  const runs = [null, 50, 50, null].map((w) => ({ w, cost: run(w, buses, warmS, timedS) }));
  const best = (w: number | null): Cost =>
    runs
      .filter((r) => r.w === w)
      .map((r) => r.cost)
      .reduce((a, b) => (b.cpuUsPerFix < a.cpuUsPerFix ? b : a));
  const spread = (w: number | null): string =>
    runs
      .filter((r) => r.w === w)
      .map((r) => r.cost.cpuUsPerFix.toFixed(0))
      .join(' and ');
  const off = best(null);
  const on = best(50);
  const load = `load average ${loadavg()[0]?.toFixed(1)}`;
  const common = `${buses} buses reporting every 1 s (${Math.round(on.fixesPerS)} fixes/s) on the demo city's ${REGION} routes, ${timedS} s after a ${warmS} s start, virtual clock, center acks after ${CENTER_ACK_MS} ms`;
  const describe = (c: Cost): string =>
    `${c.batchesPerS.toFixed(1)} batches/s of ${(c.itemsPerS / Math.max(1, c.batchesPerS)).toFixed(1)} items`;
  return [
    {
      name: 'edge SQLite commits/s at 1,000 fixes/s, uplink prompt window 50 ms',
      value: Number(on.commitsPerS.toFixed(1)),
      unit: 'commit/s',
      reference: { name: 'prompt lane off (1 s batches)', value: Number(off.commitsPerS.toFixed(1)) },
      ratio: Number((on.commitsPerS / off.commitsPerS).toFixed(3)),
      note: `${describe(on)} against ${describe(off)}; a commit is one fsync (WAL, synchronous FULL): item appends, seals, acknowledged deletes; ${common}`,
    },
    {
      name: 'edge CPU per GPS fix at 1,000 fixes/s, uplink prompt window 50 ms',
      value: Number(on.cpuUsPerFix.toFixed(1)),
      unit: 'µs',
      reference: { name: 'prompt lane off (1 s batches)', value: Number(off.cpuUsPerFix.toFixed(1)) },
      ratio: Number((on.cpuUsPerFix / off.cpuUsPerFix).toFixed(3)),
      note: `the lower of two runs each (${spread(50)} against ${spread(null)} µs); the whole edge (ingest, map matching, control tick, forwarder, SQLite), user + system; loop wall time ${on.wallMsPerS.toFixed(0)} ms per simulated s against ${off.wallMsPerS.toFixed(0)} ms (fsyncs block it); ${common}; ${load}`,
    },
  ];
}
