/**
 * @module core/fares/policy
 * A fare policy: the fare table resolved once into the shape the engines use (minutes, metres,
 * milliseconds, every rider class filled), plus options the table does not carry. Versioned so a
 * re-rating names the rules it used.
 */
import { ConfigError } from '../errors/index.ts';
import type { RiderClass, TransitMode } from '../messages/index.ts';
import type { FareTable } from './fare-table.ts';
import { minutesOf } from './local-time.ts';

/** Modes charged by the integrated distance fare (taxis have their own meter). */
export type TransitFareMode = Exclude<TransitMode, 'taxi'>;

/** A resolved distance band (metres, won per class). */
export type DistanceBand = {
  readonly fromM: number;
  readonly toM: number;
  readonly everyM: number;
  readonly krw: Readonly<Record<RiderClass, number>>;
};

/** Tunables not in the fare table. */
export type FarePolicyOptions = {
  /** Policy version recorded with every rating. Default: `<validFrom>`. */
  readonly version?: string;
  /** Local time offset of the fare area. Default 540 (Asia/Seoul, UTC+9, no DST). */
  readonly utcOffsetMinutes?: number;
  /**
   * Length (km) of a route, for the "maximum route surcharge" charged after a missing tap-out.
   * Routes not listed use `defaultRouteMaxKm`.
   */
  readonly routeMaxKm?: Readonly<Record<string, number>>;
  /** Route length assumed when a route is not in `routeMaxKm`. Default 50 km. */
  readonly defaultRouteMaxKm?: number;
};

/** Frozen defaults of {@link FarePolicyOptions}. */
export const DEFAULT_FARE_POLICY_OPTIONS = Object.freeze({
  utcOffsetMinutes: 540,
  defaultRouteMaxKm: 50,
});

const TAXI_NIGHT_BANDS_SEOUL_2023 = [
  { from: '22:00', to: '23:00', rate: 0.2 },
  { from: '23:00', to: '02:00', rate: 0.4 },
  { from: '02:00', to: '04:00', rate: 0.2 },
] as const;

/** Everything the fare and toll engines need, resolved. */
export type FarePolicy = {
  readonly version: string;
  readonly utcOffsetMs: number;
  /** Base fare per mode and class (classes missing from the table fall back to the adult fare). */
  readonly baseFares: Readonly<Record<TransitFareMode, Readonly<Record<RiderClass, number>>>>;
  readonly earlyMorningSubway: { readonly beforeMin: number; readonly rate: number };
  readonly baseM: number;
  readonly baseMWithWideAreaBus: number;
  readonly bands: readonly DistanceBand[];
  readonly transfer: {
    readonly windowMs: number;
    readonly nightWindowMs: number;
    readonly nightFromMin: number;
    readonly nightToMin: number;
    readonly maxTransfers: number;
    readonly sameRouteAllowed: boolean;
  };
  readonly taxi: {
    readonly baseKrw: number;
    readonly baseM: number;
    readonly stepKrw: number;
    readonly stepM: number;
    readonly slowBelowKmh: number;
    readonly slowEveryS: number;
    readonly slowKrw: number;
    readonly nightBands: readonly {
      readonly fromMin: number;
      readonly toMin: number;
      readonly rate: number;
    }[];
  };
  readonly routeMaxKm: Readonly<Record<string, number>>;
  readonly defaultRouteMaxKm: number;
  readonly toll: FareTable['toll'];
};

const CLASSES: readonly RiderClass[] = ['adult', 'youth', 'child'];

/** Resolve a fare table and options into a frozen {@link FarePolicy}; throws ConfigError on nonsense. */
export function farePolicyFromTable(table: FareTable, options: FarePolicyOptions = {}): FarePolicy {
  const o = { ...DEFAULT_FARE_POLICY_OPTIONS, ...options };
  if (!Number.isInteger(o.utcOffsetMinutes) || Math.abs(o.utcOffsetMinutes) > 14 * 60)
    throw new ConfigError('utcOffsetMinutes', `must be an integer within ±840, got ${o.utcOffsetMinutes}`);
  if (!(o.defaultRouteMaxKm >= 0)) throw new ConfigError('defaultRouteMaxKm', 'must be >= 0');
  const t = table.transit;
  const baseFares = {} as Record<TransitFareMode, Record<RiderClass, number>>;
  for (const [mode, fares] of Object.entries(t.baseFares) as [TransitFareMode, Record<string, number>][]) {
    const byClass = {} as Record<RiderClass, number>;
    for (const c of CLASSES) byClass[c] = fares[c] ?? fares.adult ?? 0;
    baseFares[mode] = byClass;
  }
  const bands = t.distance.surcharges.map((b) => ({
    fromM: Math.round(b.fromKm * 1000),
    toM: b.toKm === null ? Number.POSITIVE_INFINITY : Math.round(b.toKm * 1000),
    everyM: Math.round(b.everyKm * 1000),
    krw: { adult: b.adult, youth: b.youth, child: b.child },
  }));
  const nightBands = (t.taxi.nightBands ?? TAXI_NIGHT_BANDS_SEOUL_2023).map((b) => ({
    fromMin: minutesOf(b.from),
    toMin: minutesOf(b.to),
    rate: b.rate,
  }));
  return Object.freeze({
    version: o.version ?? `seoul-capital-area@${table.validFrom}`,
    utcOffsetMs: o.utcOffsetMinutes * 60_000,
    baseFares,
    earlyMorningSubway: {
      beforeMin: minutesOf(t.earlyMorningSubwayDiscount.before),
      rate: t.earlyMorningSubwayDiscount.rate,
    },
    baseM: Math.round(t.distance.baseKm * 1000),
    baseMWithWideAreaBus: Math.round(t.distance.baseKmWhenWideAreaBusInTrip * 1000),
    bands,
    transfer: {
      windowMs: t.transfer.windowMinutes * 60_000,
      nightWindowMs: t.transfer.nightWindowMinutes * 60_000,
      nightFromMin: minutesOf(t.transfer.nightWindow.from),
      nightToMin: minutesOf(t.transfer.nightWindow.to),
      maxTransfers: t.transfer.maxTransfers,
      sameRouteAllowed: t.transfer.sameRouteTransferAllowed,
    },
    taxi: {
      baseKrw: t.taxi.baseFare,
      baseM: Math.round(t.taxi.baseKm * 1000),
      stepKrw: t.taxi.perStepFare,
      stepM: t.taxi.stepMeters,
      slowBelowKmh: t.taxi.slowTime.belowKmh,
      slowEveryS: t.taxi.slowTime.everySeconds,
      slowKrw: t.taxi.slowTime.fare,
      nightBands,
    },
    routeMaxKm: { ...(o.routeMaxKm ?? {}) },
    defaultRouteMaxKm: o.defaultRouteMaxKm,
    toll: table.toll,
  });
}
