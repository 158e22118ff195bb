/**
 * @module firmware-bridge/nmea/test-sentences
 * Builders of valid NMEA sentences for tests and the fuzz generator.
 */
import { nmeaChecksum } from './sentence.ts';

/** `$<body>*hh` with the correct checksum. */
export function withChecksum(body: string, start = '$'): string {
  return `${start}${body}*${nmeaChecksum(body).toString(16).toUpperCase().padStart(2, '0')}`;
}

/** A typical cycle of a GN receiver at `hhmmss`: RMC, VTG, GGA, GSA, each CRLF-terminated. */
export function sampleCycle(hhmmss: string, ddmmyy = '100117'): string {
  return [
    withChecksum(`GNRMC,${hhmmss}.00,A,4404.13387,N,12118.85628,W,0.029,,${ddmmyy},,,A`),
    withChecksum('GNVTG,,T,,M,0.029,N,0.053,K,A'),
    withChecksum(`GNGGA,${hhmmss}.00,4404.13387,N,12118.85628,W,1,12,1.01,1144.8,M,-21.4,M,,`),
    withChecksum('GNGSA,A,3,23,09,16,07,26,03,27,22,,,,,1.71,1.01,1.38'),
  ]
    .map((s) => `${s}\r\n`)
    .join('');
}
