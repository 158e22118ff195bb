/**
 * @module bin/commands/edge-sigkill.int.test
 * Fault: the real `its edge` process killed with SIGKILL and restarted loses nothing that was
 * acknowledged to a device (issue 6). A device client publishes QoS 1 loop-detector reports to the
 * field broker and keeps those the broker acknowledged (PUBACK); the edge's persistent session holds
 * the rest for it while it is down. A stand-in center on a separate broker (`--center-mqtt`) records
 * every uplink batch and answers with `uplink.ack` as the real center does.
 *
 * Each report is one loop of its own (link, lane) for one 30 s interval, and nothing else publishes,
 * so it surfaces at the center as exactly one lane entry of the link's `link-state` for that interval,
 * with the report's volume as the lane's flow: the key (link, lane, interval) is the report's id.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { test, expect } from 'vitest';
import { buildTopic, loadScenario, type Detector } from '../../core/index.ts';
import { startTestBroker } from '../../edge/adapters/mqtt/test-broker.ts';
import { REPO_ROOT } from '../demo/testing/demo-process.ts';
import { spawnEdge, type ItsProcess } from './testing/its-process.ts';
import { StandInCenter } from '../../edge/runtime/testing/stand-in-center.ts';
import { reportingLoops } from '../../edge/runtime/testing/reporting-loops.ts';

const REGION = 'seocho';
const INTERVAL_MS = 30_000;
const SCENARIO = join(REPO_ROOT, 'scenarios', 'demo-city');

/** `its edge` for the region; resolves once it prints `ready`. */
async function startEdge(fieldUrl: string, centerUrl: string, db: string): Promise<ItsProcess> {
  const edge = spawnEdge([
    ...['--scenario', SCENARIO, '--region', REGION, '--strategy', 'actuated'],
    ...['--mqtt', fieldUrl, '--center-mqtt', centerUrl, '--db', db],
  ]);
  await edge.ready;
  return edge;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** Start of the 30 s interval running now, or of the next one when less than 10 s of this one is left. */
async function intervalWithTimeLeft(): Promise<number> {
  const now = Math.floor(Date.now() / INTERVAL_MS) * INTERVAL_MS;
  if (Date.now() < now + INTERVAL_MS - 10_000) return now;
  await sleep(now + INTERVAL_MS + 500 - Date.now());
  return now + INTERVAL_MS;
}

test('its edge killed with SIGKILL mid-stream and restarted: every report acknowledged to the device reaches the center', async () => {
  const loops = reportingLoops(loadScenario(SCENARIO), REGION);
  const field = await startTestBroker();
  const centerBroker = await startTestBroker();
  const tag = `${process.pid}-${Date.now()}`;
  const db = join(mkdtempSync(join(tmpdir(), 'its-edge-sigkill-')), 'edge.sqlite');

  // The stand-in center: every lane entry of every link state, by (link, lane, interval), with its
  // flow, counted once per batch id (a batch resent after the kill is the same batch).
  const center = await StandInCenter.connect(centerBroker.url, REGION, `center-${tag}`);
  const arrived = center.lanes;

  // The device side: one client publishing for every loop, keeping what the broker acknowledged.
  const device = await mqtt.connectAsync(field.url, { clientId: `loops-${tag}`, clean: true });
  const published = new Map<string, number>();
  const acknowledged = new Set<string>();
  const seqs = new Map<string, number>();
  let sent = 0;
  const report = async (d: Detector, intervalStart: number, volume: number): Promise<void> => {
    const key = `${d.linkId}|${d.lane}|${intervalStart}`;
    published.set(key, volume);
    const message = {
      kind: 'det.report',
      id: `sigkill-${tag}-${sent++}`,
      deviceId: d.id,
      seq: seqs.get(d.id) ?? 0,
      ts: Date.now(),
      intervalStart,
      intervalS: 30,
      volume,
      occupancyPct: 8,
      speedKmh: 40,
    };
    seqs.set(d.id, message.seq + 1);
    await device.publishAsync(buildTopic(REGION, 'det', d.id), JSON.stringify(message), { qos: 1 });
    acknowledged.add(key);
  };
  const volumeOf = (i: number, round: number): number => 1 + ((i * 7 + round * 3) % 20);

  let edge: ItsProcess | null = null;
  try {
    edge = await startEdge(field.url, centerBroker.url, db);
    // Round 0: the reports of the current interval; the edge is killed half-way through and stays
    // down past the interval's end, while the broker goes on acknowledging the device's reports.
    const first = await intervalWithTimeLeft();
    for (const [i, d] of loops.entries()) {
      if (i === Math.floor(loops.length / 2)) await edge.stop('SIGKILL');
      await report(d, first, volumeOf(i, 0));
    }
    expect(edge.child.signalCode).toBe('SIGKILL');
    await sleep(first + INTERVAL_MS + 3_000 - Date.now());
    edge = await startEdge(field.url, centerBroker.url, db);
    // Round 1: the interval running now, to the restarted edge (with at least 10 s of it left, so the
    // reports are in before it closes and go up with its first link states). A report after the close
    // is still folded in until the next interval closes; only one for an interval older than the one
    // closed last is dropped (late-report), and no interval closes while a session backlog drains.
    const second = await intervalWithTimeLeft();
    for (const [i, d] of loops.entries()) await report(d, second, volumeOf(i, 1));

    // Every report the broker acknowledged reaches the center, as its lane of its link's state.
    expect(acknowledged.size).toBe(2 * loops.length);
    const missing = (): string[] => [...acknowledged].filter((k) => !arrived.has(k));
    await expect.poll(() => missing().length, { timeout: 90_000, interval: 500 }).toBe(0);
    for (const key of acknowledged) expect(arrived.get(key)?.flowVph).toBe((published.get(key) ?? 0) * 120);
    // Nothing arrives that was not published (no invented lane or interval).
    expect([...arrived.keys()].filter((k) => !published.has(k))).toEqual([]);
    // Exactly once by key, with this many sent twice (a restart replays its inbox journal).
    const twice = [...arrived.values()].filter((a) => a.times > 1).length;
    console.log(
      `${acknowledged.size} reports acknowledged, all at the center; ${twice} lane states arrived twice; ` +
        `${center.batchIds.size} batches`,
    );
  } finally {
    await edge?.stop('SIGKILL');
    await device.endAsync(true);
    await center.close();
    await field.stop();
    await centerBroker.stop();
  }
}, 300_000);
