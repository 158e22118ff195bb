/**
 * @module center/gtfs-rt/alerts-korean.test
 * GTFS-realtime Alerts carry a `ko` and an `en` translation (TranslatedString, gtfs.org/realtime
 * reference); each names the road in its own language, the English name where a link has no Korean one,
 * and the section between the link's named ends as the signs do.
 */
import { expect, test } from 'vitest';
import { loadScenario } from '../../core/index.ts';
import { buildCenterNetwork } from '../network/index.ts';
import { sampleIncident } from '../state/testing/sample-records.ts';
import { alertsFeed } from './index.ts';

const scenario = loadScenario('scenarios/demo-city');
const T0 = Date.UTC(2026, 10, 26, 0, 0);

type Translated = { translation: { text: string; language: string }[] };
type AlertEntity = { alert: { headerText: Translated; descriptionText: Translated } };

const text = (t: Translated, language: string): string | undefined =>
  t.translation.find((x) => x.language === language)?.text;

test('an alert for a crash on Teheran-ro names road and section, 테헤란로 in Korean and Teheran-ro in English', () => {
  const net = buildCenterNetwork(scenario);
  const feed = alertsFeed(net, [sampleIncident({ linkId: 'GN03-GN04', lanes: [] })], T0);
  const alert = (feed.entity[0] as AlertEntity).alert;
  expect(text(alert.headerText, 'ko')).toBe('테헤란로 역삼역→언주로 사고');
  expect(text(alert.headerText, 'en')).toBe('Crash on Teheran-ro, Yeoksam Stn → Eonju-ro');
  expect(text(alert.descriptionText, 'ko')).toBe('테헤란로 역삼역→언주로');
  expect(text(alert.descriptionText, 'en')).toBe('Teheran-ro, Yeoksam Stn → Eonju-ro');
});

test('an alert on a link whose ends have no bilingual names names the road alone', () => {
  const unnamedNodes = structuredClone(scenario);
  for (const n of unnamedNodes.network.nodes) delete n.name;
  const net = buildCenterNetwork(unnamedNodes);
  const feed = alertsFeed(net, [sampleIncident({ linkId: 'GN03-GN04', lanes: [] })], T0);
  const alert = (feed.entity[0] as AlertEntity).alert;
  expect(text(alert.headerText, 'ko')).toBe('테헤란로 사고');
  expect(text(alert.headerText, 'en')).toBe('Crash on Teheran-ro');
  expect(text(alert.descriptionText, 'ko')).toBe('테헤란로');
});

test('the Korean alert of a link without a Korean name falls back to the English name', () => {
  const unnamed = structuredClone(scenario);
  for (const l of unnamed.network.links) delete l.nameKo;
  const feed = alertsFeed(buildCenterNetwork(unnamed), [sampleIncident({ linkId: 'GN08-GN07' })], T0);
  const alert = (feed.entity[0] as AlertEntity).alert;
  expect(text(alert.headerText, 'ko')).toBe('Teheran-ro 삼성역→포스코사거리 사고');
  expect(text(alert.headerText, 'en')).toBe('Crash on Teheran-ro, Samseong Stn → POSCO Center');
});
