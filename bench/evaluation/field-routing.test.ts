/**
 * @module bench/evaluation/field-routing.test
 * Transit priority across a region border, with the live edge code in the loop on the demo city: each
 * edge hears its neighbour's buses on their topics and gives them priority at its own signals, while
 * only a bus's home edge reports it to the center; under the default rule (late against the headway)
 * priority requests fire for home and visiting buses.
 */
import { describe, expect, it } from 'vitest';
import { busRegionOf, loadScenario, parseTopic, type EdgeBatch } from '../../core/index.ts';
import { EdgesInTheLoop } from './edges-in-the-loop.ts';
import { fieldRouting } from './field-routing.ts';

const scenario = loadScenario(new URL('../../scenarios/demo-city/scenario.json', import.meta.url).pathname);
const fix = { kind: 'bus.position' } as const;
const det = { kind: 'det.actuation' } as const;

describe('field routing', () => {
  it("sends a bus position to its region's edge and to the neighbours that give priority", () => {
    const on = fieldRouting(scenario, true);
    expect(on('seocho', fix as never)).toEqual(['seocho', 'gangnam']);
    expect(on('gangnam', fix as never)).toEqual(['gangnam', 'seocho']);
    expect(on('gangnam', det as never)).toEqual(['gangnam']);
    expect(fieldRouting(scenario, false)('seocho', fix as never)).toEqual(['seocho']);
    expect(fieldRouting(null, true)('x', fix as never)).toEqual(['x']);
  });

  it('gives visiting buses priority at the border signals and reports each bus from its home edge only', async () => {
    const loop = new EdgesInTheLoop(scenario, {
      seed: 1,
      endS: 1800,
      node: { strategy: 'scats', tsp: true },
    });
    const reporters = new Map<string, Set<string>>();
    await loop.runUntil(loop.startMs + 1_200_000, (topic, payload) => {
      const batch = JSON.parse(payload) as EdgeBatch;
      const region = parseTopic(topic)!.region;
      for (const item of batch.items)
        if (item.type === 'bus-progress' && item.routeId !== null)
          reporters.set(item.routeId, (reporters.get(item.routeId) ?? new Set()).add(region));
      return Promise.resolve();
    });
    for (const region of ['gangnam', 'seocho']) {
      const stats = loop.edge(region)!.stats();
      expect(stats.priorityFixes.home).toBeGreaterThan(0);
      expect(stats.priorityFixes.visiting).toBeGreaterThan(0);
      // Live firing under the default rule: the demo city's headway-based buses late against their
      // headway (edge/bus-tracking) place requests the rule serves, home and visiting alike.
      expect(stats.lateFixes.home).toBeGreaterThan(0);
      expect(stats.lateFixes.visiting).toBeGreaterThan(0);
      expect(stats.lateFixes.home).toBeLessThan(stats.priorityFixes.home);
    }
    expect(reporters.size).toBeGreaterThanOrEqual(3);
    for (const [routeId, regions] of reporters)
      expect([...regions]).toEqual([busRegionOf(scenario, routeId)]);
  });
});
