/**
 * @module core/gtfs/import
 * Turn a GTFS Schedule feed (a directory of .txt files) into the `transit` section of a scenario,
 * checked against `transitSchema`. A missing required file or a bad line is a FileFormatError naming
 * the file and line; what the model cannot hold is counted in the summary, not silently lost.
 */
import { existsSync, statSync } from 'node:fs';
import { FileFormatError, ValidationError } from '../errors/index.ts';
import { issuesOf } from '../messages/index.ts';
import { transitSchema } from '../transit/index.ts';
import type { Transit } from '../transit/index.ts';
import { readCalendars } from './calendar.ts';
import { readAgencies, readRoutes, readStops } from './feed-entities.ts';
import { readFrequencies, readTrips } from './schedule.ts';
import { readShapes } from './shapes.ts';

/** Counts of what was imported, and of what was left out and why. */
export type GtfsImportSummary = {
  readonly agencies: number;
  readonly routes: number;
  readonly stops: number;
  readonly trips: number;
  readonly stopTimes: number;
  readonly shapes: number;
  readonly shapePoints: number;
  readonly frequencies: number;
  readonly services: number;
  readonly skipped: {
    /** location_type 3/4 entries without a position. */
    readonly stopsWithoutPosition: number;
    readonly tripsWithFewerThanTwoStops: number;
    readonly shapesWithFewerThanTwoPoints: number;
    /** calendar_dates exceptions a weekly pattern cannot express. */
    readonly calendarExceptions: number;
  };
};

/** A feed turned into a transit section. */
export type GtfsImport = { readonly transit: Transit; readonly summary: GtfsImportSummary };

/** Import the GTFS feed in `dir`. */
export function importGtfs(dir: string): GtfsImport {
  if (!existsSync(dir)) throw new FileFormatError(dir, null, 'no such directory');
  if (!statSync(dir).isDirectory())
    throw new FileFormatError(
      dir,
      null,
      'not a directory (a GTFS feed is a directory of .txt files; unzip it first)',
    );
  const agencies = readAgencies(dir);
  const routes = readRoutes(dir, agencies);
  const { stops, skipped: stopsSkipped } = readStops(dir);
  const { calendar, exceptionsIgnored } = readCalendars(dir);
  const shapes = readShapes(dir);
  const { trips, stopTimes, dropped } = readTrips(dir, {
    routeIds: new Set(routes.map((r) => r.id)),
    stopIds: new Set(stops.map((s) => s.id)),
    serviceIds: new Set(calendar.map((c) => c.serviceId)),
    shapeIds: shapes.present ? new Set(shapes.shapes.map((s) => s.id)) : null,
    droppedShapeIds: shapes.dropped,
  });
  const frequencies = readFrequencies(dir, new Set(trips.map((t) => t.id)));
  const parsed = transitSchema.safeParse({
    agencies,
    routes,
    stops,
    shapes: shapes.shapes,
    trips,
    frequencies,
    calendar,
  });
  if (!parsed.success) throw new ValidationError(`GTFS feed ${dir}`, issuesOf(parsed.error));
  return {
    transit: parsed.data,
    summary: {
      agencies: agencies.length,
      routes: routes.length,
      stops: stops.length,
      trips: trips.length,
      stopTimes,
      shapes: shapes.shapes.length,
      shapePoints: shapes.points,
      frequencies: frequencies.length,
      services: calendar.length,
      skipped: {
        stopsWithoutPosition: stopsSkipped,
        tripsWithFewerThanTwoStops: dropped,
        shapesWithFewerThanTwoPoints: shapes.dropped.size,
        calendarExceptions: exceptionsIgnored,
      },
    },
  };
}
