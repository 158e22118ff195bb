/**
 * @module center/http/write-validation.test
 * What the write routes refuse before acting: a signal command naming a strategy outside core's
 * list (400 naming the allowed ones, where it used to be 202 and refused later by the edge), and a
 * duplicate (409 with the id of the record already there).
 */
import { expect, test } from 'vitest';
import { ConflictError, STRATEGY_NAMES, ValidationError } from '../../core/index.ts';
import { parseBody } from '../incidents/index.ts';
import { errorResponse } from './responses.ts';
import { signalCommandBody } from './routes-write.ts';

const parse = (body: unknown): unknown => parseBody(signalCommandBody, body, 'signal command');

function refusal(body: unknown): ValidationError {
  try {
    parse(body);
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error(`accepted ${JSON.stringify(body)}`);
}

test('every strategy of the core list is accepted, alone or with a plan', () => {
  for (const strategy of STRATEGY_NAMES) {
    expect(parse({ strategy })).toEqual({ strategy });
    expect(parse({ strategy, planId: 'am-peak' })).toEqual({ strategy, planId: 'am-peak' });
  }
});

test('an unknown strategy is refused naming what was sent and every allowed one', () => {
  const err = refusal({ strategy: 'fastest', planId: 'am-peak' });
  expect(err.issues).toEqual([
    {
      path: 'strategy',
      message: `unknown strategy "fastest"; use one of ${STRATEGY_NAMES.join(', ')}`,
    },
  ]);
  const res = errorResponse(err);
  expect(res.status).toBe(400);
  expect(JSON.parse(String(res.body))).toMatchObject({
    error: { code: 'invalid-input', issues: [{ path: 'strategy' }] },
  });
  // Case and spacing are not guessed at: the edge matches names exactly.
  expect(refusal({ strategy: 'SCATS' }).issues[0]?.path).toBe('strategy');
  expect(refusal({ strategy: 'max pressure' }).issues[0]?.path).toBe('strategy');
});

test('a very long or non-string strategy is refused without echoing it whole', () => {
  const long = refusal({ strategy: 'x'.repeat(5000) }).issues[0]?.message ?? '';
  expect(long).toContain(`"${'x'.repeat(64)}"`);
  expect(long.length).toBeLessThan(200);
  expect(refusal({ strategy: 7 }).issues[0]?.message).toMatch(/^unknown strategy \(a number\); use one of /);
});

test('a conflict answers 409 with a JSON error naming the existing record', () => {
  const res = errorResponse(
    new ConflictError('incident', 'inc-a', 'link L1 already has active incident inc-a'),
  );
  expect(res.status).toBe(409);
  expect(JSON.parse(String(res.body))).toEqual({
    error: { code: 'conflict', message: 'link L1 already has active incident inc-a', existingId: 'inc-a' },
  });
});
