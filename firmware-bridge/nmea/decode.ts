/**
 * @module firmware-bridge/nmea/decode
 * Decoders of the five sentences the reader uses (NMEA 0183 v2.x-4.x; field layouts as gpsd's
 * driver_nmea0183.c documents them). Empty fields are "not reported"; malformed ones reject the line.
 */
import {
  KNOTS_TO_MPS,
  readAngle,
  readDayMonthYear,
  readDdmmyy,
  readNumber,
  readTimeOfDay,
} from './fields.ts';
import type { FramedSentence } from './sentence.ts';
import type { NmeaReport } from './types.ts';

/** A decoded report, or the name of the first malformed field. */
export type DecodeResult =
  { readonly ok: true; readonly report: NmeaReport } | { readonly ok: false; readonly field: string };

class BadField extends Error {
  readonly field: string;
  constructor(field: string) {
    super(field);
    this.field = field;
  }
}

function must<T>(value: T | null, field: string): T {
  if (value === null) throw new BadField(field);
  return value;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function setIf<K extends keyof NmeaReport>(r: Mutable<NmeaReport>, key: K, v: NmeaReport[K]): void {
  if (v !== undefined) r[key] = v;
}

function position(r: Mutable<NmeaReport>, f: readonly string[], at: number, type: string): void {
  const lat = must(readAngle(f[at], f[at + 1], 'N', 'S', 90), `${type}.latitude`);
  const lon = must(readAngle(f[at + 2], f[at + 3], 'E', 'W', 180), `${type}.longitude`);
  if (lat !== undefined && lon !== undefined) {
    r.lat = lat;
    r.lon = lon;
  }
}

/** $--RMC,time,status,lat,N,lon,E,speedKn,trackDeg,ddmmyy,magvar,E[,faaMode[,navStatus]] */
function rmc(r: Mutable<NmeaReport>, f: readonly string[]): void {
  setIf(r, 'timeOfDayMs', must(readTimeOfDay(f[1]), 'RMC.time'));
  setIf(r, 'date', must(readDdmmyy(f[9]), 'RMC.date'));
  const status = f[2];
  // FAA mode N (not valid) or E (dead reckoning) overrides an A status (NMEA 2.3).
  const faa = f[12] ?? '';
  if (status !== 'A' || faa === 'N' || faa === 'E') {
    r.mode = 1;
    return;
  }
  position(r, f, 3, 'RMC');
  if (r.lat === undefined) return;
  r.modeAtLeast = 2;
  const speedKn = must(readNumber(f[7]), 'RMC.speed');
  if (speedKn !== undefined) r.speedMps = Math.abs(speedKn) * KNOTS_TO_MPS;
  const track = must(readNumber(f[8]), 'RMC.track');
  if (track !== undefined) r.trackDeg = track;
}

/** $--GGA,time,lat,N,lon,E,quality,sats,hdop,altM,M,geoidM,M,dgpsAge,dgpsStation */
function gga(r: Mutable<NmeaReport>, f: readonly string[]): void {
  setIf(r, 'timeOfDayMs', must(readTimeOfDay(f[1]), 'GGA.time'));
  const quality = must(readNumber(f[6]), 'GGA.quality');
  if (quality === undefined) return;
  if (!Number.isInteger(quality) || quality < 0 || quality > 8) throw new BadField('GGA.quality');
  r.fixQuality = quality;
  const sats = must(readNumber(f[7]), 'GGA.satellites');
  if (sats !== undefined) r.satellites = sats;
  const hdop = must(readNumber(f[8]), 'GGA.hdop');
  if (hdop !== undefined && hdop >= 0) r.hdop = hdop;
  if (quality === 0) {
    r.mode = 1;
    return;
  }
  position(r, f, 2, 'GGA');
  if (r.lat === undefined) return;
  const alt = must(readNumber(f[9]), 'GGA.altitude');
  if (alt !== undefined) r.altitudeM = alt;
  // SiRF chips before 2.2 leave altitude empty: at most a 2D fix (gpsd processGGA).
  r.mode = alt === undefined ? 2 : 3;
}

/**
 * $--GLL,lat,N,lon,E[,time,status[,faaMode]]. Older receivers (Garmin 65) omit time and status; a
 * GLL without status counts as valid, as gpsd reads it.
 */
function gll(r: Mutable<NmeaReport>, f: readonly string[]): void {
  setIf(r, 'timeOfDayMs', must(readTimeOfDay(f[5]), 'GLL.time'));
  const status = f[6] ?? 'A';
  const faa = f[7] ?? '';
  if ((status !== 'A' && status !== '') || faa === 'N' || faa === 'E') return;
  position(r, f, 1, 'GLL');
  if (r.lat !== undefined) r.modeAtLeast = 2;
}

/** $--VTG,trackT,T,trackM,M,speedKn,N,speedKmh,K[,faaMode] */
function vtg(r: Mutable<NmeaReport>, f: readonly string[]): void {
  if (f[9] === 'N') return;
  const track = must(readNumber(f[1]), 'VTG.track');
  if (track !== undefined) r.trackDeg = track;
  const kn = must(readNumber(f[5]), 'VTG.speedKnots');
  const kmh = must(readNumber(f[7]), 'VTG.speedKmh');
  if (kn !== undefined) r.speedMps = Math.abs(kn) * KNOTS_TO_MPS;
  else if (kmh !== undefined) r.speedMps = Math.abs(kmh) / 3.6;
}

/** $--GSA,selection,mode,sv1..sv12,pdop,hdop,vdop[,systemId] */
function gsa(r: Mutable<NmeaReport>, f: readonly string[]): void {
  const mode = f[2];
  if (mode === '1' || mode === '2' || mode === '3') r.mode = Number(mode) as 1 | 2 | 3;
  else if (mode !== undefined && mode !== '') throw new BadField('GSA.mode');
  const hdop = must(readNumber(f[16]), 'GSA.hdop');
  if (hdop !== undefined && hdop >= 0) r.hdop = hdop;
}

/** $--ZDA,time,day,month,year,zoneH,zoneMin */
function zda(r: Mutable<NmeaReport>, f: readonly string[]): void {
  setIf(r, 'timeOfDayMs', must(readTimeOfDay(f[1]), 'ZDA.time'));
  setIf(r, 'date', must(readDayMonthYear(f[2], f[3], f[4]), 'ZDA.date'));
}

const DECODERS = { RMC: rmc, GGA: gga, GLL: gll, VTG: vtg, GSA: gsa, ZDA: zda } as const;

/** Decode a framed sentence into what it reports. */
export function decodeSentence(sentence: FramedSentence): DecodeResult {
  const report: Mutable<NmeaReport> = { type: sentence.type, talker: sentence.talker };
  try {
    DECODERS[sentence.type](report, sentence.fields);
  } catch (err) {
    if (err instanceof BadField) return { ok: false, field: err.field };
    throw err;
  }
  return { ok: true, report };
}
