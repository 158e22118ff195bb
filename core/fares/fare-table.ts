/**
 * @module core/fares/fare-table
 * Schema and loader of the fare table file (`shared/data/fares/seoul-capital-area.json`): the Seoul
 * capital-area integrated distance fare and the Korea Expressway toll tariff, as data (sources in the
 * data folder's SOURCES.md). Parsed once with zod; a bad file fails with the field that is wrong.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { FileFormatError, ValidationError } from '../errors/index.ts';
import { issuesOf } from '../messages/index.ts';

const won = z.number().int('must be integer won').min(0);
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)');
const classFares = z.object({ adult: won, youth: won.optional(), child: won.optional() });

/** One distance band: +amount per `everyKm` (or part of it) travelled between `fromKm` and `toKm`. */
export const distanceBandSchema = z.object({
  fromKm: z.number().min(0),
  toKm: z.number().positive().nullable(),
  everyKm: z.number().positive(),
  adult: won,
  youth: won,
  child: won,
});

/** A night-surcharge window of taxis; `to` may be earlier than `from` (crosses midnight). */
export const taxiNightBandSchema = z.object({
  from: clockTime,
  to: clockTime,
  rate: z.number().min(0).max(2),
});

export const fareTableSchema = z.object({
  name: z.string(),
  currency: z.literal('KRW'),
  validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'),
  transit: z.object({
    riderClasses: z.array(z.enum(['adult', 'youth', 'child'])).min(1),
    baseFares: z.object({
      subway: classFares,
      trunkBus: classFares,
      branchBus: classFares,
      circulationBus: classFares,
      villageBus: classFares,
      lateNightBus: classFares,
      wideAreaBus: classFares,
    }),
    earlyMorningSubwayDiscount: z.object({ before: clockTime, rate: z.number().min(0).max(1) }),
    distance: z.object({
      baseKm: z.number().min(0),
      baseKmWhenWideAreaBusInTrip: z.number().min(0),
      surcharges: z.array(distanceBandSchema).min(1),
    }),
    transfer: z.object({
      windowMinutes: z.number().int().positive(),
      nightWindowMinutes: z.number().int().positive(),
      nightWindow: z.object({ from: clockTime, to: clockTime }),
      maxTransfers: z.number().int().min(0).max(10),
      sameRouteTransferAllowed: z.boolean(),
    }),
    taxi: z.object({
      baseFare: won,
      baseKm: z.number().min(0),
      perStepFare: won,
      stepMeters: z.number().positive(),
      slowTime: z.object({ belowKmh: z.number().positive(), everySeconds: z.number().positive(), fare: won }),
      nightSurchargeFrom: clockTime,
      /**
       * Not in the source file (it names only the 22:00 start): Seoul's 2023 rule is 20% 22-23 h and
       * 02-04 h, 40% 23-02 h (Yonhap 2023-02-01). Defaulted here; a table may override it.
       */
      nightBands: z.array(taxiNightBandSchema).optional(),
    }),
  }),
  toll: z.object({
    closedSystem: z.object({ baseFare: won }),
    openSystem: z.object({ baseFare: won }),
    ratePerKm: z.object({
      class1: z.number().positive(),
      class2: z.number().positive(),
      class3: z.number().positive(),
      class4: z.number().positive(),
      class5: z.number().positive(),
    }),
    lightCarDiscount: z.number().min(0).max(1),
    laneAdjustment: z.object({ sixOrMoreLanes: z.number().positive(), twoLanes: z.number().positive() }),
  }),
});

/** The fare table as parsed. */
export type FareTable = z.infer<typeof fareTableSchema>;

/** Validate a decoded fare table; throws {@link ValidationError} naming each bad field. */
export function parseFareTable(value: unknown, subject = 'fare table'): FareTable {
  const parsed = fareTableSchema.safeParse(value);
  if (!parsed.success) throw new ValidationError(subject, issuesOf(parsed.error));
  return parsed.data;
}

/** Read and validate a fare table file (JSON). */
export function loadFareTable(file: string): FareTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new FileFormatError(file, null, `cannot read fare table: ${(err as Error).message}`, {
      cause: err,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new FileFormatError(file, null, `not JSON: ${(err as Error).message}`, { cause: err });
  }
  return parseFareTable(value, file);
}
