/**
 * @module center/incidents/incident-declarations.test
 * One active operator-declared incident per link: a duplicate is refused naming the one already
 * there; detected incidents, cleared ones and other links do not count; racing declarations for one
 * link store one.
 */
import { expect, test } from 'vitest';
import { ConflictError, VirtualClock, ValidationError, loadScenario } from '../../core/index.ts';
import { buildCenterNetwork } from '../network/index.ts';
import { MemoryStateStore } from '../state/index.ts';
import { sampleIncident } from '../state/testing/index.ts';
import { IncidentDeclarations, activeDeclaredOn, refuseDuplicateDeclaration } from './index.ts';

const network = buildCenterNetwork(loadScenario('core/scenario/fixtures/mini.json'));

/** One instance's declarations on `store` (a new store unless given), waiting on the virtual clock. */
function desk(
  clock = new VirtualClock(1_800_000_000_000),
  store = new MemoryStateStore({ clock }),
): { declarations: IncidentDeclarations; store: MemoryStateStore } {
  const sleep = (ms: number): Promise<void> => {
    clock.advance(ms);
    return Promise.resolve();
  };
  return { declarations: new IncidentDeclarations({ network, store, clock, sleep }), store };
}

test('a second declaration on a link with an active operator incident is refused, naming it', () => {
  const existing = sampleIncident({ id: 'inc-a', linkId: 'L1', lanes: [0, 1] });
  let refused: unknown;
  try {
    refuseDuplicateDeclaration([existing], 'L1');
  } catch (err) {
    refused = err;
  }
  expect(refused).toBeInstanceOf(ConflictError);
  expect(refused).toMatchObject({ code: 'conflict', entity: 'incident', existingId: 'inc-a' });
  expect((refused as Error).message).toBe(
    'link L1 already has active incident inc-a (crash, major, lanes 0,1); edit it (PATCH /api/v1/incidents/inc-a) or clear it before declaring another',
  );
});

test('detected, cleared and other-link incidents do not block a declaration', () => {
  const others = [
    sampleIncident({ id: 'auto-L1-1', linkId: 'L1', source: 'detected' }),
    sampleIncident({ id: 'inc-old', linkId: 'L1', status: 'cleared', clearedAt: 1 }),
    sampleIncident({ id: 'inc-b', linkId: 'L2' }),
  ];
  expect(activeDeclaredOn(others, 'L1')).toBeUndefined();
  expect(() => refuseDuplicateDeclaration(others, 'L1')).not.toThrow();
});

test('where duplicates predate the rule, the oldest active one is named', () => {
  const list = [
    sampleIncident({ id: 'inc-new', startedAt: 2_000 }),
    sampleIncident({ id: 'inc-first', startedAt: 1_000 }),
  ];
  expect(activeDeclaredOn(list, 'L1')?.id).toBe('inc-first');
});

test('declaring stores the incident; the same link again is 409 until it is cleared', async () => {
  const { declarations, store } = desk();
  const first = await declarations.declare({ linkId: 'L-e-in', lanes: [0], kind: 'crash' });
  expect(await store.get('incident', first.id)).toEqual(first);
  await expect(declarations.declare({ linkId: 'L-e-in', kind: 'breakdown' })).rejects.toMatchObject({
    name: 'ConflictError',
    existingId: first.id,
  });
  // Another link is fine.
  await expect(declarations.declare({ linkId: 'L-w-in' })).resolves.toMatchObject({ linkId: 'L-w-in' });
  await store.put('incident', [{ ...first, status: 'cleared', clearedAt: first.startedAt + 1 }]);
  await expect(declarations.declare({ linkId: 'L-e-in' })).resolves.toMatchObject({ status: 'active' });
});

test('a detected incident on the link does not block an operator declaration', async () => {
  const { declarations, store } = desk();
  await store.put('incident', [
    sampleIncident({ id: 'auto-L-e-in-1', region: 'gangnam', linkId: 'L-e-in', source: 'detected' }),
  ]);
  await expect(declarations.declare({ linkId: 'L-e-in', kind: 'crash' })).resolves.toMatchObject({
    source: 'operator',
  });
});

test('declarations racing for one link store one and refuse the rest; a bad body does not stop the queue', async () => {
  const { declarations, store } = desk();
  const bad = declarations.declare({ linkId: 'nowhere' });
  const racing = [1, 2, 3].map(() => declarations.declare({ linkId: 'L-n-out', lanes: [0] }));
  await expect(bad).rejects.toBeInstanceOf(ValidationError);
  const settled = await Promise.allSettled(racing);
  expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
  const stored = (await store.list('incident')).filter((i) => i.linkId === 'L-n-out');
  expect(stored).toHaveLength(1);
});

test('two instances sharing a store: racing declarations for one link store one (the claim)', async () => {
  const clock = new VirtualClock(1_800_000_000_000);
  const shared = new MemoryStateStore({ clock });
  const a = desk(clock, shared).declarations;
  const b = desk(clock, shared).declarations;
  // Each instance's own chain does not order it against the other: only the claim on the link does.
  const settled = await Promise.allSettled([
    a.declare({ linkId: 'L-s-in', lanes: [0] }),
    b.declare({ linkId: 'L-s-in', lanes: [1] }),
  ]);
  expect(settled.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
  expect(settled.find((s) => s.status === 'rejected')).toMatchObject({
    reason: { name: 'ConflictError' },
  });
  expect((await shared.list('incident')).filter((i) => i.linkId === 'L-s-in')).toHaveLength(1);
  // Other links are not held up by the claim.
  await expect(b.declare({ linkId: 'L-w-in' })).resolves.toMatchObject({ linkId: 'L-w-in' });
});
