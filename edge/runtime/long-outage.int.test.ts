/**
 * @module edge/runtime/long-outage.int.test
 * Fault: an edge whose inbox journal is empty when it goes down (no QoS 1 message in the 120 s it
 * keeps) stays down for more than 120 s while the loops keep reporting to its persistent session on a
 * real broker (aedes, port 0). Before, the restarted edge opened intervals only from 60 s before its
 * oldest journal entry, so with none it dropped every held report as `late-report`, though it had
 * never closed their intervals. Now it reads back from SQLite the interval it closed last, and each
 * held report counts in its own interval. The edge runs in-process on a virtual clock.
 *
 * Each report is one loop of its own (link, lane), so it surfaces as exactly one lane of its link's
 * `link-state` with the report's volume as the lane's flow (as in session-backlog.int.test).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { expect, test } from 'vitest';
import { buildTopic, loadScenario, VirtualClock, type Detector } from '../../core/index.ts';
import { SqliteIntervalMarks } from '../adapters/sqlite/index.ts';
import { startTestBroker } from '../adapters/mqtt/test-broker.ts';
import { startEdgeRuntime, type EdgeRuntime } from './index.ts';
import { detReport } from './testing/det-report.ts';
import { testRuntimeOptions } from './testing/runtime-options.ts';
import { StandInCenter } from './testing/stand-in-center.ts';
import { reportingLoops } from './testing/reporting-loops.ts';

const SCENARIO = loadScenario(fileURLToPath(new URL('../../scenarios/demo-city', import.meta.url)));
const REGION = 'gangnam';
const INTERVAL_MS = 30_000;
/** Loops that report (one per link and lane), enough for several links. */
const LOOPS = 24;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A broker, a virtual clock at 5 s into the current interval, an edge's options and database, a stand-in center and the loops' client. */
async function setUp(name: string) {
  const loops = reportingLoops(SCENARIO, REGION).slice(0, LOOPS);
  const broker = await startTestBroker();
  const tag = `${process.pid}-${Date.now()}`;
  const base = Math.floor(Date.now() / INTERVAL_MS) * INTERVAL_MS;
  const clock = new VirtualClock(base + 5_000);
  const dbFile = join(mkdtempSync(join(tmpdir(), `its-edge-${name}-`)), 'edge.sqlite');
  const options = testRuntimeOptions({
    scenario: SCENARIO,
    region: REGION,
    clock,
    brokerUrl: broker.url,
    name,
    dbFile,
  });
  // The stand-in center: every lane of every link state by (link, lane, interval); each batch acknowledged.
  const center = await StandInCenter.connect(broker.url, REGION, `center-${tag}`);
  // The loops: every publish is acknowledged by the broker (publishAsync resolves on the PUBACK).
  const device = await mqtt.connectAsync(broker.url, { clientId: `loops-${tag}`, clean: true });
  const tearDown = async (edge: EdgeRuntime | null, pump: NodeJS.Timeout | null): Promise<void> => {
    if (pump !== null) clearInterval(pump);
    await edge?.stop();
    await device.endAsync(true);
    await center.close();
    await broker.stop();
  };
  return { loops, tag, base, clock, dbFile, options, center, device, tearDown };
}

test('an edge down for more than 120 s, with nothing journaled before, counts every held report in its own interval', async () => {
  const { loops, tag, base, clock, dbFile, options, center, device, tearDown } = await setUp('outage');
  const arrived = center.lanes;
  const seqs = new Map<string, number>();
  const volumeOf = (i: number, interval: number): number => 1 + ((i * 7 + interval / INTERVAL_MS) % 20);
  const report = async (d: Detector, i: number, interval: number): Promise<void> => {
    const seq = seqs.get(d.id) ?? 0;
    seqs.set(d.id, seq + 1);
    const message = detReport({
      id: `outage-${tag}-${d.id}-${seq}`,
      deviceId: d.id,
      seq,
      ts: interval + INTERVAL_MS,
      intervalStart: interval,
      volume: volumeOf(i, interval),
      occupancyPct: 8,
      speedKmh: 40,
    });
    await device.publishAsync(buildTopic(REGION, 'det', d.id), JSON.stringify(message), { qos: 1 });
  };
  const keyOf = (d: Detector, interval: number): string => StandInCenter.key(d.linkId, d.lane, interval);
  const missing = (interval: number): number => loops.filter((d) => !arrived.has(keyOf(d, interval))).length;

  let edge: EdgeRuntime | null = null;
  let pump: NodeJS.Timeout | null = null;
  try {
    // First run: the loops report for the interval `base`; it closes and goes up. Then 140 s pass
    // with no QoS 1 message, so the journal (it keeps 120 s) is pruned, while empty intervals keep
    // closing. (The start's own hold, nothing being held for a new session, runs on the virtual clock
    // here, so it ends before the reports come; the restart below holds on wall time.)
    edge = await startEdgeRuntime({ ...options, sessionBacklog: { clock } });
    const first = edge;
    clock.advanceTo(base + INTERVAL_MS);
    await Promise.all(loops.map((d, i) => report(d, i, base)));
    await expect.poll(() => first.stats().node.ingest.acceptedByKind['det.report'] ?? 0).toBe(loops.length);
    for (let t = base + INTERVAL_MS; t < base + 170_000; t += 1_000) {
      clock.advanceTo(t + 1_000);
      await sleep(5);
    }
    await expect.poll(() => missing(base), { timeout: 10_000, interval: 50 }).toBe(0);
    await edge.stop();
    edge = null;
    // Down at base + 170 s: the intervals up to base + 120 s are closed, base + 150 s is open.
    const marks = new SqliteIntervalMarks(dbFile);
    expect(marks.lastClosed(REGION)).toBe(base + 120_000);
    marks.close();

    // While it is away (130 s) the loops report for the open interval and the next three, all held.
    const held = [150_000, 180_000, 210_000, 240_000].map((offset) => base + offset);
    for (const interval of held) {
      clock.advanceTo(interval + INTERVAL_MS);
      await Promise.all(loops.map((d, i) => report(d, i, interval)));
    }
    clock.advanceTo(base + 300_000);

    // Restart: control steps at 5x wall time while the backlog drains (the hold's quiet period is wall time).
    const errors: unknown[] = [];
    pump = setInterval(() => {
      try {
        clock.advance(100);
      } catch (err) {
        errors.push(err);
      }
    }, 20);
    edge = await startEdgeRuntime(options);
    const second = edge;
    // Nothing to replay: without the mark the edge would open intervals only from the restart on.
    expect(second.replayed).toBe(0);
    for (const interval of held)
      await expect.poll(() => missing(interval), { timeout: 10_000, interval: 50 }).toBe(0);
    for (const interval of held)
      for (const [i, d] of loops.entries())
        expect(arrived.get(keyOf(d, interval))?.flowVph).toBe(volumeOf(i, interval) * 120);
    expect(second.stats().node.detectors.droppedByReason).toEqual({});
    expect(second.stats().node.detectors.reports).toBe(loops.length * held.length);
    expect(errors).toEqual([]);
  } finally {
    await tearDown(edge, pump);
  }
}, 30_000);

// The CI failure of session 10's try: `its edge` killed before its inbox had journaled a report and
// before it had closed an interval. With no mark and no journal the restart opened intervals only
// from its own start, and dropped every report the broker held for the first run's interval.
test('an edge down before it closed any interval or journaled any report counts the held reports in their interval', async () => {
  const { loops, tag, base, clock, options, center, device, tearDown } = await setUp('early');
  const keyOf = (d: Detector): string => StandInCenter.key(d.linkId, d.lane, base);
  let edge: EdgeRuntime | null = null;
  let pump: NodeJS.Timeout | null = null;
  try {
    // First run: up, then down within its first interval, having heard nothing.
    edge = await startEdgeRuntime({ ...options, sessionBacklog: { clock } });
    await edge.stop();
    edge = null;
    // While it is away the loops report for that interval, all held by its session.
    clock.advanceTo(base + INTERVAL_MS);
    for (const [i, d] of loops.entries()) {
      const message = detReport({
        id: `early-${tag}-${d.id}`,
        deviceId: d.id,
        seq: 0,
        ts: base + INTERVAL_MS,
        intervalStart: base,
        volume: 1 + i,
        occupancyPct: 8,
        speedKmh: 40,
      });
      await device.publishAsync(buildTopic(REGION, 'det', d.id), JSON.stringify(message), { qos: 1 });
    }
    // Back 40 s later, in the next interval but one.
    clock.advanceTo(base + 70_000);
    pump = setInterval(() => clock.advance(100), 20);
    edge = await startEdgeRuntime(options);
    const second = edge;
    expect(second.replayed).toBe(0);
    await expect
      .poll(() => loops.filter((d) => !center.lanes.has(keyOf(d))).length, { timeout: 10_000, interval: 50 })
      .toBe(0);
    for (const [i, d] of loops.entries()) expect(center.lanes.get(keyOf(d))?.flowVph).toBe((1 + i) * 120);
    expect(second.stats().node.detectors.droppedByReason).toEqual({});
  } finally {
    await tearDown(edge, pump);
  }
}, 30_000);
