/**
 * @module displays/web/sign/sign-text.test
 * Sign text layout: bilingual road names reduced to one language, breaks kept, words wrapped.
 */
import { expect, test } from 'vitest';
import { splitBilingualName } from '../shared/bilingual.ts';
import { oneLanguage, signLines } from './sign-text.ts';

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

test('a GTFS headsign with the Korean name in parentheses splits into both languages', () => {
  expect(splitBilingualName('Samseong Station (삼성역)')).toEqual({ ko: '삼성역', en: 'Samseong Station' });
  expect(splitBilingualName('논현로 (Nonhyeon-ro)')).toEqual({ ko: '논현로', en: 'Nonhyeon-ro' });
  expect(splitBilingualName('Bundang')).toEqual({ ko: 'Bundang', en: 'Bundang' });
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
