/**
 * @module center/incidents/same-place.test
 * When two operator-declared incidents on a link may be the same one: within SAME_PLACE_M, or either
 * without a position. The refusal names the nearest; detected, cleared, other-link incidents and the
 * incident being edited do not count.
 */
import { expect, test } from 'vitest';
import { ConflictError } from '../../core/index.ts';
import { sampleIncident } from '../state/testing/index.ts';
import { SAME_PLACE_M, refuseDuplicateDeclaration, samePlaceDeclarations } from './index.ts';

/** The ConflictError `refuseDuplicateDeclaration` throws, or undefined. */
function refusal(...args: Parameters<typeof refuseDuplicateDeclaration>): ConflictError | undefined {
  try {
    refuseDuplicateDeclaration(...args);
  } catch (err) {
    if (err instanceof ConflictError) return err;
    throw err;
  }
  return undefined;
}

test('a declaration within 250 m of an active operator incident on the link is refused, naming it', () => {
  expect(SAME_PLACE_M).toBe(250);
  const existing = sampleIncident({ id: 'inc-a', linkId: 'L1', positionM: 300, lanes: [0, 1] });
  const refused = refusal([existing], { linkId: 'L1', positionM: 350 });
  expect(refused).toMatchObject({ code: 'conflict', entity: 'incident', existingId: 'inc-a' });
  expect(refused?.message).toBe(
    'link L1 already has active incident inc-a at 300 m (crash, major, lanes 0,1), 50 m away, within 250 m, so it may be the same incident; edit it (PATCH /api/v1/incidents/inc-a) or clear it before declaring another there',
  );
  // Exactly 250 m apart is still the same place; 250.5 m is another.
  expect(refusal([existing], { linkId: 'L1', positionM: 550 })?.existingId).toBe('inc-a');
  expect(refusal([existing], { linkId: 'L1', positionM: 50 })?.existingId).toBe('inc-a');
  expect(refusal([existing], { linkId: 'L1', positionM: 550.5 })).toBeUndefined();
  expect(refusal([existing], { linkId: 'L1', positionM: 2_400 })).toBeUndefined();
});

test('a position unknown on either side may be the same place', () => {
  const placed = sampleIncident({ id: 'inc-a', linkId: 'L1', positionM: 300 });
  const unplaced = sampleIncident({ id: 'inc-u', linkId: 'L1', positionM: null });
  expect(refusal([placed], { linkId: 'L1', positionM: null })?.message).toContain(
    'inc-a at 300 m (crash, major, lanes 0), and no position was given, so it may be the same incident',
  );
  expect(refusal([unplaced], { linkId: 'L1', positionM: 2_400 })?.message).toContain(
    'inc-u at an unknown position (crash, major, lanes 0), whose position is not known, so',
  );
});

test('the nearest is named: known distances first, nearest first, then unknown positions, older first', () => {
  const list = [
    sampleIncident({ id: 'inc-unknown', linkId: 'L1', positionM: null, startedAt: 1 }),
    sampleIncident({ id: 'inc-far', linkId: 'L1', positionM: 1_000, startedAt: 2 }),
    sampleIncident({ id: 'inc-200', linkId: 'L1', positionM: 1_200, startedAt: 3 }),
    sampleIncident({ id: 'inc-100', linkId: 'L1', positionM: 1_500, startedAt: 4 }),
  ];
  expect(samePlaceDeclarations(list, { linkId: 'L1', positionM: 1_400 }).map((i) => i.id)).toEqual([
    'inc-100',
    'inc-200',
    'inc-unknown',
  ]);
  expect(refusal(list, { linkId: 'L1', positionM: 1_400 })?.existingId).toBe('inc-100');
  // Without a position every active declaration on the link may be it; the oldest is named.
  expect(refusal(list, { linkId: 'L1', positionM: null })?.existingId).toBe('inc-unknown');
  expect(
    refusal(
      list.filter((i) => i.id !== 'inc-unknown'),
      { linkId: 'L1', positionM: null },
    )?.existingId,
  ).toBe('inc-far');
});

test('detected, cleared and other-link incidents, and the one being moved, never count', () => {
  const others = [
    sampleIncident({ id: 'auto-L1-1', linkId: 'L1', positionM: null, source: 'detected' }),
    sampleIncident({ id: 'inc-old', linkId: 'L1', positionM: 300, status: 'cleared', clearedAt: 1 }),
    sampleIncident({ id: 'inc-b', linkId: 'L2', positionM: 300 }),
    sampleIncident({ id: 'inc-self', linkId: 'L1', positionM: 300 }),
  ];
  expect(samePlaceDeclarations(others, { linkId: 'L1', positionM: 300, id: 'inc-self' })).toEqual([]);
  expect(refusal(others, { linkId: 'L1', positionM: null, id: 'inc-self' })).toBeUndefined();
  // Another incident moved onto inc-self's place is refused, and says so.
  expect(refusal(others, { linkId: 'L1', positionM: 320, id: 'inc-new' })?.message).toBe(
    'incident inc-new cannot move to 320 m: link L1 has active incident inc-self at 300 m (crash, major, lanes 0), 20 m away, within 250 m, so it may be the same incident; edit it (PATCH /api/v1/incidents/inc-self) or clear it instead',
  );
  expect(refusal(others, { linkId: 'L1', positionM: null, id: 'inc-new' })?.message).toMatch(
    /^incident inc-new cannot lose its position: link L1 has active incident inc-self at 300 m/,
  );
});
