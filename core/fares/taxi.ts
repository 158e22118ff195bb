/**
 * @module core/fares/taxi
 * Seoul taxi meter (Yonhap 2023-02-01): 4,800 won for the first 1.6 km, +100 won per 131 m after that,
 * +100 won per 30 s driven below 15 km/h, and a night surcharge by the hour the fare is paid. Paid by
 * card, outside the transfer scheme. The total is rounded to 100 won as meters show it.
 */
import type { FarePolicy } from './policy.ts';
import { inDailyWindow, localMinuteOfDay } from './local-time.ts';

/** Inputs of one taxi ride. */
export type TaxiRide = {
  /** Distance driven, metres. */
  readonly distanceM: number;
  /** Seconds driven below the slow-time speed. */
  readonly slowS: number;
  /** When the fare is paid (epoch ms): sets the night surcharge. */
  readonly paidAtMs: number;
};

/** Night surcharge rate (0 by day) at an instant. */
export function taxiNightRate(tsMs: number, policy: FarePolicy): number {
  const minute = localMinuteOfDay(tsMs, policy.utcOffsetMs);
  for (const band of policy.taxi.nightBands) {
    if (inDailyWindow(minute, band.fromMin, band.toMin)) return band.rate;
  }
  return 0;
}

/** Fare of a taxi ride in integer won. */
export function taxiFareKrw(ride: TaxiRide, policy: FarePolicy): number {
  const t = policy.taxi;
  const distanceSteps = Math.floor(Math.max(0, ride.distanceM - t.baseM) / t.stepM);
  const slowSteps = Math.floor(Math.max(0, ride.slowS) / t.slowEveryS);
  const meter = t.baseKrw + distanceSteps * t.stepKrw + slowSteps * t.slowKrw;
  return Math.round((meter * (1 + taxiNightRate(ride.paidAtMs, policy))) / 100) * 100;
}
