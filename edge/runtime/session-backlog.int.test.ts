/**
 * @module edge/runtime/session-backlog.int.test
 * Fault: an edge restarted after its detector interval ended gets, from its persistent session on a
 * real broker (aedes, port 0), a QoS 1 backlog far larger than what arrives before the SUBACK, so
 * part of it comes after the first control steps (issue 6: "an edge restart loses nothing that was
 * acknowledged to a device"). The edge runs in-process on a virtual clock that a wall-time pump
 * drives at 50x while the backlog drains; no interval closes until it has (edge/ingest
 * `SessionBacklog`), so every loop's report reaches the uplink in its own interval's link state.
 *
 * Each report is one loop of its own (link, lane), so it surfaces as exactly one lane of its link's
 * `link-state` with the report's volume as the lane's flow (as in bin/commands/edge-sigkill.int.test).
 */
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { expect, test } from 'vitest';
import { buildTopic, loadScenario, VirtualClock, type Detector } from '../../core/index.ts';
import { startTestBroker } from '../adapters/mqtt/test-broker.ts';
import { startEdgeRuntime, type EdgeRuntime } from './index.ts';
import { testRuntimeOptions } from './testing/runtime-options.ts';
import { StandInCenter } from './testing/stand-in-center.ts';
import { reportingLoops } from './testing/reporting-loops.ts';

const SCENARIO = loadScenario(fileURLToPath(new URL('../../scenarios/demo-city', import.meta.url)));
const REGION = 'gangnam';
const INTERVAL_MS = 30_000;
/** Presence messages each loop sends while the edge is away, ahead of its report: the bulk of the backlog. */
const STATUS_PER_LOOP = 15;

test('a restarted edge whose session backlog outlasts its first control steps still counts every acknowledged report in its interval', async () => {
  const loops = reportingLoops(SCENARIO, REGION);
  const half = Math.floor(loops.length / 2);
  const broker = await startTestBroker();
  const tag = `${process.pid}-${Date.now()}`;
  const interval = Math.floor(Date.now() / INTERVAL_MS) * INTERVAL_MS;
  const clock = new VirtualClock(interval + 5_000);
  const options = testRuntimeOptions({
    scenario: SCENARIO,
    region: REGION,
    clock,
    brokerUrl: broker.url,
    name: 'backlog',
  });

  // The stand-in center: every lane of every link state by (link, lane, interval); each batch acknowledged.
  const center = await StandInCenter.connect(broker.url, REGION, `center-${tag}`);
  const arrived = center.lanes;

  // The loops: every publish is acknowledged by the broker (publishAsync resolves on the PUBACK).
  const device = await mqtt.connectAsync(broker.url, { clientId: `loops-${tag}`, clean: true });
  const seqs = new Map<string, number>();
  const publish = async (d: Detector, body: Record<string, unknown>, topic: string): Promise<void> => {
    const seq = seqs.get(d.id) ?? 0;
    seqs.set(d.id, seq + 1);
    const message = { id: `backlog-${tag}-${d.id}-${seq}`, deviceId: d.id, seq, ts: clock.now(), ...body };
    await device.publishAsync(topic, JSON.stringify(message), { qos: 1 });
  };
  const volumeOf = (i: number): number => 1 + ((i * 7) % 20);
  const report = (d: Detector, i: number): Promise<void> =>
    publish(
      d,
      {
        kind: 'det.report',
        intervalStart: interval,
        intervalS: 30,
        volume: volumeOf(i),
        occupancyPct: 8,
        speedKmh: 40,
      },
      buildTopic(REGION, 'det', d.id),
    );
  const status = (d: Detector): Promise<void> =>
    publish(
      d,
      {
        kind: 'status',
        deviceKind: 'detector',
        online: true,
        reason: 'heartbeat',
        seqReset: false,
        firmware: null,
      },
      buildTopic(REGION, 'status', d.id),
    );

  let edge: EdgeRuntime | null = null;
  let pump: NodeJS.Timeout | null = null;
  try {
    // First run: half the loops report for the interval; then the edge goes away (its session stays).
    edge = await startEdgeRuntime(options);
    for (const [i, d] of loops.slice(0, half).entries()) await report(d, i);
    const first = edge;
    await expect.poll(() => first.stats().node.ingest.acceptedByKind['det.report'] ?? 0).toBe(half);
    await edge.stop();
    edge = null;

    // While it is away the broker acknowledges and holds the rest: presence first, the reports last.
    clock.advanceTo(interval + 20_000);
    const held: Promise<void>[] = [];
    for (let k = 0; k < STATUS_PER_LOOP; k++) for (const d of loops) held.push(status(d));
    for (const [i, d] of loops.entries()) if (i >= half) held.push(report(d, i));
    await Promise.all(held);
    const backlog = loops.length * STATUS_PER_LOOP + (loops.length - half);

    // Restart 3 s after the interval's close was due; control steps run at once, 50 per wall second,
    // up to past the next interval's close too (so without the hold the interval would no longer be
    // the one closed last, and a late report for it could not even be folded in as a correction).
    clock.advanceTo(interval + INTERVAL_MS + 3_000);
    let capMs = interval + 2 * INTERVAL_MS + 10_000;
    let acceptedAtCap: number | null = null;
    const errors: unknown[] = [];
    const restartedAt = Date.now();
    pump = setInterval(() => {
      try {
        // To the cap in 5 s strides (control steps each second: the cap in about 150 ms of wall time,
        // well inside the ~1 s the backlog takes to arrive on an idle machine, so the race is run),
        // then 10x: the hold's quiet period is wall time.
        if (clock.now() < capMs) clock.advance(capMs === Number.POSITIVE_INFINITY ? 200 : 5000);
        else if (edge !== null && acceptedAtCap === null)
          acceptedAtCap = edge.stats().node.ingest.acceptedByKind['det.report'] ?? 0;
      } catch (err) {
        errors.push(err);
      }
    }, 20);
    edge = await startEdgeRuntime(options);
    const second = edge;
    const reportsIn = (): number => second.stats().node.ingest.acceptedByKind['det.report'] ?? 0;
    // Journal replay (the first half) plus the backlog's reports.
    await expect.poll(reportsIn, { timeout: 30_000, interval: 100 }).toBe(loops.length);
    const drainedMs = Date.now() - restartedAt;
    // The race was run: reports were still arriving after the control steps past both closes.
    expect(acceptedAtCap).not.toBeNull();
    expect(acceptedAtCap).toBeLessThan(loops.length);
    capMs = Number.POSITIVE_INFINITY;

    const keyOf = (d: Detector): string => StandInCenter.key(d.linkId, d.lane, interval);
    await expect
      .poll(() => loops.filter((d) => !arrived.has(keyOf(d))).length, { timeout: 30_000, interval: 100 })
      .toBe(0);
    for (const [i, d] of loops.entries()) expect(arrived.get(keyOf(d))?.flowVph).toBe(volumeOf(i) * 120);
    expect(second.stats().node.detectors.droppedByReason).toEqual({});
    expect(second.stats().sessionBacklog.backlogMessages).toBeGreaterThanOrEqual(backlog);
    expect(errors).toEqual([]);
    console.log(
      `${loops.length} loops, backlog ${backlog} messages, drained ${drainedMs} ms after the restart; ` +
        `${acceptedAtCap} of ${loops.length} reports in after the step past the next close; all lanes at the center`,
    );
  } finally {
    if (pump !== null) clearInterval(pump);
    await edge?.stop();
    await device.endAsync(true);
    await center.close();
    await broker.stop();
  }
}, 60_000);
