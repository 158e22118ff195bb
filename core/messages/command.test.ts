/**
 * @module core/messages/command.test
 * Operator signal commands and the edge's answers: valid ones parse, each invalid one is rejected by
 * the shared parser with a path naming the field, and their topics are the contract's.
 */
import { describe, expect, test } from 'vitest';
import {
  parseTopic,
  signalCommandFilter,
  signalCommandResultTopic,
  signalCommandTopic,
} from '../topics/index.ts';
import { parseMessageValue } from './index.ts';

const TS = Date.UTC(2026, 10, 26, 8, 30, 0);

const COMMAND = {
  kind: 'signal.command',
  id: '0190f0aa-0000-7000-8000-000000000001',
  deviceId: 'center',
  seq: 3,
  ts: TS,
  commandId: '0190f0aa-0000-7000-8000-000000000001',
  region: 'gangnam',
  intersectionId: 'gangnam-stn',
  strategy: 'max-pressure',
  planId: null,
  issuedBy: 'operator-kim',
  at: TS,
};

const RESULT = {
  kind: 'signal.command.result',
  id: '0190f0aa-0000-7000-8000-000000000002',
  deviceId: 'edge-gangnam',
  seq: 0,
  ts: TS + 20,
  commandId: COMMAND.commandId,
  region: 'gangnam',
  intersectionId: 'gangnam-stn',
  status: 'rejected',
  reason: 'unknown-plan',
  detail: 'plans of gangnam-stn: am-peak, off-peak',
  strategy: 'actuated',
  planId: 'night',
};

describe('signal.command', () => {
  test.each([
    ['a strategy switch', {}],
    ['a plan switch', { strategy: null, planId: 'am-peak' }],
    ['both at once', { planId: 'am-peak' }],
  ])('accepts %s', (_what, patch) => {
    expect(parseMessageValue({ ...COMMAND, ...patch })).toMatchObject({
      ok: true,
      message: { kind: 'signal.command' },
    });
  });

  test.each([
    ['neither strategy nor plan', { strategy: null, planId: null }, 'strategy'],
    ['a missing command id', { commandId: undefined }, 'commandId'],
    ['a short command id', { commandId: 'c1' }, 'commandId'],
    ['an intersection id that is no topic level', { intersectionId: 'a/b' }, 'intersectionId'],
    ['a region that is no topic level', { region: '+' }, 'region'],
    ['an empty strategy', { strategy: '' }, 'strategy'],
    ['an overlong plan id', { planId: 'p'.repeat(65) }, 'planId'],
    ['no issuer', { issuedBy: '' }, 'issuedBy'],
    ['a negative issue time', { at: -1 }, 'at'],
    ['an unknown key', { priority: 'high' }, ''],
  ])('rejects %s, naming the field', (_what, patch, path) => {
    const value: Record<string, unknown> = { ...COMMAND, ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete value[k];
    const r = parseMessageValue(value);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('schema');
    expect(r.issues.map((i) => i.path)).toContain(path);
  });
});

describe('signal.command.result', () => {
  test('accepts a rejection with its reason and an acceptance without one', () => {
    expect(parseMessageValue(RESULT).ok).toBe(true);
    expect(parseMessageValue({ ...RESULT, status: 'accepted', reason: null, planId: 'am-peak' }).ok).toBe(
      true,
    );
  });

  test.each([
    ['a rejection without a reason', { reason: null }, 'reason'],
    ['an acceptance with a reason', { status: 'accepted' }, 'reason'],
    ['an unknown reason', { reason: 'busy' }, 'reason'],
    ['an unknown status', { status: 'maybe' }, 'status'],
    ['an overlong detail', { detail: 'x'.repeat(501) }, 'detail'],
  ])('rejects %s, naming the field', (_what, patch, path) => {
    const r = parseMessageValue({ ...RESULT, ...patch });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toContain(path);
  });
});

test('commands go to the intersection under cmd/, answers under the edge', () => {
  expect(signalCommandTopic('gangnam', 'gangnam-stn')).toBe('its/v1/gangnam/cmd/gangnam-stn');
  expect(signalCommandFilter('gangnam')).toBe('its/v1/gangnam/cmd/+');
  expect(signalCommandResultTopic('gangnam', 'edge-gangnam')).toBe('its/v1/gangnam/edge/edge-gangnam/cmd');
  expect(parseTopic(signalCommandResultTopic('gangnam', 'edge-gangnam'))).toMatchObject({
    kind: 'edge',
    deviceId: 'edge-gangnam',
    detail: ['cmd'],
  });
});
