/**
 * @module center/signs/sign-messages.test
 */
import { expect, test } from 'vitest';
import { sampleSignMessage } from '../state/testing/index.ts';
import { displayedMessage } from './index.ts';

test('an operator message outranks any automatic one', () => {
  const auto = sampleSignMessage({ id: 'a', source: 'auto', priority: 999 });
  const op = sampleSignMessage({ id: 'o', source: 'operator', priority: 1 });
  expect(displayedMessage([auto, op], 0)?.id).toBe('o');
});

test('expired messages are not shown; a newer message wins a tie', () => {
  const old = sampleSignMessage({ id: 'old', createdAt: 1 });
  const newer = sampleSignMessage({ id: 'new', createdAt: 2, expiresAt: 100 });
  expect(displayedMessage([old, newer], 50)?.id).toBe('new');
  expect(displayedMessage([old, newer], 100)?.id).toBe('old');
  expect(displayedMessage([], 0)).toBeNull();
});
