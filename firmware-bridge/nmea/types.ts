/**
 * @module firmware-bridge/nmea/types
 * Shapes of the NMEA 0183 reader: decoded sentences, merged fixes and the rejection counters.
 */

/** Why a line was not used; each reason is its own counter (STYLE.md §11). */
export const NMEA_REJECT_REASONS = [
  /** The line holds no `$` or `!`: binary protocol bytes, a partial first line, noise. */
  'no-sentence-start',
  /** A `#` comment line, as gpsd's regression logs carry. */
  'comment',
  /** A byte outside printable ASCII inside the sentence body. */
  'binary',
  /** Longer than {@link NMEA_MAX_SENTENCE} characters (NMEA allows 82; receivers exceed it a little). */
  'too-long',
  /** Cut short: a checksum with fewer than two hex digits, or no checksum and too few fields. */
  'truncated',
  /** The checksum does not match the body. */
  'bad-checksum',
  /** The address field is not a talker and sentence type. */
  'bad-address',
  /** Well formed, but a sentence this reader does not use (GSV, GLL, AIS `!AIVDM`, proprietary...). */
  'other-sentence',
  /** A field that is present but unreadable or out of range (e.g. minutes >= 60, month 13). */
  'bad-field',
] as const;
export type NmeaRejectReason = (typeof NMEA_REJECT_REASONS)[number];

/** Longest sentence body (from `$` to before `*`) accepted. gpsd 3.22 uses NMEA_MAX = 102. */
export const NMEA_MAX_SENTENCE = 120;

/**
 * Counters of the reader. Invariant: `lines === accepted + sum(rejected)`. A line is a non-empty run
 * of bytes between CR/LF terminators (the empty "line" between CR and LF is not a line).
 */
export type NmeaCounters = {
  lines: number;
  /** Lines that carried an RMC, GGA, GLL, VTG, GSA or ZDA sentence that was decoded. */
  accepted: number;
  /** Of `accepted`, sentences that carried no checksum (accepted as gpsd does). */
  unchecked: number;
  /** Bytes dropped before a sentence start or after its checksum. */
  garbageBytes: number;
  /** Fixes (cycles with a position and mode >= 2) emitted. */
  fixes: number;
  rejected: Record<NmeaRejectReason, number>;
};

/** The sentence types this reader decodes. */
export type NmeaSentenceType = 'RMC' | 'GGA' | 'GLL' | 'VTG' | 'GSA' | 'ZDA';

/** A calendar date as the receiver sent it. */
export type NmeaDate = { readonly year: number; readonly month: number; readonly day: number };

/**
 * What one sentence says. Fields a sentence does not carry, or carries empty, are `undefined`, so a
 * cycle merge only overwrites what was actually reported.
 */
export type NmeaReport = {
  readonly type: NmeaSentenceType;
  readonly talker: string;
  /** UTC time of day in milliseconds. */
  readonly timeOfDayMs?: number;
  readonly date?: NmeaDate;
  readonly lat?: number;
  readonly lon?: number;
  readonly speedMps?: number;
  readonly trackDeg?: number;
  /** 1 no fix, 2 2D, 3 3D, as this sentence implies it (see cycle merge for the rules). */
  readonly mode?: 1 | 2 | 3;
  /** RMC with status A only says "at least 2D": it raises a lower mode but never lowers GGA's 3D. */
  readonly modeAtLeast?: 2;
  /** GGA fix quality 0-8. */
  readonly fixQuality?: number;
  readonly hdop?: number;
  readonly altitudeM?: number;
  readonly satellites?: number;
};

/** One reporting cycle's sentences merged into a fix. */
export type NmeaFix = {
  /** Receiver's date; null until an RMC or ZDA supplied one. */
  readonly date: NmeaDate | null;
  readonly timeOfDayMs: number;
  /** Epoch ms when the date is known, else null. */
  readonly timeMs: number | null;
  readonly lat: number;
  readonly lon: number;
  readonly speedMps: number | null;
  readonly trackDeg: number | null;
  readonly mode: 2 | 3;
  readonly fixQuality: number | null;
  readonly hdop: number | null;
  readonly altitudeM: number | null;
  readonly satellites: number | null;
  /** Sentence types merged into this fix, in arrival order. */
  readonly sentences: readonly NmeaSentenceType[];
};

/** A fresh set of counters. */
export function emptyNmeaCounters(): NmeaCounters {
  const rejected = Object.fromEntries(NMEA_REJECT_REASONS.map((r) => [r, 0])) as Record<
    NmeaRejectReason,
    number
  >;
  return { lines: 0, accepted: 0, unchecked: 0, garbageBytes: 0, fixes: 0, rejected };
}
