import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from 'vitest';
import { spawnEdge, type ItsProcess } from '../../commands/testing/its-process.ts';
import { startTestDemo } from '../testing/in-process-demo.ts';

const SPEED = 1;
const REGION = 'seocho';
const EDGE_ID = `edge-${REGION}`;

/** `its edge` for the region as a child process; resolves once it prints `ready`. */
async function startEdgeProcess(mqttUrl: string, db: string): Promise<ItsProcess> {
  const edge = spawnEdge([
    ...['--scenario', 'scenarios/demo-city', '--region', REGION, '--mqtt', mqttUrl],
    ...['--strategy', 'actuated', '--db', db],
  ]);
  await edge.ready;
  return edge;
}

test('an edge killed with SIGKILL and restarted: its queue is intact and the center counts nothing twice', async () => {
  // The demo runs gangnam's edge in-process; seocho's edge is a real `its edge` process we can kill.
  const { demo } = await startTestDemo(SPEED, { regions: ['gangnam'] });
  const db = join(mkdtempSync(join(tmpdir(), 'its-edge-kill-')), 'edge.sqlite');
  const atCenter = () => demo.center.ingest.stats().edges.find((s) => s.sourceId === EDGE_ID);
  let child: ItsProcess | null = null;
  try {
    child = await startEdgeProcess(demo.broker.url, db);
    await expect.poll(() => atCenter()?.received ?? 0, { timeout: 120_000 }).toBeGreaterThan(1);
    await child.stop('SIGKILL');
    const highestBefore = atCenter()?.highestSeq ?? -1;

    child = await startEdgeProcess(demo.broker.url, db);
    // Batch numbers continue from the queue on disk: no restart from zero.
    await expect
      .poll(() => atCenter()?.highestSeq ?? -1, { timeout: 120_000 })
      .toBeGreaterThan(highestBefore + 1);
    // No gap in the batch sequence across the kill: what was sealed before it was on disk and went
    // after the restart (the restarted edge announces no sequence reset, as its sequence continues).
    expect(atCenter()?.missing).toBe(0);
    // Nothing stored twice: a batch sent again after the kill carries its id and is dropped as a
    // duplicate before the sequence check, so no batch number is stored a second time (as a late one).
    expect(atCenter()?.late).toBe(0);
  } finally {
    await child?.stop();
    await demo.close();
  }
}, 300_000);
