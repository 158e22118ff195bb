import { describe, expect, it } from 'vitest';
import { busRegionOf, loadScenario, validateScenario, visitingBusRegions } from './index.ts';
import { editDoc, miniScenarioDoc } from './testing.ts';

const DEMO = new URL('../../scenarios/demo-city/scenario.json', import.meta.url).pathname;

describe('bus regions', () => {
  const demo = loadScenario(DEMO);

  it('puts a route on its on-board reader region, else its own, else the first region', () => {
    expect(busRegionOf(demo, '440')).toBe('gangnam');
    expect(busRegionOf(demo, '4412')).toBe('seocho');
    const moved = structuredClone(demo);
    const reader = moved.fareReaders.find((r) => r.routeId === '4412' && r.stopId === null);
    expect(reader).toBeDefined();
    (reader as { region: string }).region = 'gangnam';
    expect(busRegionOf(moved, '4412')).toBe('gangnam');
    expect(busRegionOf(demo, 'no-such-route')).toBe(demo.regions[0]!.id);
  });

  it("lists the neighbours whose routes drive up to a region's signals", () => {
    // 4412 (seocho) crosses Gangnam's signals, 440 and 9409 (gangnam) Seocho's.
    expect(visitingBusRegions(demo, 'gangnam')).toEqual(['seocho']);
    expect(visitingBusRegions(demo, 'seocho')).toEqual(['gangnam']);
  });

  it('lists none for a single-region scenario', () => {
    const mini = validateScenario(editDoc(miniScenarioDoc(), []), 'mini');
    expect(visitingBusRegions(mini, mini.regions[0]!.id)).toEqual([]);
  });

  it('lists none when a route stays at home', () => {
    const homebound = structuredClone(demo);
    for (const route of homebound.transit!.routes)
      (route as { roadLinks: Record<string, string[]> }).roadLinks = {};
    expect(visitingBusRegions(homebound, 'gangnam')).toEqual([]);
  });
});
