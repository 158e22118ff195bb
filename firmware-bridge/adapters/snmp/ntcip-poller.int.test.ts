/**
 * @module firmware-bridge/adapters/snmp/ntcip-poller.int.test
 * The NTCIP 1202 bridge against a real SNMP agent on loopback (net-snmp's agent API) serving a
 * simulated controller: phase colours, new/repeated/lost volume-occupancy reports, faults, timeouts.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { VirtualClock, parseMessage, seededIdFactory } from '../../../core/index.ts';
import type { DetectorReport, Spat } from '../../../core/index.ts';
import { NtcipBridge, createNtcipPoller, startSimulatedController } from './index.ts';
import type { NtcipPoller, SimulatedController } from './index.ts';

let ctl: SimulatedController;
let poller: NtcipPoller;
const sent: { topic: string; payload: string }[] = [];
let bridge: NtcipBridge;

beforeAll(async () => {
  ctl = await startSimulatedController({ phaseGroups: 2, detectors: 3, periodS: 30 });
  poller = createNtcipPoller({ host: '127.0.0.1', port: ctl.port, community: 'public' });
  bridge = new NtcipBridge({
    poller,
    controllerId: 'ctl-7',
    region: 'seoul',
    clock: new VirtualClock(Date.UTC(2026, 0, 1, 8)),
    newId: seededIdFactory(9),
    sink: { publish: (topic, payload) => sent.push({ topic, payload }) },
  });
});
afterAll(async () => {
  poller.close();
  await ctl.close();
});

function published<T>(topicPart: string): T[] {
  return sent
    .filter((s) => s.topic.includes(topicPart))
    .map((s) => {
      const r = parseMessage(s.payload);
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return r.message as T;
    });
}

test('reads phase colours and publishes them as a spat', async () => {
  ctl.setPhaseMask('greens', 1, 0b0010_0010);
  ctl.setPhaseMask('reds', 1, 0b1101_1101);
  ctl.setPhaseMask('reds', 2, 0xff);
  ctl.setPhaseMask('vehCalls', 1, 0b0000_0100);
  const outcome = await bridge.pollOnce();
  expect(outcome?.phases.filter((p) => p.colour === 'green').map((p) => p.phase)).toEqual([2, 6]);
  expect(outcome?.phases.find((p) => p.phase === 3)?.vehCall).toBe(true);
  expect(outcome?.phases).toHaveLength(16);
  const [spat] = published<Spat>('/spat/ctl-7');
  expect(spat?.groups.find((g) => g.signalGroup === 2)?.state).toBe('protected-movement-allowed');
});

test('tells new, repeated and lost volume/occupancy reports apart by the sequence counter', async () => {
  sent.length = 0;
  ctl.completePeriods(1, [
    { volume: 12, occupancy: 41 },
    { volume: 3, occupancy: 8 },
    { volume: 0, occupancy: 212 },
  ]);
  expect((await bridge.pollOnce())?.volumeOccupancy).toBe('new');
  expect((await bridge.pollOnce())?.volumeOccupancy).toBe('repeat');
  ctl.completePeriods(3, [
    { volume: 9, occupancy: 30 },
    { volume: 1, occupancy: 2 },
    { volume: 0, occupancy: 212 },
  ]);
  const third = await bridge.pollOnce();
  expect(third?.lostReports).toBe(2);
  expect(third?.faultedDetectors.map((d) => d.fault)).toEqual(['open-loop']);
  const reports = published<DetectorReport>('/det/ctl-7.det1');
  expect(reports.map((r) => [r.volume, r.occupancyPct, r.seq])).toEqual([
    [12, 20.5, 1],
    [9, 15, 4],
  ]);
  expect(bridge.controller.tracker.counters).toMatchObject({ repeats: 1, lost: 2 });
});

test('counts an unreachable controller as a timeout, without throwing', async () => {
  const dead = createNtcipPoller({
    host: '127.0.0.1',
    port: 9,
    community: 'public',
    timeoutMs: 100,
    retries: 0,
  });
  const result = await dead.poll();
  dead.close();
  expect(result.ok).toBe(false);
  if (!result.ok) expect(['timeout', 'transport']).toContain(result.reason);
});

test('reads detector presence and writes phase control masks with SetRequest', async () => {
  ctl.setDetectorActive(1, 0b101);
  await bridge.pollOnce();
  expect(bridge.controller.detectorsOccupied.slice(0, 3)).toEqual([true, false, true]);
  expect(await poller.write([{ column: 'hold', group: 1, mask: 0b10 }])).toBeNull();
  expect(ctl.phaseControl('hold', 1)).toBe(0b10);
});
