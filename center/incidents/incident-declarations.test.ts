/**
 * @module center/incidents/incident-declarations.test
 * Declarations against the store: a duplicate at the same place (center/incidents/same-place.ts) is
 * refused naming the one already there while separate places on one link are both stored; detected
 * incidents, cleared ones and other links do not count; racing declarations for one place store one,
 * for two places both; an edit cannot move a declaration onto another's place.
 */
import { expect, test } from 'vitest';
import { VirtualClock, ValidationError, loadScenario } from '../../core/index.ts';
import { buildCenterNetwork } from '../network/index.ts';
import { MemoryStateStore } from '../state/index.ts';
import { sampleIncident } from '../state/testing/index.ts';
import { DECLARATION_CLAIM_MS, IncidentDeclarations } from './index.ts';

const network = buildCenterNetwork(loadScenario('core/scenario/fixtures/mini.json'));

/** One instance's declarations on `store` (a new store unless given), waiting on the virtual clock. */
function desk(
  clock = new VirtualClock(1_800_000_000_000),
  store = new MemoryStateStore({ clock }),
): { declarations: IncidentDeclarations; store: MemoryStateStore; clock: VirtualClock } {
  const sleep = (ms: number): Promise<void> => {
    clock.advance(ms);
    return Promise.resolve();
  };
  return { declarations: new IncidentDeclarations({ network, store, clock, sleep }), store, clock };
}

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

test('two incidents more than 250 m apart on one link are both stored; a third near either is 409 naming that one', async () => {
  const { declarations, store } = desk();
  // L-e-in is 394 m long.
  const crash = await declarations.declare({ linkId: 'L-e-in', positionM: 30, kind: 'crash' });
  const breakdown = await declarations.declare({ linkId: 'L-e-in', positionM: 390, kind: 'breakdown' });
  expect(breakdown).toMatchObject({ linkId: 'L-e-in', positionM: 390, status: 'active' });
  await expect(declarations.declare({ linkId: 'L-e-in', positionM: 300 })).rejects.toMatchObject({
    name: 'ConflictError',
    existingId: breakdown.id,
  });
  await expect(declarations.declare({ linkId: 'L-e-in', positionM: 100 })).rejects.toMatchObject({
    existingId: crash.id,
  });
  // Without a position it may be either: the older is named.
  await expect(declarations.declare({ linkId: 'L-e-in' })).rejects.toMatchObject({ existingId: crash.id });
  const stored = (await store.list('incident')).filter((i) => i.linkId === 'L-e-in');
  expect(stored.map((i) => i.id).sort()).toEqual([crash.id, breakdown.id].sort());
});

test('declarations racing for two places on one link are both stored, on one instance and on two', async () => {
  const one = desk();
  const racing = [30, 380].map((positionM) => one.declarations.declare({ linkId: 'L-n-in', positionM }));
  expect((await Promise.allSettled(racing)).map((s) => s.status)).toEqual(['fulfilled', 'fulfilled']);

  const clock = new VirtualClock(1_800_000_000_000);
  const shared = new MemoryStateStore({ clock });
  const a = desk(clock, shared).declarations;
  const b = desk(clock, shared).declarations;
  const t0 = clock.now();
  const settled = await Promise.allSettled([
    a.declare({ linkId: 'L-s-in', positionM: 20, lanes: [0] }),
    b.declare({ linkId: 'L-s-in', positionM: 390, lanes: [1] }),
  ]);
  expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled']);
  const stored = (await shared.list('incident')).filter((i) => i.linkId === 'L-s-in');
  expect(stored.map((i) => i.positionM).sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual([20, 390]);
  // The second waited for the first's claim on the link to lapse, no longer.
  expect(clock.now() - t0).toBeGreaterThanOrEqual(DECLARATION_CLAIM_MS);
  expect(clock.now() - t0).toBeLessThanOrEqual(DECLARATION_CLAIM_MS + 100);
});

test('an edit cannot move a declaration onto the place of another (409 naming it); elsewhere it can', async () => {
  const { declarations, store } = desk();
  const near = await declarations.declare({ linkId: 'L-w-in', positionM: 20, kind: 'crash' });
  const far = await declarations.declare({ linkId: 'L-w-in', positionM: 350, kind: 'breakdown' });
  await expect(declarations.edit(far, { positionM: 200 })).rejects.toMatchObject({
    name: 'ConflictError',
    existingId: near.id,
  });
  // To an unknown position it may be the same place as the other, too.
  await expect(declarations.edit(far, { positionM: null })).rejects.toMatchObject({ existingId: near.id });
  expect(await store.get('incident', far.id)).toEqual(far);
  // Moving within its own place, or changing anything but the position, is fine.
  const moved = await declarations.edit(far, { positionM: 300 });
  expect(moved).toMatchObject({ id: far.id, positionM: 300 });
  expect(await store.get('incident', far.id)).toEqual(moved);
  await expect(declarations.edit(moved, { severity: 'critical' })).resolves.toMatchObject({
    severity: 'critical',
  });
  // A cleared declaration does not hold its place.
  await store.put('incident', [{ ...near, status: 'cleared', clearedAt: near.startedAt + 1 }]);
  await expect(declarations.edit(moved, { positionM: 20 })).resolves.toMatchObject({ positionM: 20 });
});

test('edits not moving a declaration are not checked: a detected incident moves freely, old duplicates keep their lanes edited', async () => {
  const { declarations, store } = desk();
  const declared = await declarations.declare({ linkId: 'L-e-out', positionM: 100 });
  const detected = sampleIncident({
    id: 'auto-L-e-out-1',
    region: 'gangnam',
    linkId: 'L-e-out',
    positionM: null,
    source: 'detected',
  });
  const legacy = sampleIncident({ id: 'inc-legacy', region: 'gangnam', linkId: 'L-e-out', positionM: 120 });
  await store.put('incident', [detected, legacy]);
  await expect(declarations.edit(detected, { positionM: 100 })).resolves.toMatchObject({ positionM: 100 });
  await expect(declarations.edit(legacy, { lanes: [1] })).resolves.toMatchObject({ lanes: [1] });
  await expect(declarations.edit(legacy, { positionM: 130 })).rejects.toMatchObject({
    existingId: declared.id,
  });
});

test('a position beyond the end of the link is 400 naming positionM and the length, on declare and edit', async () => {
  const { declarations, store } = desk();
  let refused: unknown;
  await declarations.declare({ linkId: 'L-e-in', positionM: 395 }).catch((err: unknown) => (refused = err));
  expect(refused).toBeInstanceOf(ValidationError);
  expect((refused as ValidationError).issues).toEqual([
    {
      path: 'positionM',
      message:
        '395 m is beyond the end of link L-e-in, which is 394 m long (positionM counts from its start, 0-394)',
    },
  ]);
  const atEnd = await declarations.declare({ linkId: 'L-e-in', positionM: 394 });
  await expect(declarations.edit(atEnd, { positionM: 1_000 })).rejects.toMatchObject({
    name: 'ValidationError',
    issues: [{ path: 'positionM', message: expect.stringContaining('394 m long') as unknown }],
  });
  expect(await store.get('incident', atEnd.id)).toEqual(atEnd);
});
