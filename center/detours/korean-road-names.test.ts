/**
 * @module center/detours/korean-road-names.test
 * Automatic sign texts name roads in the sign's language: the Korean line by the scenario's Korean
 * road name (`nameKo`), the English line by the English one, and the English name in both where a
 * link has no Korean one (networks imported from SUMO). They say where on the road: the section
 * between the link's named ends (`테헤란로 역삼역→언주로`), the road alone where an end has no
 * bilingual name or the section would not fit the sign (after the lane count, which goes first).
 */
import { expect, test } from 'vitest';
import { loadScenario, type Scenario } from '../../core/index.ts';
import { buildCenterNetwork } from '../network/index.ts';
import { RoutePlanner } from '../routing/index.ts';
import { sampleIncident } from '../state/testing/sample-records.ts';
import { autoSignMessages, incidentResponse, incidentSignText, placeName, sectionOf } from './index.ts';

const scenario = loadScenario('scenarios/demo-city');
const T0 = Date.UTC(2026, 10, 26, 0, 0);

function respond(s: Scenario, linkId: string, lanes: number[]) {
  const net = buildCenterNetwork(s);
  const planner = new RoutePlanner(net);
  planner.updateCosts(() => undefined, [{ linkId, blockedLanes: lanes.length }]);
  const incident = sampleIncident({ linkId, lanes });
  const response = incidentResponse(net, planner, incident);
  return { response, messages: autoSignMessages(response, incident, T0) };
}

test('a sign warning of a crash on Teheran-ro names the section between its two intersections', () => {
  const { messages } = respond(scenario, 'GN03-GN04', [0, 1]);
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) {
    expect(m.textKo).toBe('테헤란로 역삼역→언주로 사고 2개 차로 통제');
    expect(m.textEn).toBe('Crash on Teheran-ro, Yeoksam Stn → Eonju-ro, 2 lanes closed');
  }
  // In the direction of travel: the westbound link runs from Eonju-ro to Yeoksam Station.
  expect(respond(scenario, 'GN04-GN03', []).response.text).toEqual({
    ko: '테헤란로 언주로→역삼역 사고',
    en: 'Crash on Teheran-ro, Eonju-ro → Yeoksam Stn',
  });
  expect(respond(scenario, 'GN01-GN02', [0, 1]).response.text).toEqual({
    ko: '테헤란로 강남역→테헤란로10길 사고 2개 차로 통제',
    en: 'Crash on Teheran-ro, Gangnam Stn → Teheran-ro 10-gil, 2 lanes closed',
  });
});

test('the detour clause names the detour road in Korean on the Korean line', () => {
  // The southbound exit ramp of Seocho IC closed: the detour runs along the expressway. The ramp
  // starts at a node named only in English ("Seocho IC north: ..."), so the text names the road alone.
  // Both of its two lanes closed: the road is closed (전면 통제), not "2 lanes".
  const { response, messages } = respond(scenario, 'EXICN-SC04', [0, 1]);
  expect(response.text.ko).toBe('서초IC 램프 사고 전면 통제 / 경부고속도로 우회');
  expect(response.text.en).toBe(
    'Crash on Seocho IC ramp (서초IC 램프), road closed; detour via Gyeongbu Expressway (경부고속도로)',
  );
  expect(respond(scenario, 'EXICN-SC04', [1]).response.text.ko).toMatch(/^서초IC 램프 사고 1개 차로 통제/);
  expect(messages.map((m) => m.textKo)).toEqual(messages.map(() => response.text.ko));
});

test('with a detour too long for the face, both languages give up the lane count before the section', () => {
  // The ramp's start given a bilingual name (test data only): the section now has both ends.
  const named = structuredClone(scenario);
  const exicn = named.network.nodes.find((n) => n.id === 'EXICN');
  if (exicn === undefined) throw new Error('EXICN missing from the demo city');
  exicn.name = 'Seocho IC North (서초IC 북측)';
  const { response } = respond(named, 'EXICN-SC04', [0, 1]);
  // English with everything: road, section, closure and detour take a line each, 4 lines even at
  // 38 characters. The ramp is closed on both its lanes, and a closed road outlasts the section: both
  // languages drop the section (the Korean would fit whole, but its page says the same).
  expect(response.text.ko).toBe('서초IC 램프 사고 전면 통제 / 경부고속도로 우회');
  expect(response.text.en).toBe(
    'Crash on Seocho IC ramp (서초IC 램프), road closed; detour via Gyeongbu Expressway (경부고속도로)',
  );
  // A section whose English fits whole with the detour: both languages keep everything.
  const advice = { ko: ' / 논현로 우회', en: '; detour via Nonhyeon-ro' };
  const road = { ko: '테헤란로', en: 'Teheran-ro' };
  const short = { ko: '역삼역→언주로', en: 'Yeoksam Stn → Eonju-ro' };
  expect(incidentSignText(road, short, { kind: 'crash', lanes: [] }, advice)).toEqual({
    ko: '테헤란로 역삼역→언주로 사고 / 논현로 우회',
    en: 'Crash on Teheran-ro, Yeoksam Stn → Eonju-ro; detour via Nonhyeon-ro',
  });
  const long = { ko: '테헤란로10길→테헤란로63길', en: 'Teheran-ro 10-gil → Teheran-ro 63-gil' };
  expect(incidentSignText(road, long, { kind: 'roadwork', lanes: [0, 1] }, advice)).toEqual({
    ko: '테헤란로 테헤란로10길→테헤란로63길 공사 / 논현로 우회',
    en: 'Roadwork on Teheran-ro, Teheran-ro 10-gil → Teheran-ro 63-gil; detour via Nonhyeon-ro',
  });
  // A detour clause of two lines leaves one for the rest: the section goes, the lane count stays
  // where it fits beside the road, and goes too where it does not.
  const wide = { ko: ' / 서초중앙로 우회 (10분 단축)', en: '; detour via Seochojungang-ro saves 10 min' };
  const seocho = { ko: '서초대로', en: 'Seocho-daero' };
  const gyodae = { ko: '서초역→교대역', en: 'Seocho Stn → Gyodae Stn' };
  expect(incidentSignText(seocho, gyodae, { kind: 'crash', lanes: [0, 1] }, wide)).toEqual({
    ko: '서초대로 사고 2개 차로 통제 / 서초중앙로 우회 (10분 단축)',
    en: 'Crash on Seocho-daero, 2 lanes closed; detour via Seochojungang-ro saves 10 min',
  });
  expect(incidentSignText(seocho, gyodae, { kind: 'congestion', lanes: [0, 1] }, wide)).toEqual({
    ko: '서초대로 정체 / 서초중앙로 우회 (10분 단축)',
    en: 'Congestion on Seocho-daero; detour via Seochojungang-ro saves 10 min',
  });
});

test('a link whose ends have no bilingual names is named by its road alone (SUMO imports)', () => {
  const unnamedNodes = structuredClone(scenario);
  for (const n of unnamedNodes.network.nodes) delete n.name;
  expect(respond(unnamedNodes, 'GN03-GN04', [0, 1]).response.text).toEqual({
    ko: '테헤란로 사고 2개 차로 통제',
    en: 'Crash on Teheran-ro, 2 lanes closed',
  });
  // The demo's cross streets end at boundary nodes named in English only ("Nonhyeon-ro north").
  expect(respond(scenario, 'GN03N-GN03', [0]).response.text.ko).toBe('논현로 사고 1개 차로 통제');
});

test('a link without a Korean name is named by its English name in both languages', () => {
  const unnamed = structuredClone(scenario);
  for (const l of unnamed.network.links) delete l.nameKo;
  for (const n of unnamed.network.nodes) delete n.name;
  const { response } = respond(unnamed, 'GN01-GN02', [0]);
  expect(response.text).toEqual({
    ko: 'Teheran-ro 사고 1개 차로 통제',
    en: 'Crash on Teheran-ro, 1 lane closed',
  });
  // Its ends still named in both languages: the Korean line names them in Korean.
  const roadOnly = structuredClone(scenario);
  for (const l of roadOnly.network.links) delete l.nameKo;
  expect(respond(roadOnly, 'GN01-GN02', [0]).response.text.ko).toBe(
    'Teheran-ro 강남역→테헤란로10길 사고 1개 차로 통제',
  );
});

test('a place name is read from a node named in both languages, either way round', () => {
  expect(placeName('Yeoksam Station (역삼역)')).toEqual({ ko: '역삼역', en: 'Yeoksam Station' });
  expect(placeName('논현로 (Nonhyeon-ro)')).toEqual({ ko: '논현로', en: 'Nonhyeon-ro' });
  expect(placeName('Teheran-ro east end (toward Samseong Bridge)')).toBeNull();
  expect(placeName('Seocho IC north: southbound exit, northbound entrance')).toBeNull();
  expect(placeName('역삼역')).toBeNull();
  expect(placeName(undefined)).toBeNull();
  const net = buildCenterNetwork(scenario);
  expect(sectionOf(net, 'GN05-GN06')).toEqual({
    ko: '선릉역→테헤란로63길',
    en: 'Seolleung Stn → Teheran-ro 63-gil',
  });
  expect(sectionOf(net, 'no-such-link')).toBeNull();
});
