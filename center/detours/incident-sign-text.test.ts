/**
 * @module center/detours/incident-sign-text.test
 * Every incident sign text the demo city can give on a link with a section shows whole on the sign's
 * face, and a text too long gives up the same parts in both languages: the lane count first, then
 * the section; the road, what happened and the detour always stay.
 */
import { expect, test } from 'vitest';
import { loadScenario } from '../../core/index.ts';
import { buildCenterNetwork } from '../network/index.ts';
import { signWidth } from '../signs/index.ts';
import type { IncidentRecord } from '../state/index.ts';
import { detourAdvice, incidentSignText, roadOf, sectionOf, type RoadName } from './index.ts';

const net = buildCenterNetwork(loadScenario('scenarios/demo-city'));
const KINDS: readonly IncidentRecord['kind'][] = ['crash', 'breakdown', 'roadwork', 'congestion', 'other'];

/**
 * Every detour clause a demo incident could carry: none, or a detour via any of the city's roads (or
 * no named road) on a closed link (no minutes) or saving 1 or 10 minutes (one or two digits). No demo link with a
 * section has a detour today (the arterial has no parallel road), so the clauses are made here.
 */
function everyAdvice(): ({ ko: string; en: string } | null)[] {
  const roads = new Map<string, RoadName>();
  for (const link of net.links.values()) roads.set(link.name, roadOf(net, link.id));
  const out: ({ ko: string; en: string } | null)[] = [null];
  for (const via of [null, ...roads.values()]) {
    for (const savedS of [Infinity, 60, 600]) out.push(detourAdvice(via, savedS));
  }
  return out;
}

test('every demo sign text on a section shows whole, and both languages keep the same parts', () => {
  const advices = everyAdvice();
  const kept: Record<string, number> = {};
  const wrong: string[] = [];
  let links = 0;
  for (const link of net.links.values()) {
    const section = sectionOf(net, link.id);
    if (section === null) continue;
    links++;
    const road = roadOf(net, link.id);
    for (const kind of KINDS) {
      for (let lanes = 0; lanes <= link.lanes; lanes++) {
        for (const advice of advices) {
          const text = incidentSignText(road, section, { kind, lanes: [...Array(lanes).keys()] }, advice);
          const sectionKo = text.ko.includes(section.ko);
          const lanesKo = text.ko.includes('개 차로 통제');
          const problems = [
            signWidth(text.ko, 'ko') === null && 'Korean past the face',
            signWidth(text.en, 'en') === null && 'English past the face',
            (!text.ko.startsWith(`${road.ko} `) || !text.en.includes(` on ${road.en}`)) && 'road missing',
            advice !== null &&
              (!text.ko.endsWith(advice.ko) || !text.en.endsWith(advice.en)) &&
              'detour missing',
            text.en.includes(section.en) !== sectionKo && 'section in one language only',
            text.en.includes(' closed') !== lanesKo && 'lane count in one language only',
            // Without a detour every demo text fits whole.
            advice === null && (!sectionKo || lanesKo !== lanes > 0) && 'shortened without a detour',
          ].filter((p) => p !== false);
          if (problems.length > 0) wrong.push(`${problems.join(', ')}: ${text.ko} | ${text.en}`);
          if (advice === null) continue;
          const key = `${lanes === 0 ? 'noLanes' : 'lanes'}${sectionKo ? 'Section' : ''}${lanesKo ? 'Count' : ''}`;
          kept[key] = (kept[key] ?? 0) + 1;
        }
      }
    }
  }
  expect(wrong.slice(0, 5)).toEqual([]);
  expect(links).toBe(22);
  // 22 links x 5 kinds x 0-4 lanes x 48 detour clauses (center/README's figures). With a lane closed,
  // no text keeps everything: the English layout gives road, section, count and detour a line each.
  expect(kept).toEqual({
    lanesSection: 17_160,
    lanesCount: 1_926,
    lanes: 2_034,
    noLanesSection: 4_290,
    noLanes: 990,
  });
});

test('a road closed on every lane reads 전면 통제 / road closed, kept over the section when space is short', () => {
  // A closed link has no through time: its detour clause never names minutes saved.
  const advices = everyAdvice().filter((a) => a === null || !a.en.includes(' saves '));
  const wrong: string[] = [];
  let sectionDropped = 0;
  for (const link of net.links.values()) {
    const section = sectionOf(net, link.id);
    const road = roadOf(net, link.id);
    const all = [...Array(link.lanes).keys()];
    for (const kind of KINDS) {
      for (const advice of advices) {
        const text = incidentSignText(road, section, { kind, lanes: all }, advice, link.lanes);
        const problems = [
          signWidth(text.ko, 'ko') === null && 'Korean past the face',
          signWidth(text.en, 'en') === null && 'English past the face',
          !text.ko.includes('전면 통제') && 'no 전면 통제',
          !text.en.includes('road closed') && 'no road closed',
          text.ko.includes('개 차로') && 'a lane count on a closed road',
        ].filter((p) => p !== false);
        if (problems.length > 0) wrong.push(`${problems.join(', ')}: ${text.ko} | ${text.en}`);
        if (section !== null && !text.ko.includes(section.ko)) sectionDropped++;
      }
    }
    // One lane fewer than the link has is a count, as before.
    if (link.lanes > 1) {
      const some = incidentSignText(road, section, { kind: 'crash', lanes: all.slice(1) }, null, link.lanes);
      expect(some.ko).toContain(`${link.lanes - 1}개 차로 통제`);
      expect(some.en).toContain(`${link.lanes - 1} lane`);
    }
  }
  expect(wrong.slice(0, 5)).toEqual([]);
  // With a long detour clause the section goes first, so the closure can stay.
  expect(sectionDropped).toBeGreaterThan(0);
});
