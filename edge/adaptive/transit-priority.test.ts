/**
 * @module edge/adaptive/transit-priority.test
 * Transit priority's queue check: a cross street whose queue reaches back to its advance loops keeps
 * its green and its turn for a bus (off by default, on where the strategy asks for it).
 */
import { expect, test } from 'vitest';
import type { ControlDecision, SignalStrategy, UnitDirective } from './index.ts';
import { createStrategy, ScheduleDrivenStrategy, withTransitPriority } from './index.ts';
import { controlInput, unitState } from './test-units.ts';

function directive(decision: ControlDecision, unit: number): UnitDirective | undefined {
  return decision.kind === 'external' ? decision.directives.find((d) => d.unit === unit) : undefined;
}

const NOW_MS = 1_800_000_000_000;
const bus = (etaS: number) => [{ vehicleId: 'b', unit: 2, etaS, lateS: 90 }];

const QUEUE_CHECK = { protectQueueVehPerLane: 8 };

test('an early green does not end a conflicting green whose queue reaches back to its advance loops', () => {
  const tsp = withTransitPriority(createStrategy('actuated'), QUEUE_CHECK);
  const units = (queueVeh: number) => [
    unitState(4, { active: true, greenS: 12, queueVeh, lanes: 2 }),
    unitState(2),
  ];
  // 15 vehicles on 2 lanes: 7.5 a lane, short of 8: ended for the bus.
  expect(directive(tsp.decide(controlInput(units(15), NOW_MS, bus(10))), 4)).toMatchObject({
    forceOff: true,
  });
  // 16 on 2 lanes: 8 a lane: kept, while the bus's unit is still called.
  const long = tsp.decide(controlInput(units(16), NOW_MS, bus(10)));
  expect(directive(long, 4)).toMatchObject({ forceOff: false });
  expect(directive(long, 2)).toMatchObject({ call: true });
});

test('a bus about to arrive does not skip a conflicting phase with a long queue', () => {
  const tsp = withTransitPriority(createStrategy('actuated'), QUEUE_CHECK);
  const units = [
    unitState(6, { active: true, greenS: 20 }),
    unitState(4, { queueVeh: 20, lanes: 2 }),
    unitState(8, { queueVeh: 3, lanes: 2 }),
    unitState(2),
  ];
  const d = tsp.decide(controlInput(units, NOW_MS, bus(10)));
  expect(directive(d, 8)).toMatchObject({ omit: true });
  expect(directive(d, 4)).toMatchObject({ omit: false });
});

test('the queue check is off unless the strategy or the options ask for it', () => {
  const units = [unitState(4, { active: true, greenS: 12, queueVeh: 40, lanes: 2 }), unitState(2)];
  const input = controlInput(units, NOW_MS, bus(10));
  expect(directive(withTransitPriority(createStrategy('actuated')).decide(input), 4)).toMatchObject({
    forceOff: true,
  });
  expect(new ScheduleDrivenStrategy().priorityQueueVehPerLane).toBe(8);
  const asked: SignalStrategy = {
    name: 'actuated',
    priorityQueueVehPerLane: 8,
    decide: () => ({ kind: 'local', mode: 'actuated' }),
  };
  expect(directive(withTransitPriority(asked).decide(input), 4)).toMatchObject({ forceOff: false });
  const overridden = withTransitPriority(asked, { protectQueueVehPerLane: 0 });
  expect(directive(overridden.decide(input), 4)).toMatchObject({ forceOff: true });
});
