/**
 * @module displays/web/shared/labels.test
 * Bilingual labels the pages show: roads by their Korean and English names, edge alarms by what went
 * wrong in both languages rather than their wire codes.
 */
import { expect, test } from 'vitest';
import { ALARM_CODE_LABELS, alarmLabel } from './alarm-labels.ts';
import { roadLabel, roadOfLink } from './road-names.ts';
import { splitBilingualName } from './bilingual.ts';

test('a link with a Korean name reads Korean first, then English', () => {
  const road = roadOfLink({ id: 'GN01-GN02', name: 'Teheran-ro', nameKo: '테헤란로' });
  expect(road).toEqual({ ko: '테헤란로', en: 'Teheran-ro' });
  expect(roadLabel(road)).toBe('테헤란로 · Teheran-ro');
});

test('an English name holding its Korean form in parentheses is not repeated', () => {
  const road = roadOfLink({ id: 'EXICN-SC04', name: 'Seocho IC ramp (서초IC 램프)', nameKo: '서초IC 램프' });
  expect(roadLabel(road)).toBe('서초IC 램프 · Seocho IC ramp');
  // A center that does not send nameKo yet: the Korean comes from the parentheses.
  expect(roadLabel(roadOfLink({ id: 'EXN-EXICN', name: 'Gyeongbu Expressway (경부고속도로)' }))).toBe(
    '경부고속도로 · Gyeongbu Expressway',
  );
});

test('a link without a Korean name (SUMO import) shows its English name, or its id without one', () => {
  expect(roadLabel(roadOfLink({ id: 'e12', name: 'Main Street', nameKo: 'Main Street' }))).toBe(
    'Main Street',
  );
  expect(roadLabel(roadOfLink({ id: 'e12', name: 'Main Street' }))).toBe('Main Street');
  expect(roadLabel(roadOfLink({ id: 'e12' }))).toBe('e12');
});

test('every alarm kind an edge raises has a Korean and an English label', () => {
  for (const [code, [ko, en]] of Object.entries(ALARM_CODE_LABELS)) {
    expect(ko, code).toMatch(/[\uac00-\ud7a3]/);
    expect(en, code).toMatch(/^[A-Z][a-z]/);
  }
  expect(alarmLabel('detector-stuck-on')).toBe('검지기 상시 점유 · Detector stuck on');
  expect(alarmLabel('sequence-gap')).toBe('현장 메시지 유실 · Field messages lost');
});

test('an alarm code the page does not know is shown as sent', () => {
  expect(alarmLabel('cabinet-door-open')).toBe('cabinet-door-open');
});

test('a GTFS headsign with the Korean name in parentheses splits into both languages', () => {
  expect(splitBilingualName('Samseong Station (삼성역)')).toEqual({ ko: '삼성역', en: 'Samseong Station' });
  expect(splitBilingualName('논현로 (Nonhyeon-ro)')).toEqual({ ko: '논현로', en: 'Nonhyeon-ro' });
  expect(splitBilingualName('Bundang')).toEqual({ ko: 'Bundang', en: 'Bundang' });
});
