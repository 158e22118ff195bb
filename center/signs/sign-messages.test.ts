/**
 * @module center/signs/sign-messages.test
 */
import { expect, test } from 'vitest';
import { sampleSignMessage } from '../state/testing/index.ts';
import { displayedMessage, publishSignBody } from './index.ts';

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

test('an operator message that would not show whole on the sign is refused, naming the field and the face', () => {
  // Seen: 200 characters published (201) and the sign showed its first 15, cut at the face's edge.
  const tooLong = publishSignBody.safeParse({ textKo: '가'.repeat(200) });
  expect(tooLong.success).toBe(false);
  expect(tooLong.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
    [
      'textKo',
      "does not fit the sign: at most 3 lines of 26 characters (words wrap at spaces, ' / ' starts a new line)",
    ],
  ]);
  const fourLines = publishSignBody.safeParse({ textKo: '사고', textEn: 'a / b / c / d' });
  expect(fourLines.error?.issues.map((i) => i.path.join('.'))).toEqual(['textEn']);
  const fits = publishSignBody.safeParse({
    textKo: '테헤란로 행사 / 1차로 통제',
    textEn: 'Event on Teheran-ro / lane 1 closed',
  });
  expect(fits.success).toBe(true);
});
