/**
 * @module core/fares/transit-fare.test
 * Worked examples of the capital-area integrated fare, table-driven through the public door.
 */
import { describe, expect, test } from 'vitest';
import type { CardTap } from '../messages/index.ts';
import { chargeAtTap, emptyCardState, kst, rateTrip, seoulPolicy, tapOf } from './index.ts';

const policy = seoulPolicy();

type Case = { name: string; taps: CardTap[]; charges: number[]; total: number };

const subwayTrip = (at: string, km: number, riderClass: CardTap['riderClass'] = 'adult'): CardTap[] => [
  tapOf({ tap: 'in', ts: kst(at), mode: 'subway', routeId: null, odometerKm: null, riderClass }),
  tapOf({
    tap: 'out',
    ts: kst(at) + 20 * 60_000,
    mode: 'subway',
    routeId: null,
    odometerKm: null,
    legKm: km,
  }),
];

const busLeg = (
  route: string,
  inAt: number,
  outAt: number,
  km: number,
  mode: CardTap['mode'] = 'trunkBus',
) => [
  tapOf({ tap: 'in', ts: inAt, mode, routeId: route, odometerKm: 0 }),
  tapOf({ tap: 'out', ts: outAt, mode, routeId: route, odometerKm: km }),
];
const min = 60_000;
const t0 = kst('2026-03-10T08:00');

const cases: Case[] = [
  {
    name: '15 km subway costs 1,650 won for an adult',
    taps: subwayTrip('2026-03-10T08:00', 15),
    charges: [1550, 100],
    total: 1650,
  },
  {
    name: '10 km subway is the base fare alone',
    taps: subwayTrip('2026-03-10T08:00', 10),
    charges: [1550, 0],
    total: 1550,
  },
  {
    name: '10.1 km starts the first 5 km step',
    taps: subwayTrip('2026-03-10T08:00', 10.1),
    charges: [1550, 100],
    total: 1650,
  },
  {
    name: '50 km pays eight 5 km steps',
    taps: subwayTrip('2026-03-10T08:00', 50),
    charges: [1550, 800],
    total: 2350,
  },
  {
    name: '58 km adds one 8 km step beyond 50 km',
    taps: subwayTrip('2026-03-10T08:00', 58),
    charges: [1550, 900],
    total: 2450,
  },
  {
    name: 'youth 15 km subway pays 900 + 80',
    taps: subwayTrip('2026-03-10T08:00', 15, 'youth'),
    charges: [900, 80],
    total: 980,
  },
  {
    name: 'child 15 km subway pays 550 + 50',
    taps: subwayTrip('2026-03-10T08:00', 15, 'child'),
    charges: [550, 50],
    total: 600,
  },
  {
    name: 'early-morning subway before 06:30 is 20% off the base',
    taps: subwayTrip('2026-03-10T06:00', 12),
    charges: [1240, 100],
    total: 1340,
  },
  {
    name: 'bus to subway within 30 minutes pays the base difference plus distance',
    taps: [
      ...busLeg('r-100', t0, t0 + 20 * min, 5),
      tapOf({ tap: 'in', ts: t0 + 45 * min, mode: 'subway', routeId: null, odometerKm: null }),
      tapOf({ tap: 'out', ts: t0 + 70 * min, mode: 'subway', routeId: null, odometerKm: null, legKm: 7 }),
    ],
    charges: [1500, 0, 50, 100],
    total: 1650,
  },
  {
    name: 'a tap-in 31 minutes after tap-out by day starts a new journey',
    taps: [...busLeg('r-100', t0, t0 + 20 * min, 5), ...busLeg('r-200', t0 + 51 * min, t0 + 60 * min, 5)],
    charges: [1500, 0, 1500, 0],
    total: 3000,
  },
  {
    name: 'at night (tap-out 22:00) the window is 60 minutes',
    taps: [
      ...busLeg('r-100', kst('2026-03-10T21:40'), kst('2026-03-10T22:00'), 4),
      ...busLeg('r-200', kst('2026-03-10T22:50'), kst('2026-03-10T23:00'), 4),
    ],
    charges: [1500, 0, 0, 0],
    total: 1500,
  },
  {
    name: 'a tap-out at 20:30 keeps the day window even if the next tap-in is after 21:00',
    taps: [
      ...busLeg('r-100', kst('2026-03-10T20:10'), kst('2026-03-10T20:30'), 4),
      ...busLeg('r-200', kst('2026-03-10T21:20'), kst('2026-03-10T21:30'), 4),
    ],
    charges: [1500, 0, 1500, 0],
    total: 3000,
  },
  {
    name: 'no transfer onto the same route',
    taps: [...busLeg('r-100', t0, t0 + 10 * min, 3), ...busLeg('r-100', t0 + 15 * min, t0 + 25 * min, 3)],
    charges: [1500, 0, 1500, 0],
    total: 3000,
  },
  {
    name: 'a wide-area bus includes 30 km',
    taps: busLeg('m-5100', t0, t0 + 50 * min, 30, 'wideAreaBus'),
    charges: [3000, 0],
    total: 3000,
  },
  {
    name: 'subway then wide-area bus: difference 1,450, then 35 km over the 30 km base',
    taps: [
      ...subwayTrip('2026-03-10T08:00', 10),
      ...busLeg('m-5100', t0 + 30 * min, t0 + 70 * min, 25, 'wideAreaBus'),
    ],
    charges: [1550, 0, 1450, 100],
    total: 3100,
  },
  {
    name: 'a missing tap-out charges the route maximum surcharge at the next tap',
    taps: [
      tapOf({ tap: 'in', ts: t0, routeId: 'r-100', odometerKm: 0 }),
      ...busLeg('r-200', t0 + 40 * min, t0 + 50 * min, 3),
    ],
    charges: [1500, 800 + 1500, 0],
    total: 3800,
  },
  {
    name: 'a missing tap-out on a transfer leg also takes back the transfer discount',
    taps: [
      ...busLeg('r-100', t0, t0 + 10 * min, 5),
      tapOf({ tap: 'in', ts: t0 + 15 * min, mode: 'subway', routeId: null, odometerKm: null }),
      ...busLeg('r-200', t0 + 90 * min, t0 + 100 * min, 3),
    ],
    charges: [1500, 0, 50, 1500 + 800 + 1500, 0],
    total: 5350,
  },
  {
    name: 'a taxi ride between two bus legs is paid apart and keeps the transfer',
    taps: [
      ...busLeg('r-100', t0, t0 + 10 * min, 4),
      tapOf({ tap: 'out', ts: t0 + 20 * min, mode: 'taxi', routeId: null, odometerKm: null, legKm: 1.6 }),
      ...busLeg('r-200', t0 + 25 * min, t0 + 35 * min, 4),
    ],
    charges: [1500, 0, 4800, 0, 0],
    total: 6300,
  },
  {
    name: 'a tap-out with no tap-in charges nothing',
    taps: [tapOf({ tap: 'out', ts: t0, odometerKm: 5 })],
    charges: [0],
    total: 0,
  },
  {
    name: 'taxi: 4,800 won for 1.6 km, +100 per 131 m, +100 per 30 s slow',
    taps: [tapOf({ tap: 'out', ts: t0, mode: 'taxi', routeId: null, odometerKm: null, legKm: 3, slowS: 95 })],
    charges: [4800 + 1000 + 300],
    total: 6100,
  },
  {
    name: 'taxi at 23:30 pays the 40% night surcharge, rounded to 100 won',
    taps: [
      tapOf({
        tap: 'out',
        ts: kst('2026-03-10T23:30'),
        mode: 'taxi',
        routeId: null,
        odometerKm: null,
        legKm: 1,
      }),
    ],
    charges: [6700],
    total: 6700,
  },
];

describe('integrated distance fare, worked examples', () => {
  test.each(cases)('$name', ({ taps, charges, total }) => {
    let state = emptyCardState('card-0001');
    const atTaps = taps.map((tap) => {
      const r = chargeAtTap(state, tap, policy);
      state = r.state;
      return r.rating.chargeKrw;
    });
    expect(atTaps).toEqual(charges);
    const central = rateTrip(taps, policy);
    expect(central.ratings.map((r) => r.chargeKrw)).toEqual(charges);
    expect(central.totalKrw).toBe(total);
  });
});

describe('transfer count', () => {
  const sixLegs = Array.from({ length: 6 }, (_, i) =>
    busLeg(`r-${i}`, t0 + i * 10 * min, t0 + i * 10 * min + 5 * min, 1),
  ).flat();

  test('the fifth leg is still a (fourth) transfer and the sixth leg pays full', () => {
    const charges = rateTrip(sixLegs, policy).ratings.map((r) => r.chargeKrw);
    expect(charges).toEqual([1500, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1500, 0]);
  });

  test('with a policy of three transfers the fifth leg pays full', () => {
    const table = { ...seoulPolicy(), transfer: { ...policy.transfer, maxTransfers: 3 } };
    const charges = rateTrip(sixLegs.slice(0, 10), table).ratings.map((r) => r.chargeKrw);
    expect(charges.slice(8)).toEqual([1500, 0]);
  });

  test('transfer lines carry the journey of the first tap and the leg number', () => {
    const lines = rateTrip(sixLegs.slice(0, 4), policy).ratings.flatMap((r) => r.lines);
    expect(lines.map((l) => [l.journeyId, l.legNo])).toEqual([
      [sixLegs[0]?.id, 1],
      [sixLegs[0]?.id, 1],
      [sixLegs[0]?.id, 2],
      [sixLegs[0]?.id, 2],
    ]);
  });
});
