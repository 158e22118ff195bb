/**
 * @module center/adapters/redis/commit-batcher.test
 * Group commit: what is committed while a script call awaits its reply goes in the next call.
 */
import { expect, test } from 'vitest';
import { CommitBatcher, type CommitKeys } from './commit-batcher.ts';

const KEYS: CommitKeys = {
  channel: 'c',
  origin: 'o',
  historyLimit: 10,
  seen: (id) => `seen:${id}`,
  hash: (c) => `h:${c}`,
  geo: (c) => `g:${c}`,
  stream: (s) => `s:${s}`,
};

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('commits made while a call is out wait for its reply, then go together in one call', async () => {
  const calls: { changes: number; reply: (applied: number[]) => void }[] = [];
  const batcher = new CommitBatcher(
    KEYS,
    (args) =>
      new Promise<number[]>((resolve) => {
        // The packed blob holds one dedup key per change.
        calls.push({ changes: (args[2] as Buffer).toString().split('seen:').length - 1, reply: resolve });
      }),
    () => undefined,
  );
  const change = (id: string) => batcher.commit({ dedup: { id, ttlMs: 1000 }, puts: [], appends: [] });
  const first = change('a');
  await turn();
  expect(calls.map((c) => c.changes)).toEqual([1]);
  const later = [change('b'), change('c')];
  await turn();
  await turn();
  expect(calls).toHaveLength(1);
  calls[0]?.reply([1]);
  expect(await first).toBe(true);
  await turn();
  expect(calls.map((c) => c.changes)).toEqual([1, 2]);
  calls[1]?.reply([1, 0]);
  expect(await Promise.all(later)).toEqual([true, false]);
});
