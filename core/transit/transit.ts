/**
 * @module core/transit/transit
 * GTFS-shaped transit model (GTFS Schedule reference: agency, routes, stops, shapes, trips, stop_times,
 * frequencies), plus the links between transit and the road network that the simulator and bus
 * tracking need. Times of day are GTFS "HH:MM:SS" strings, which may pass 24:00:00.
 */
import { z } from 'zod';
import { entityId, latitude, longitude, transitMode } from '../messages/index.ts';
import { lonLat } from '../network/index.ts';

/** GTFS time of day; hours may exceed 23 for trips past midnight. */
export const gtfsTime = z.string().regex(/^\d{1,2}:[0-5]\d:[0-5]\d$/, 'must be H:MM:SS or HH:MM:SS');

/** GTFS ids are free text; we accept any printable id up to 128 characters. */
export const gtfsId = z.string().min(1).max(128);

export const agencySchema = z.strictObject({
  id: gtfsId,
  name: z.string().min(1),
  url: z.string().optional(),
  timezone: z.string().min(1),
});

export const transitRouteSchema = z.strictObject({
  id: gtfsId,
  agencyId: gtfsId.optional(),
  shortName: z.string().max(50),
  longName: z.string().max(200).default(''),
  /** GTFS route_type: 0 tram, 1 subway, 2 rail, 3 bus, ... */
  gtfsType: z.number().int().min(0).max(1702),
  /** Our fare mode; null when the fare tables do not cover the route (e.g. an imported foreign feed). */
  mode: transitMode.nullable().default(null),
  operatorId: entityId.nullable().default(null),
  region: entityId.nullable().default(null),
  /** Six hex digits without '#', as GTFS. */
  color: z
    .string()
    .regex(/^[0-9A-Fa-f]{6}$/)
    .default('FFFFFF'),
  textColor: z
    .string()
    .regex(/^[0-9A-Fa-f]{6}$/)
    .default('000000'),
  /** Road links a bus drives, per GTFS direction_id ("0"/"1"); absent for rail. */
  roadLinks: z.record(z.string(), z.array(entityId).min(1)).default({}),
  lowFloor: z.boolean().default(false),
  /** Seats plus standing capacity of one vehicle. */
  capacity: z.number().int().min(1).max(3000).default(80),
});
export type TransitRoute = z.infer<typeof transitRouteSchema>;

export const stopSchema = z.strictObject({
  id: gtfsId,
  name: z.string().min(1),
  nameEn: z.string().optional(),
  lat: latitude,
  lon: longitude,
  /** Road link the stop is on and its distance from the link start (bus stops in a road scenario). */
  linkId: entityId.optional(),
  positionM: z.number().min(0).optional(),
  /** GTFS location_type: 0 stop, 1 station. */
  locationType: z.number().int().min(0).max(4).default(0),
  parentStation: gtfsId.optional(),
});
export type Stop = z.infer<typeof stopSchema>;

export const shapeSchema = z.strictObject({
  id: gtfsId,
  points: z.array(lonLat).min(2),
});
export type Shape = z.infer<typeof shapeSchema>;

export const stopTimeSchema = z.strictObject({
  stopId: gtfsId,
  stopSequence: z.number().int().min(0),
  arrival: gtfsTime,
  departure: gtfsTime,
  /** Distance along the shape, metres, when known. */
  distM: z.number().min(0).optional(),
});
export type StopTime = z.infer<typeof stopTimeSchema>;

export const tripSchema = z.strictObject({
  id: gtfsId,
  routeId: gtfsId,
  serviceId: gtfsId,
  headsign: z.string().default(''),
  directionId: z.union([z.literal(0), z.literal(1)]).default(0),
  shapeId: gtfsId.optional(),
  stopTimes: z.array(stopTimeSchema).min(2),
});
export type Trip = z.infer<typeof tripSchema>;

/** GTFS frequencies.txt: the trip repeats every `headwayS` between start and end (times of its first stop). */
export const frequencySchema = z.strictObject({
  tripId: gtfsId,
  startTime: gtfsTime,
  endTime: gtfsTime,
  headwayS: z.number().int().min(30).max(7200),
});
export type Frequency = z.infer<typeof frequencySchema>;

export const serviceCalendarSchema = z.strictObject({
  serviceId: gtfsId,
  /** Monday..Sunday. */
  days: z.array(z.boolean()).length(7),
  startDate: z.string().regex(/^\d{8}$/, 'must be YYYYMMDD'),
  endDate: z.string().regex(/^\d{8}$/, 'must be YYYYMMDD'),
});

export const transitSchema = z.strictObject({
  agencies: z.array(agencySchema).min(1),
  routes: z.array(transitRouteSchema),
  stops: z.array(stopSchema),
  shapes: z.array(shapeSchema).default([]),
  trips: z.array(tripSchema),
  frequencies: z.array(frequencySchema).default([]),
  calendar: z.array(serviceCalendarSchema).default([]),
});
export type Transit = z.infer<typeof transitSchema>;

/** Seconds since midnight of a GTFS time string ("25:10:00" = 90600). */
export function gtfsTimeToSeconds(time: string): number {
  const [h, m, s] = time.split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
}

/** `HH:MM:SS` of seconds since the service day's midnight, rounded (hours may pass 24). */
export function secondsToGtfsTime(seconds: number): string {
  const t = Math.round(seconds);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(t / 3600))}:${pad(Math.floor((t % 3600) / 60))}:${pad(t % 60)}`;
}
