/**
 * @module firmware-bridge/adapters/runtime/gps-runtime
 * Wires one GPS bridge: a byte source, a decoder (NMEA or gpsd JSON), the message factory and a
 * sink. Runs until the source ends (a file) or is stopped (live sources).
 */
import type { NmeaFix } from '../../nmea/index.ts';
import type { ByteSource } from '../stream/index.ts';

/** A streaming decoder of fixes: the NMEA reader or the gpsd JSON reader. */
export interface FixDecoder {
  push(chunk: Uint8Array): NmeaFix[];
  end(): NmeaFix[];
}

/** Options of {@link runFixStream}. */
export type FixStreamOptions = {
  readonly source: ByteSource;
  readonly decoder: FixDecoder;
  /** Called with each fix in order. */
  readonly onFix: (fix: NmeaFix) => void;
};

/** Pump a source through a decoder; resolves at the end of input (after the last cycle is flushed). */
export async function runFixStream(options: FixStreamOptions): Promise<void> {
  await options.source.run((chunk) => {
    for (const fix of options.decoder.push(chunk)) options.onFix(fix);
  });
  for (const fix of options.decoder.end()) options.onFix(fix);
}
