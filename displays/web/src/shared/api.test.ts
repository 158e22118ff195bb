/**
 * @module displays/web/shared/api.test
 * How a page words the center's refusals.
 */
import { expect, test } from 'vitest';
import { refusalMessage, refusalReason } from './api.ts';

test("the center's message is said once, with only the issues it does not already say", () => {
  // The center's validation message names every issue; the control room printed them twice:
  // "incident: lanes.1: Too big: ... — lanes.1: Too big: ...".
  const issue = { path: 'lanes.1', message: 'Too big: expected number to be <=7' };
  expect(
    refusalMessage({ message: `incident: ${issue.path}: ${issue.message}`, issues: [issue] }, 'Bad Request'),
  ).toBe('incident: lanes.1: Too big: expected number to be <=7');
  expect(refusalMessage({ message: 'incident is invalid', issues: [issue] }, 'Bad Request')).toBe(
    'incident is invalid — lanes.1: Too big: expected number to be <=7',
  );
  expect(refusalMessage(undefined, 'Bad Gateway')).toBe('Bad Gateway');
});

test('a refusal says what its status means in both languages', () => {
  expect(refusalReason(400)).toBe('입력 오류 · invalid input');
  expect(refusalReason(403)).toBe('권한 없음 · not allowed');
  expect(refusalReason(0)).toBe('연결 안 됨 · no connection');
  expect(refusalReason(503)).toBe('센터 오류 · center error');
});
