/**
 * @module firmware-bridge/nmea/sentence
 * Frame checks of one NMEA 0183 sentence (IEC 61162-1 §7): start character, address, checksum.
 * Returns the fields or the reason it is unusable; never throws.
 */
import { NMEA_MAX_SENTENCE } from './types.ts';
import type { NmeaRejectReason, NmeaSentenceType } from './types.ts';

/** A framed sentence: its talker, type and comma-separated fields (field 0 is the address). */
export type FramedSentence = {
  readonly talker: string;
  readonly type: NmeaSentenceType;
  readonly fields: readonly string[];
  /** False when the sentence carried no `*hh` checksum. */
  readonly checked: boolean;
  /** Bytes after the checksum that were ignored. */
  readonly trailingBytes: number;
};

export type FrameResult =
  | { readonly ok: true; readonly sentence: FramedSentence }
  | { readonly ok: false; readonly reason: NmeaRejectReason };

const DECODED: ReadonlySet<string> = new Set(['RMC', 'GGA', 'GLL', 'VTG', 'GSA', 'ZDA']);

/**
 * Field counts (after the address) of each sentence in its oldest full form. A sentence without a
 * checksum must carry at least these: a line cut short by a serial drop has no checksum either.
 */
const FULL_FIELDS: Readonly<Record<NmeaSentenceType, number>> = {
  RMC: 11,
  GGA: 14,
  GLL: 4,
  VTG: 8,
  GSA: 17,
  ZDA: 6,
};

const HEX = /^[0-9A-Fa-f]{2}$/;
const ADDRESS = /^[A-Z0-9]{3,8}$/;

function rejected(reason: NmeaRejectReason): FrameResult {
  return { ok: false, reason };
}

/** XOR of the characters between the start character and `*` (NMEA 0183 checksum). */
export function nmeaChecksum(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum ^= body.charCodeAt(i);
  return sum;
}

/**
 * Check the frame of a sentence candidate that starts with `$` or `!` and runs to the next start
 * character or the end of the line.
 *
 * Checksum policy: a sentence with `*` must carry two hex digits that match. A sentence without `*`
 * is accepted as gpsd 3.22 does (its packet sniffer only verifies a checksum that is present; the
 * HP 58534A in gpsd's hp58534a.log never sends one), but only with its full field count, so a line
 * truncated by a serial drop is rejected as `truncated` rather than read as a short sentence.
 */
export function frameSentence(candidate: string): FrameResult {
  const star = candidate.indexOf('*');
  const body = star < 0 ? candidate.trimEnd() : candidate.slice(0, star);
  let trailingBytes = 0;
  if (star >= 0) {
    const hex = candidate.slice(star + 1, star + 3);
    if (!HEX.test(hex)) return rejected('truncated');
    trailingBytes = candidate.length - (star + 3);
    for (let i = 1; i < body.length; i++) {
      const c = body.charCodeAt(i);
      if (c < 0x20 || c > 0x7e) return rejected('binary');
    }
    if (body.length > NMEA_MAX_SENTENCE) return rejected('too-long');
    if (nmeaChecksum(body.slice(1)) !== parseInt(hex, 16)) return rejected('bad-checksum');
  } else {
    for (let i = 1; i < body.length; i++) {
      const c = body.charCodeAt(i);
      if (c < 0x20 || c > 0x7e) return rejected('binary');
    }
    if (body.length > NMEA_MAX_SENTENCE) return rejected('too-long');
  }
  const fields = body.slice(1).split(',');
  const address = fields[0] ?? '';
  if (fields.length < 2) return rejected(address.length < 5 ? 'truncated' : 'bad-address');
  if (!ADDRESS.test(address)) return rejected('bad-address');
  if (candidate.startsWith('!') || address.startsWith('P') || address.length !== 5) {
    return rejected('other-sentence');
  }
  const type = address.slice(2);
  if (!DECODED.has(type)) return rejected('other-sentence');
  const decodedType = type as NmeaSentenceType;
  if (star < 0 && fields.length - 1 < FULL_FIELDS[decodedType]) return rejected('truncated');
  return {
    ok: true,
    sentence: { talker: address.slice(0, 2), type: decodedType, fields, checked: star >= 0, trailingBytes },
  };
}
