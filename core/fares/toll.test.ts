/**
 * @module core/fares/toll.test
 * Expressway toll engine: closed and open systems, lane adjustment, light cars, rounding, missing
 * entries and plate billing.
 */
import { describe, expect, test } from 'vitest';
import type { TollPass } from '../messages/index.ts';
import {
  indexTollNetwork,
  kst,
  passOf,
  rateTollPasses,
  roundToll,
  seoulPolicy,
  TEST_TOLL_NETWORK,
} from './index.ts';

const policy = seoulPolicy();
const index = indexTollNetwork(TEST_TOLL_NETWORK);
const t0 = kst('2026-03-10T08:00');

const trip = (entry: string | null, exit: string, fields: Partial<TollPass> = {}): TollPass[] => [
  ...(entry === null ? [] : [passOf({ gantryId: entry, ts: t0, ...fields })]),
  passOf({ gantryId: exit, ts: t0 + 600_000, ...fields }),
];

describe('toll rounding to 100 won', () => {
  test.each([
    [1350, 1300],
    [1350.01, 1400],
    [1351, 1400],
    [1343, 1300],
    [1577.79, 1600],
    [900, 900],
  ])('%d won rounds to %d', (raw, rounded) => expect(roundToll(raw)).toBe(rounded));
});

describe('closed and open systems', () => {
  const cases: { name: string; passes: TollPass[]; charges: number[]; payer?: string; note?: string }[] = [
    {
      name: 'class 1, 10 km on four lanes: 900 + 443 = 1,343 -> 1,300',
      passes: trip('in-0', 'out-10'),
      charges: [0, 1300],
    },
    { name: 'class 1, 15.3 km: 1,577.79 -> 1,600', passes: trip('in-20', 'out-35'), charges: [0, 1600] },
    {
      name: 'class 5, 10 km: 900 + 744 = 1,644 -> 1,600',
      passes: trip('in-0', 'out-10', { vehicleClass: '5' }),
      charges: [0, 1600],
    },
    {
      name: 'light car pays half: 671.5 -> 700',
      passes: trip('in-0', 'out-10', { vehicleClass: 'light' }),
      charges: [0, 700],
    },
    {
      name: 'six or more lanes: per-km part x1.2 = 1,431.6 -> 1,400',
      passes: trip('six-in', 'six-out'),
      charges: [0, 1400],
    },
    {
      name: 'open plaza on a two-lane road: 720 + 20 x 44.3 x 0.5 = 1,163 -> 1,200',
      passes: trip(null, 'plaza'),
      charges: [1200],
    },
    {
      name: 'missing entry charges from the farthest entry (60 km -> 50 km from out-10)',
      passes: trip(null, 'out-10'),
      charges: [3100],
      note: undefined,
    },
    {
      name: 'no OBU: billed to the plate',
      passes: trip('in-0', 'out-10', { obuId: null, balanceKrw: null }),
      charges: [0, 1300],
      payer: 'plate:12가3456',
      note: 'unpaid-plate-billing',
    },
    {
      name: 'zero balance: billed to the plate',
      passes: trip('in-0', 'out-10', { balanceKrw: 0 }),
      charges: [0, 1300],
      payer: 'plate:12가3456',
    },
  ];
  test.each(cases)('$name', ({ passes, charges, payer, note }) => {
    const ratings = rateTollPasses(passes, index, policy);
    expect(ratings.map((r) => r.chargeKrw)).toEqual(charges);
    const last = ratings[ratings.length - 1];
    if (payer !== undefined) expect(last?.lines[0]?.payer).toBe(payer);
    if (note !== undefined) expect(last?.note).toBe(note);
  });

  test('an exit pairs with its entry whatever order the passes arrive in', () => {
    const passes = trip('in-20', 'out-35');
    expect(rateTollPasses([...passes].reverse(), index, policy)).toEqual(
      rateTollPasses(passes, index, policy),
    );
    const exitLine = rateTollPasses(passes, index, policy)[1]?.lines[0];
    expect(exitLine?.journeyId).toBe(passes[0]?.id);
    expect(exitLine?.reason).toBe('toll-closed');
  });

  test('an unknown gantry charges nothing and says why', () => {
    const [rating] = rateTollPasses([passOf({ gantryId: 'nowhere', ts: t0 })], index, policy);
    expect(rating?.chargeKrw).toBe(0);
    expect(rating?.note).toBe('unknown-gantry');
  });
});
