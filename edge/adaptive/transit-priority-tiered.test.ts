/**
 * @module edge/adaptive/transit-priority-tiered.test
 * The tiered priority rule: the cheap action (green extension) for every approaching bus, the costly
 * ones (early green, phase skip) only for a bus late enough.
 */
import { expect, test } from 'vitest';
import type { ControlDecision, TspRequest, UnitDirective } from './index.ts';
import {
  createStrategy,
  DEFAULT_TSP_OPTIONS,
  tspRuleOptions,
  urgentRequest,
  withTransitPriority,
} from './index.ts';
import { controlInput, unitState } from './test-units.ts';

function directive(decision: ControlDecision, unit: number): UnitDirective | undefined {
  return decision.kind === 'external' ? decision.directives.find((d) => d.unit === unit) : undefined;
}

const NOW_MS = 1_800_000_000_000;
const TIERED = tspRuleOptions({ tiered: true, minLateS: 0 });
const bus = (lateS: number, etaS = 10): TspRequest[] => [{ vehicleId: 'b', unit: 2, etaS, lateS }];

/** The bus's unit 2 green for 20 s, the side street red. */
const greenForBus = [unitState(2, { active: true, greenS: 20 }), unitState(4)];
/** The side street 4 green for 12 s; the bus's unit 2 and the other side street 8 red. */
const redForBus = [unitState(4, { active: true, greenS: 12 }), unitState(8), unitState(2)];

test('a tiered rule grants a bus ahead of its headway a green extension', () => {
  const tiered = withTransitPriority(createStrategy('actuated'), TIERED);
  expect(directive(tiered.decide(controlInput(greenForBus, NOW_MS, bus(-90))), 2)).toMatchObject({
    hold: true,
    forceOff: false,
  });
  // The one-threshold rule refuses it: the strategy's own decision stands.
  const plain = withTransitPriority(createStrategy('actuated'), tspRuleOptions(0));
  expect(plain.decide(controlInput(greenForBus, NOW_MS, bus(-90))).kind).toBe('local');
});

test('a tiered rule refuses a bus ahead of its headway an early green and a phase skip', () => {
  const tiered = withTransitPriority(createStrategy('actuated'), TIERED);
  const d = tiered.decide(controlInput(redForBus, NOW_MS, bus(-90)));
  expect(d.kind).toBe('local');
  expect(directive(d, 4)?.forceOff).toBeUndefined();
  expect(directive(d, 2)?.call).toBeUndefined();
});

test('a tiered rule grants a late bus both the extension and the early green with its skip', () => {
  const tiered = withTransitPriority(createStrategy('actuated'), TIERED);
  expect(directive(tiered.decide(controlInput(greenForBus, NOW_MS, bus(30))), 2)).toMatchObject({
    hold: true,
  });
  const d = tiered.decide(controlInput(redForBus, NOW_MS, bus(30)));
  expect(directive(d, 4)).toMatchObject({ forceOff: true });
  expect(directive(d, 8)).toMatchObject({ omit: true });
  expect(directive(d, 2)).toMatchObject({ call: true, omit: false });
});

test('an on-time bus on a red unit does not stand in the way of a late bus due later', () => {
  const onTime: TspRequest = { vehicleId: 'early', unit: 2, etaS: 5, lateS: -30 };
  const late: TspRequest = { vehicleId: 'late', unit: 4, etaS: 20, lateS: 40 };
  // Unit 4 green: the late bus is due an extension; the on-time bus on red unit 2 is not eligible.
  expect(urgentRequest([onTime, late], { ...DEFAULT_TSP_OPTIONS, ...TIERED }, new Set(['4']))).toBe(late);
  // With unit 2 green the on-time bus, due sooner, is served (an extension).
  expect(urgentRequest([onTime, late], { ...DEFAULT_TSP_OPTIONS, ...TIERED }, new Set(['2']))).toBe(onTime);
});
