/**
 * @module simulator/devices/fare-types
 * Types the fare devices share.
 */
import type { CardTap, RiderClass, Scenario } from '../../core/index.ts';

export type { CardTap, RiderClass, Scenario };
/** The scenario's passenger demand with defaults applied. */
export type PassengerDemand = NonNullable<Scenario['demand']['passengers']>;
