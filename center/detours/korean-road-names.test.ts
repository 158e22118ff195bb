/**
 * @module center/detours/korean-road-names.test
 * Automatic sign texts name roads in the sign's language: the Korean line by the scenario's Korean
 * road name (`nameKo`), the English line by the English one, and the English name in both where a
 * link has no Korean one (networks imported from SUMO).
 */
import { expect, test } from 'vitest';
import { loadScenario, type Scenario } from '../../core/index.ts';
import { buildCenterNetwork } from '../network/index.ts';
import { RoutePlanner } from '../routing/index.ts';
import { sampleIncident } from '../state/testing/sample-records.ts';
import { autoSignMessages, incidentResponse } from './index.ts';

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

test('a sign warning of a crash on Teheran-ro says 테헤란로 in Korean and Teheran-ro in English', () => {
  const { messages } = respond(scenario, 'GN01-GN02', [0, 1]);
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) {
    expect(m.textKo).toBe('테헤란로 사고 2개 차로 통제');
    expect(m.textEn).toBe('Crash on Teheran-ro, 2 lanes closed');
  }
});

test('the detour clause names the detour road in Korean on the Korean line', () => {
  // The southbound exit ramp of Seocho IC closed: the detour runs along the expressway.
  const { response, messages } = respond(scenario, 'EXICN-SC04', [0, 1]);
  expect(response.text.ko).toBe('서초IC 램프 사고 2개 차로 통제 / 경부고속도로 우회');
  expect(response.text.en).toBe(
    'Crash on Seocho IC ramp (서초IC 램프), 2 lanes closed; detour via Gyeongbu Expressway (경부고속도로)',
  );
  expect(messages.map((m) => m.textKo)).toEqual(messages.map(() => response.text.ko));
});

test('a link without a Korean name is named by its English name in both languages', () => {
  const unnamed = structuredClone(scenario);
  for (const l of unnamed.network.links) delete l.nameKo;
  const { response } = respond(unnamed, 'GN01-GN02', [0]);
  expect(response.text).toEqual({
    ko: 'Teheran-ro 사고 1개 차로 통제',
    en: 'Crash on Teheran-ro, 1 lane closed',
  });
});
