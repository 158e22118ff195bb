/**
 * @module center/detours/detour-advice.test
 * The detour clause of automatic sign texts.
 */
import { expect, test } from 'vitest';
import { detourAdvice } from './index.ts';

test('a fully closed link asks for the detour without a minute figure', () => {
  const advice = detourAdvice({ ko: '남부순환로', en: 'Nambu-sunhwan-ro' }, Infinity);
  expect(advice).toEqual({ ko: ' / 남부순환로 우회', en: '; detour via Nambu-sunhwan-ro' });
  expect(JSON.stringify(detourAdvice(null, Infinity))).not.toContain('Infinity');
});

test('a detour saving at least 30 s names the minutes saved, rounded, at least 1', () => {
  expect(detourAdvice(null, 31)?.ko).toBe(' / 우회 권장 (1분 단축)');
  expect(detourAdvice({ ko: '테헤란로', en: 'Teheran-ro' }, 250)?.en).toBe(
    '; detour via Teheran-ro saves 4 min',
  );
});

test('a detour saving under 30 s is not advertised', () => {
  expect(detourAdvice({ ko: '테헤란로', en: 'Teheran-ro' }, 29)).toBeNull();
});
