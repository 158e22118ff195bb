/**
 * @module center/commands/command-log.test
 * The command log's bookkeeping as plain logic (the MQTT path is in command-results.int.test.ts).
 */
import { expect, test } from 'vitest';
import { signalCommandResultSchema, type SignalCommandResult } from '../../core/index.ts';
import { CommandLog, type IssuedCommand } from './index.ts';

const T0 = Date.UTC(2026, 2, 2, 8);
const command = (commandId: string): IssuedCommand => ({
  commandId,
  region: 'gangnam',
  intersectionId: 'gangnam-stn',
  planId: null,
  strategy: 'webster',
  issuedBy: 'ops-kim',
  at: T0,
});

const result = (commandId: string, status: 'accepted' | 'rejected'): SignalCommandResult =>
  signalCommandResultSchema.parse({
    kind: 'signal.command.result',
    id: `r-${commandId}-${status}`,
    deviceId: 'edge-gangnam',
    seq: 0,
    ts: T0 + 1_000,
    commandId,
    region: 'gangnam',
    intersectionId: 'gangnam-stn',
    status,
    reason: status === 'accepted' ? null : 'unknown-strategy',
    detail: status,
    strategy: 'actuated',
    planId: null,
  });

test('a command is pending until answered, and the latest answer wins', () => {
  const log = new CommandLog();
  expect(log.issued(command('cmd-0001'))).toMatchObject({
    status: 'pending',
    reason: null,
    answeredAt: null,
  });
  expect(log.answer(result('cmd-0001', 'rejected'), T0 + 2_000)).toMatchObject({
    status: 'rejected',
    reason: 'unknown-strategy',
    answeredBy: 'edge-gangnam',
    answeredAt: T0 + 2_000,
  });
  log.answer(result('cmd-0001', 'accepted'), T0 + 3_000);
  expect(log.get('cmd-0001')).toMatchObject({ status: 'accepted', reason: null, answeredAt: T0 + 3_000 });
  expect(log.get('cmd-0001')?.command).toEqual(command('cmd-0001'));
});

test('the same result message again is a duplicate and changes nothing', () => {
  const log = new CommandLog();
  log.issued(command('cmd-0001'));
  const first = log.answer(result('cmd-0001', 'accepted'), T0 + 2_000);
  expect(log.answer(result('cmd-0001', 'accepted'), T0 + 3_000)).toBe('duplicate');
  expect(log.get('cmd-0001')).toEqual(first);
});

test('an answer to a command never issued is not recorded', () => {
  const log = new CommandLog();
  expect(log.answer(result('cmd-000x', 'accepted'), T0 + 2_000)).toBeUndefined();
  expect(log.get('cmd-000x')).toBeUndefined();
  expect(log.size()).toBe(0);
});

test('when full, the oldest issued command is evicted first, answered or not', () => {
  const log = new CommandLog({ maxCommands: 3 });
  for (const id of ['cmd-0001', 'cmd-0002', 'cmd-0003']) log.issued(command(id));
  log.answer(result('cmd-0001', 'accepted'), T0 + 2_000);
  log.issued(command('cmd-0004'));
  expect(log.size()).toBe(3);
  expect(log.get('cmd-0001')).toBeUndefined();
  expect(log.get('cmd-0002')?.status).toBe('pending');
  expect(log.get('cmd-0004')?.status).toBe('pending');
});

test('a bad size fails at construction, naming the option', () => {
  expect(() => new CommandLog({ maxCommands: 0 })).toThrow(/maxCommands/);
});
