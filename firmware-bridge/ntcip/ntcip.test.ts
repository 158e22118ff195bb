/**
 * @module firmware-bridge/ntcip/ntcip.test
 */
import { expect, test } from 'vitest';
import { seededIdFactory } from '../../core/index.ts';
import {
  PhaseControlState,
  methodToCommand,
  VolumeOccupancyTracker,
  decodePhaseStatus,
  detectorReports,
  phaseStatusOid,
  spatFromPhases,
} from './index.ts';

const zero = {
  reds: 0,
  yellows: 0,
  greens: 0,
  dontWalks: 0,
  pedClears: 0,
  walks: 0,
  vehCalls: 0,
  pedCalls: 0,
  phaseOns: 0,
  phaseNexts: 0,
};
const ctx = { controllerId: 'ctl-1', nowMs: Date.UTC(2026, 0, 1, 8), newId: seededIdFactory(3) };

test('builds phase status OIDs under the NTCIP 1202 ASC node', () => {
  expect(phaseStatusOid('greens', 1)).toBe('1.3.6.1.4.1.1206.4.2.1.1.4.1.4.1');
});

test('decodes phase colours from the group bit masks', () => {
  const { phases, problems } = decodePhaseStatus(
    [{ ...zero, greens: 0b00100010, reds: 0b11011101, vehCalls: 0b100 }],
    8,
  );
  expect(phases.filter((p) => p.colour === 'green').map((p) => p.phase)).toEqual([2, 6]);
  expect(phases.find((p) => p.phase === 3)?.vehCall).toBe(true);
  expect(problems).toEqual([]);
});

test('reports a phase shown green and red at once', () => {
  const { phases, problems } = decodePhaseStatus([{ ...zero, greens: 1, reds: 1 }], 8);
  expect(phases[0]?.colour).toBe('green');
  expect(problems).toEqual([{ group: 1, problem: 'conflicting-colours' }]);
});

test('tells new, repeated and lost volume/occupancy reports apart across the 255 wrap', () => {
  const t = new VolumeOccupancyTracker();
  const sample = (sequence: number) => ({ sequence, periodS: 30, detectors: [{ volume: 5, occupancy: 41 }] });
  expect(t.observe(sample(253)).kind).toBe('first');
  expect(t.observe(sample(253)).kind).toBe('repeat');
  expect(t.observe(sample(254))).toMatchObject({ kind: 'new', lost: 0 });
  expect(t.observe(sample(1))).toMatchObject({ kind: 'new', lost: 2 });
  expect(t.counters).toMatchObject({ polls: 4, reports: 3, repeats: 1, lost: 2 });
});

test('counts an out-of-range poll as invalid instead of throwing', () => {
  const t = new VolumeOccupancyTracker();
  expect(t.observe({ sequence: 300, periodS: 30, detectors: [] }).kind).toBe('invalid');
  expect(t.observe({ sequence: 1, periodS: 30, detectors: [{ volume: -1, occupancy: 0 }] }).kind).toBe(
    'invalid',
  );
  expect(t.counters.invalid).toBe(2);
});

test('maps intervals to det.report messages and keeps faulted detectors aside', () => {
  const { reports, faulted } = detectorReports(
    [
      { detector: 1, volume: 12, occupancyPct: 20.5, fault: null },
      { detector: 2, volume: 0, occupancyPct: null, fault: 'open-loop' },
    ],
    30,
    7,
    ctx,
  );
  expect(reports).toHaveLength(1);
  expect(reports[0]).toMatchObject({
    deviceId: 'ctl-1.det1',
    seq: 7,
    volume: 12,
    occupancyPct: 20.5,
    intervalS: 30,
  });
  expect(faulted.map((f) => f.fault)).toEqual(['open-loop']);
});

test('maps phase colours to a spat', () => {
  const { phases } = decodePhaseStatus([{ ...zero, greens: 0b10, yellows: 0b1, reds: 0b11111100 }], 8);
  const spat = spatFromPhases(phases, 'actuated', 0, ctx);
  expect(spat?.groups.slice(0, 3).map((g) => g.state)).toEqual([
    'protected-clearance',
    'protected-movement-allowed',
    'stop-and-remain',
  ]);
});

test('turns hold and omit commands into phase control group masks', () => {
  const s = new PhaseControlState(16);
  expect(s.apply({ kind: 'hold', phase: 2, on: true })).toEqual({
    ok: true,
    write: { column: 'hold', group: 1, mask: 0b10 },
  });
  expect(s.apply({ kind: 'hold', phase: 6, on: true })).toMatchObject({ write: { mask: 0b10_0010 } });
  expect(s.apply({ kind: 'hold', phase: 2, on: false })).toMatchObject({ write: { mask: 0b10_0000 } });
  expect(s.apply({ kind: 'omit', phase: 12, on: true })).toMatchObject({
    write: { column: 'phaseOmit', group: 2, mask: 0b1000 },
  });
  expect(s.apply({ kind: 'call', phase: 17 })).toEqual({ ok: false, problem: 'unknown-phase' });
  expect(s.release({ kind: 'call', phase: 3 })).toEqual({ column: 'vehCall', group: 1, mask: 0 });
});

test('maps OPC UA method calls to phase commands or contract status codes', () => {
  expect(methodToCommand('Hold', ['2', true], 8)).toEqual({
    ok: true,
    command: { kind: 'hold', phase: 2, on: true },
  });
  expect(methodToCommand('Call', ['9'], 8)).toMatchObject({ ok: false, status: 'BadNotFound' });
  expect(methodToCommand('Omit', ['2'], 8)).toMatchObject({ ok: false, status: 'BadInvalidArgument' });
  expect(methodToCommand('SetPlan', ['p1'], 8)).toMatchObject({ ok: false, status: 'BadNotSupported' });
});
