/**
 * @module core/fares/test-support
 * Builders for fare tests and simulations: the shipped fare table as a policy, local (KST) times, and
 * taps and passes with sensible defaults. Not used by production code.
 */
import type { CardTap, TollPass } from '../messages/index.ts';
import { loadFareTable } from './fare-table.ts';
import type { FarePolicy, FarePolicyOptions } from './policy.ts';
import { farePolicyFromTable } from './policy.ts';
import type { TollNetwork } from './toll.ts';
import { sharedDataPath } from '../shared-data/index.ts';

/** Path of the shipped Seoul capital-area fare table. */
export const SEOUL_FARE_TABLE_FILE = sharedDataPath('fares', 'seoul-capital-area.json');

/** The Seoul policy from the shipped table. */
export function seoulPolicy(options: FarePolicyOptions = {}): FarePolicy {
  return farePolicyFromTable(loadFareTable(SEOUL_FARE_TABLE_FILE), options);
}

/** Epoch ms of a Korea Standard Time wall-clock time, `YYYY-MM-DDTHH:MM`. */
export function kst(local: string): number {
  return Date.parse(`${local}:00+09:00`);
}

let counter = 0;

/** A tap with defaults (adult, trunk bus, odometer 0); override what the case is about. */
export function tapOf(fields: Partial<CardTap> & Pick<CardTap, 'tap' | 'ts'>): CardTap {
  counter += 1;
  return {
    kind: 'tap',
    id: `tap-${String(counter).padStart(8, '0')}`,
    deviceId: 'reader-1',
    seq: counter,
    cardId: 'card-0001',
    mode: 'trunkBus',
    operatorId: 'op-bus',
    routeId: 'r-100',
    stopId: null,
    vehicleId: null,
    riderClass: 'adult',
    odometerKm: 0,
    chargedKrw: 0,
    balanceAfterKrw: 10_000,
    ...fields,
  };
}

/** A toll pass with defaults (class 1, OBU with a full purse). */
export function passOf(fields: Partial<TollPass> & Pick<TollPass, 'gantryId' | 'ts'>): TollPass {
  counter += 1;
  return {
    kind: 'toll.pass',
    id: `pass-${String(counter).padStart(8, '0')}`,
    deviceId: fields.gantryId,
    seq: counter,
    obuId: 'obu-0001',
    vehicleClass: '1',
    plate: '12가3456',
    lane: 1,
    balanceKrw: 50_000,
    ...fields,
  };
}

/** A small expressway network: a closed 4-lane road with entries at 0/20/60 km, and an open plaza. */
export const TEST_TOLL_NETWORK: TollNetwork = {
  roads: [
    { id: 'ex-1', operatorId: 'kec', system: 'closed', lanesEachWay: 2 },
    { id: 'ex-6', operatorId: 'kec', system: 'closed', lanesEachWay: 3 },
    { id: 'ring', operatorId: 'ring-co', system: 'open', lanesEachWay: 1 },
  ],
  gantries: [
    { id: 'in-0', tollRoadId: 'ex-1', role: 'entry', chainageKm: 0 },
    { id: 'in-20', tollRoadId: 'ex-1', role: 'entry', chainageKm: 20 },
    { id: 'in-60', tollRoadId: 'ex-1', role: 'entry', chainageKm: 60 },
    { id: 'out-10', tollRoadId: 'ex-1', role: 'exit', chainageKm: 10 },
    { id: 'out-35', tollRoadId: 'ex-1', role: 'exit', chainageKm: 35.3 },
    { id: 'six-in', tollRoadId: 'ex-6', role: 'entry', chainageKm: 0 },
    { id: 'six-out', tollRoadId: 'ex-6', role: 'exit', chainageKm: 10 },
    { id: 'plaza', tollRoadId: 'ring', role: 'plaza', chainageKm: 5, chargedKm: 20 },
  ],
};
