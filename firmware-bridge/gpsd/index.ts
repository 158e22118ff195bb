/**
 * @module firmware-bridge/gpsd
 * Door of the gpsd JSON protocol reader (pure; the socket is `adapters/tcp`).
 */
export { GpsdReader, decodeGpsdLine, GPSD_WATCH_COMMAND, GPSD_REJECT_REASONS } from './tpv-reader.ts';
export type { GpsdCounters, GpsdRejectReason, FixReaderCounters } from './tpv-reader.ts';
