/**
 * @module center/signs/sign-face.test
 * The center's model of a sign face lays text out as the sign page does (displays/web/src/sign): its
 * own breaks, commas when a part is too long, a count kept with its noun, three lines at most.
 */
import { expect, test } from 'vitest';
import { SIGN_FACE, signLineCount, signWidth } from './index.ts';

test('counts the lines the sign page gives a text at a width', () => {
  // The page's own examples: "Crash on Teheran-ro" / "2 lanes closed" at 24 characters.
  expect(signLineCount('Crash on Teheran-ro, 2 lanes closed', 24)).toBe(2);
  expect(signLineCount('Crash, 2 lanes closed', 24)).toBe(1);
  expect(signLineCount('Roadworks on Nambu-ro 3 lanes closed', 24)).toBe(2);
  expect(signLineCount('Crash on Teheran-ro; detour via Seolleung-ro saves 4 min', 24)).toBe(3);
  // "서초IC 램프 사고" / "2개 차로 통제" / "경부고속도로 우회".
  expect(signLineCount('서초IC 램프 사고 2개 차로 통제 / 경부고속도로 우회', 16)).toBe(3);
});

test('a text takes the narrowest width of its language that holds it in three lines', () => {
  expect(SIGN_FACE.lines).toBe(3);
  expect(signWidth('테헤란로 역삼역→언주로 사고 2개 차로 통제', 'ko')).toBe(16);
  expect(signWidth('Crash on Teheran-ro, Gangnam Stn → Teheran-ro 10-gil, 2 lanes closed', 'en')).toBe(38);
  // A page shows a bilingual name in its own language only, so the other part takes no room.
  expect(signWidth('Gyeongbu Expressway (경부고속도로) 사고 2개 차로 통제 / 서초IC 램프 우회', 'ko')).toBe(
    16,
  );
  expect(
    signWidth(
      'Crash on Seocho IC ramp (서초IC 램프), 2 lanes closed; detour via Gyeongbu Expressway (경부고속도로)',
      'en',
    ),
  ).toBe(30);
});

test('a text that no width holds in three lines does not fit', () => {
  expect(
    signWidth(
      'Crash on Teheran-ro, Teheran-ro 10-gil → Teheran-ro 63-gil, 2 lanes closed; detour via Nonhyeon-ro',
      'en',
    ),
  ).toBeNull();
  expect(signWidth('서초대로 사고 / 반포대로 우회 / 서초중앙로 우회 / 강남대로 우회', 'ko')).toBeNull();
});
