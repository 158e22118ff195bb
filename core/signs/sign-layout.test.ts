/**
 * @module core/signs/sign-layout.test
 * Sign text layout: bilingual road names reduced to one language, breaks kept, words wrapped.
 */
import { expect, test } from 'vitest';
import { fittingWidth, oneLanguage, signLines } from './sign-layout.ts';

test('a road named in both languages shows only the page language', () => {
  const ko = 'Seocho IC ramp (서초IC 램프) 사고 2개 차로 통제';
  expect(oneLanguage(ko, false)).toBe('서초IC 램프 사고 2개 차로 통제');
  expect(oneLanguage('Crash on Seocho IC ramp (서초IC 램프), 2 lanes closed', true)).toBe(
    'Crash on Seocho IC ramp, 2 lanes closed',
  );
  expect(oneLanguage('detour saves 3 min (approx.)', true)).toBe('detour saves 3 min (approx.)');
});

test('the message keeps its own line breaks and wraps words at the sign width', () => {
  expect(signLines('테헤란로 행사 / 1차로 통제', 16)).toEqual(['테헤란로 행사', '1차로 통제']);
  expect(signLines('Crash on Teheran-ro; detour via Seolleung-ro saves 4 min', 24)).toEqual([
    'Crash on Teheran-ro',
    'detour via Seolleung-ro',
    'saves 4 min',
  ]);
});

test('a message too long for a line breaks at its comma, and a count stays with what it counts', () => {
  // The center's incident message on the demo's 1200 px sign read "Crash on Teheran-ro, 2" / "lanes closed".
  expect(signLines('Crash on Teheran-ro, 2 lanes closed', 24)).toEqual([
    'Crash on Teheran-ro',
    '2 lanes closed',
  ]);
  // A line short enough keeps its comma.
  expect(signLines('Crash, 2 lanes closed', 24)).toEqual(['Crash, 2 lanes closed']);
  // Without a comma, word wrap moves the bare number down with its noun.
  expect(signLines('Roadworks on Nambu-ro 3 lanes closed', 24)).toEqual([
    'Roadworks on Nambu-ro',
    '3 lanes closed',
  ]);
  // The Korean count too: "서초IC 램프 사고 2개 차로" / "통제" at the 16-character width.
  expect(signLines('서초IC 램프 사고 2개 차로 통제 / 경부고속도로 우회', 16)).toEqual([
    '서초IC 램프 사고',
    '2개 차로 통제',
    '경부고속도로 우회',
  ]);
});

test('the narrowest width whose lines fit the face, or none', () => {
  expect(fittingWidth('테헤란로 사고 2개 차로 통제', false)).toBe(16);
  expect(fittingWidth('Crash on Teheran-ro, Gangnam Stn → Teheran-ro 10-gil, 2 lanes closed', true)).toBe(38);
  expect(fittingWidth('서초대로 사고 / 반포대로 우회 / 서초중앙로 우회 / 강남대로 우회', false)).toBeNull();
});

test('a word longer than the widest line fits at no width: one line, but wider than the face', () => {
  // An operator's 200 characters without a space were one "line" and counted as fitting; the page
  // showed its first 15 and cut the rest at the face's edge.
  expect(fittingWidth('가'.repeat(27), false)).toBeNull();
  expect(fittingWidth('가'.repeat(26), false)).toBe(26);
  expect(fittingWidth(`정체 / ${'가'.repeat(17)}`, false)).toBe(20);
  expect(fittingWidth('x'.repeat(39), true)).toBeNull();
});
