/**
 * @module firmware-bridge/nmea
 * Door of the NMEA 0183 reader: a pure streaming parser of GPS receiver output into merged fixes.
 */
export { NmeaReader, readNmeaLog } from './reader.ts';
export type { NmeaReaderOptions, NmeaRejectListener } from './reader.ts';
export { nmeaChecksum } from './sentence.ts';
export { NMEA_REJECT_REASONS, NMEA_MAX_SENTENCE, emptyNmeaCounters } from './types.ts';
export type { NmeaCounters, NmeaDate, NmeaFix, NmeaRejectReason, NmeaSentenceType } from './types.ts';
export { formatFixJson } from './fix-json.ts';
export type { FixJson } from './fix-json.ts';
export { compareWithGpsd, gpsdFixes, GPSD_TOLERANCE } from './gpsd-check.ts';
export type { GpsdComparison, GpsdTpv, TpvMismatch, TpvMismatchRecord } from './gpsd-check.ts';
