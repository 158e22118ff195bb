/**
 * @module center/node/incident-flow-sim-probes.test
 * Bus probes through a center node, as the edges uplink them (`bus-progress` fixes every 10 s, on the
 * route's shape): buses of route 9409 drive the Seocho interchange ramp EXICS-SC04 normally, then two
 * are held on it for minutes. The center's probe speed-drop test raises an incident with no lanes
 * named (a probe cannot tell the lane) that gets a detour, automatic sign texts and a GTFS-realtime
 * DETOUR alert; the ramp's traffic on /api/v1/links comes from the probes (the ramp gets no loop
 * data here); a bus driving the ramp normally clears the incident. The simulator's own runs of this
 * detector are the incident bench's (`its bench --only incident-detection`): a demo city run to a
 * blockage that holds buses takes minutes of wall time.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { VirtualClock, loadScenario, type UplinkItem } from '../../core/index.ts';
import { sampleBatch } from '../ingest/index.ts';
import type { IncidentRecord } from '../state/index.ts';
import { startCenterNode, type CenterNode } from './index.ts';
import { expectDetourSignsAndAlert } from './testing/incident-response.ts';

const scenario = loadScenario('scenarios/demo-city');
const LINK = 'EXICS-SC04';
const PATH = ['EXS-EXICS', LINK, 'SC04-GN01'];
let node: CenterNode;
let seq = 0;
const T0 = Date.UTC(2026, 10, 26, 23, 0, 0);
/** The node's clock follows the data (the fixes' times), as a virtual clock does in the simulator. */
const clock = new VirtualClock(T0);

beforeAll(async () => {
  node = await startCenterNode({ scenario, clock, httpPort: 0, tokens: [], probeIncidents: true });
});
afterAll(() => node.close());

/** The point `m` metres along the path (each link's geometry scaled to its length). */
function pointAt(m: number): [number, number] {
  let left = m;
  for (const id of PATH) {
    const link = node.network.links.get(id);
    if (link === undefined) break;
    if (left > link.lengthM && id !== PATH[PATH.length - 1]) {
      left -= link.lengthM;
      continue;
    }
    const c = link.coordinates;
    const seg = c.slice(1).map((b, i) => {
      const a = c[i] ?? b;
      return { a, b, len: Math.hypot((b[0] - a[0]) * 88_000, (b[1] - a[1]) * 111_320) };
    });
    const total = seg.reduce((x, s) => x + s.len, 0);
    let along = (Math.min(left, link.lengthM) / link.lengthM) * total;
    for (const s of seg) {
      if (along <= s.len || s === seg[seg.length - 1]) {
        const f = s.len === 0 ? 0 : Math.min(1, along / s.len);
        return [s.a[0] + f * (s.b[0] - s.a[0]), s.a[1] + f * (s.b[1] - s.a[1])];
      }
      along -= s.len;
    }
  }
  throw new Error('path has no geometry');
}

/**
 * Fixes of one bus every 10 s from 150 m before the ramp to 150 m past it, at 10 m/s, standing
 * `heldS` at 150 m into the ramp.
 */
function busFixes(vehicleId: string, startMs: number, heldS: number): UplinkItem[] {
  const ramp = node.network.links.get('EXS-EXICS')?.lengthM ?? 0;
  const out: UplinkItem[] = [];
  let t = startMs;
  let m = ramp - 150;
  let held = 0;
  while (m < ramp + (node.network.links.get(LINK)?.lengthM ?? 0) + 150) {
    const standing = m >= ramp + 150 && held < heldS;
    const [lon, lat] = pointAt(m);
    out.push({
      type: 'bus-progress',
      vehicleId,
      routeId: '9409',
      tripId: '9409-0',
      at: t,
      lat,
      lon,
      speedMps: standing ? 0 : 10,
      distanceM: m,
      scheduleDeviationS: null,
      lastStopId: null,
      nextStopId: null,
      onRoute: true,
      passengers: null,
    });
    t += 10_000;
    if (standing) held += 10;
    else m += 100;
  }
  return out;
}

async function uplink(items: UplinkItem[]): Promise<void> {
  const region = 'seocho';
  for (const item of items) {
    const b = sampleBatch({ region, edgeId: `edge-${region}`, seq: seq++, ts: clock.now(), items: [item] });
    const outcome = await node.ingest.handle(`its/v1/${region}/edge/edge-${region}/up`, JSON.stringify(b));
    expect(outcome.status).toBe('accepted');
  }
}

/** Fixes of several buses in data-time order, as the edge would send them. */
async function drive(buses: readonly { id: string; startMs: number; heldS: number }[]): Promise<void> {
  const fixes = buses.flatMap((b) => busFixes(b.id, b.startMs, b.heldS));
  const at = (x: UplinkItem): number => (x.type === 'bus-progress' ? x.at : 0);
  fixes.sort((a, b) => at(a) - at(b));
  for (const f of fixes) {
    if (at(f) > clock.now()) clock.advanceTo(at(f));
    await uplink([f]);
  }
  await node.incidents.settled();
}

const detected = async (): Promise<IncidentRecord[]> =>
  (await node.store.list('incident')).filter((i) => i.source === 'detected');

test('buses held on a link where earlier buses flowed raise an incident with a detour, signs and an alert', async () => {
  // Five buses drive the ramp normally, 4 min apart: the link's usual time is learnt.
  await drive([0, 1, 2, 3, 4].map((k) => ({ id: `bus-ok-${k}`, startMs: T0 + k * 240_000, heldS: 0 })));
  expect(await detected()).toHaveLength(0);
  const links = (await (await fetch(`http://127.0.0.1:${node.port}/api/v1/links`)).json()) as {
    features: { id: string; properties: Record<string, unknown> }[];
  };
  const ramp = links.features.find((f) => f.id === LINK)?.properties;
  // The first bus left the ramp 16 min ago: expired.
  expect(ramp).toMatchObject({ speedSource: 'probes', source: 'live', probeBuses: 4 });

  // Then two held for 7 min, 3 min apart.
  const heldFrom = T0 + 20 * 60_000;
  await drive([
    { id: 'bus-held-1', startMs: heldFrom, heldS: 420 },
    { id: 'bus-held-2', startMs: heldFrom + 180_000, heldS: 420 },
  ]);
  const [incident, ...more] = await detected();
  expect(more).toHaveLength(0);
  expect(incident).toMatchObject({ linkId: LINK, status: 'active', kind: 'other', lanes: [] });
  expect(incident?.description).toMatch(/^detected: probe-speed-drop \(2 buses /);
  await expectDetourSignsAndAlert(node, incident?.id ?? '', LINK, '9409');
  // The probes now say the ramp is slow: routing and the map see it.
  expect(node.incidents.traffic(LINK)?.los).toBe('F');

  // A bus drives the ramp normally again: cleared.
  await drive([{ id: 'bus-ok-after', startMs: heldFrom + 12 * 60_000, heldS: 0 }]);
  expect(await node.store.get('incident', incident?.id ?? '')).toMatchObject({ status: 'cleared' });
}, 60_000);
