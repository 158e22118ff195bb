/**
 * @module core/fares/fare-properties.test
 * Properties of the fare engine (fast-check): fares are never negative, a transfer never costs more
 * than paying each leg separately, and re-rating does not depend on arrival order or duplicates.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { CardTap } from '../messages/index.ts';
import { chargeAtTap, emptyCardState, kst, rateTrip, seoulPolicy } from './index.ts';

const policy = seoulPolicy();
const t0 = kst('2026-03-10T05:00');
const modes = [
  'subway',
  'trunkBus',
  'branchBus',
  'circulationBus',
  'villageBus',
  'lateNightBus',
  'wideAreaBus',
] as const;

const legArb = fc.record({
  mode: fc.constantFrom(...modes),
  route: fc.integer({ min: 0, max: 5 }),
  rideMin: fc.integer({ min: 1, max: 90 }),
  waitMin: fc.integer({ min: 0, max: 70 }),
  km: fc.double({ min: 0, max: 80, noNaN: true }),
  skipOut: fc.boolean(),
});
const journeyArb = fc.record({
  riderClass: fc.constantFrom('adult', 'youth', 'child' as const),
  startMin: fc.integer({ min: 0, max: 24 * 60 }),
  legs: fc.array(legArb, { minLength: 1, maxLength: 7 }),
});

type JourneySpec = fc.Arbitrary<typeof journeyArb extends fc.Arbitrary<infer T> ? T : never>;

function tapsOf(
  spec: JourneySpec extends fc.Arbitrary<infer T> ? T : never,
  card: string,
  withMissing: boolean,
): CardTap[] {
  const taps: CardTap[] = [];
  let t = t0 + spec.startMin * 60_000;
  let seq = 0;
  for (const leg of spec.legs) {
    const common = {
      kind: 'tap' as const,
      deviceId: `reader-${leg.route}`,
      cardId: card,
      mode: leg.mode,
      operatorId: `op-${leg.mode}`,
      routeId: leg.mode === 'subway' ? null : `r-${leg.route}`,
      stopId: null,
      vehicleId: null,
      riderClass: spec.riderClass,
      odometerKm: null,
      chargedKrw: 0,
      balanceAfterKrw: 0,
    };
    taps.push({ ...common, id: `${card}-${seq}`, seq: seq++, ts: t, tap: 'in' });
    t += leg.rideMin * 60_000;
    if (!(withMissing && leg.skipOut))
      taps.push({ ...common, id: `${card}-${seq}`, seq: seq++, ts: t, tap: 'out', legKm: leg.km });
    t += leg.waitMin * 60_000;
  }
  return taps;
}

test('fares are never negative and each tap charges the sum of its lines', () => {
  fc.assert(
    fc.property(journeyArb, (spec) => {
      let state = emptyCardState('c');
      for (const tap of tapsOf(spec, 'c', true)) {
        const { rating, state: next } = chargeAtTap(state, tap, policy);
        state = next;
        expect(rating.chargeKrw).toBeGreaterThanOrEqual(0);
        expect(rating.lines.every((l) => l.amountKrw >= 0 && Number.isInteger(l.amountKrw))).toBe(true);
        expect(rating.lines.reduce((s, l) => s + l.amountKrw, 0)).toBe(rating.chargeKrw);
      }
    }),
    { numRuns: 300 },
  );
});

test('a transfer never costs more than paying each leg separately', () => {
  fc.assert(
    fc.property(journeyArb, (spec) => {
      const taps = tapsOf(spec, 'c', false);
      const together = rateTrip(taps, policy).totalKrw;
      // The same legs at the same times, each on a card of its own (a tap-in starts each leg).
      let leg = -1;
      const alone = taps.map((t) => {
        if (t.tap === 'in') leg += 1;
        return { ...t, cardId: `c${leg}` };
      });
      const separately = rateTrip(alone, policy).totalKrw;
      expect(together).toBeLessThanOrEqual(separately);
    }),
    { numRuns: 300 },
  );
});

test('re-rating is independent of arrival order and duplicates', () => {
  fc.assert(
    fc.property(
      fc.array(journeyArb, { minLength: 1, maxLength: 3 }),
      fc.array(fc.nat(), { maxLength: 10 }),
      fc.nat(),
      (journeys, dupIdx, seed) => {
        const taps = journeys.flatMap((j, i) =>
          tapsOf({ ...j, startMin: j.startMin + i * 300 }, 'c', true).map((t) => ({
            ...t,
            id: `${i}-${t.id}`,
          })),
        );
        const inOrder = rateTrip(taps, policy);
        const arrived = [...taps, ...dupIdx.map((i) => taps[i % taps.length] as CardTap)];
        const shuffled = fc.sample(fc.shuffledSubarray(arrived, { minLength: arrived.length }), {
          seed,
          numRuns: 1,
        })[0];
        const rerated = rateTrip(shuffled ?? arrived, policy);
        expect(rerated.ratings).toEqual(inOrder.ratings);
        expect(rerated.totalKrw).toBe(inOrder.totalKrw);
      },
    ),
    { numRuns: 200 },
  );
});
