/**
 * @module firmware-bridge/nmea/reader
 * Streaming NMEA 0183 reader: bytes in (any chunking), fixes out. Splits lines on CR or LF, finds the
 * sentences in each line (binary bytes from other protocols may precede them), checks their frame,
 * decodes RMC/GGA/VTG/GSA/ZDA from any talker and merges each reporting cycle into one fix. Every
 * line is either accepted or counted under one rejection reason; nothing thrown on input.
 */
import { CycleMerger } from './cycle.ts';
import { decodeSentence } from './decode.ts';
import { frameSentence } from './sentence.ts';
import { emptyNmeaCounters } from './types.ts';
import type { NmeaCounters, NmeaFix, NmeaRejectReason } from './types.ts';

/** Longest line buffered; longer lines are counted as `too-long` without growing memory. */
const MAX_LINE_BYTES = 4096;
const CR = 0x0d;
const LF = 0x0a;
const DOLLAR = 0x24;
const BANG = 0x21;
const HASH = 0x23;

/** Called with each rejected line's reason, a detail (e.g. the bad field) and the line text. */
export type NmeaRejectListener = (reason: NmeaRejectReason, detail: string, line: string) => void;

/** Options of {@link NmeaReader}. */
export type NmeaReaderOptions = {
  /** Called once per rejected line, e.g. to log the first of each reason. */
  readonly onReject?: NmeaRejectListener;
};

type LineOutcome =
  { readonly accepted: true } | { readonly accepted: false; reason: NmeaRejectReason; detail: string };

/** Ranking of candidate outcomes within one line: the most nearly valid sentence decides. */
const REASON_RANK: Readonly<Record<NmeaRejectReason, number>> = {
  'other-sentence': 8,
  'bad-field': 7,
  'bad-checksum': 6,
  truncated: 5,
  'too-long': 4,
  'bad-address': 3,
  binary: 2,
  comment: 1,
  'no-sentence-start': 0,
};

/** A streaming NMEA reader. Feed it chunks with {@link push}; call {@link end} at end of input. */
export class NmeaReader {
  readonly counters: NmeaCounters = emptyNmeaCounters();
  readonly #merger = new CycleMerger();
  readonly #line = new Uint8Array(MAX_LINE_BYTES);
  #lineLength = 0;
  #overflow = false;
  readonly #onReject: NmeaRejectListener | undefined;

  constructor(options: NmeaReaderOptions = {}) {
    this.#onReject = options.onReject;
  }

  /** Feed bytes (or text); returns the fixes completed by them. */
  push(chunk: Uint8Array | string): NmeaFix[] {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    const out: NmeaFix[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] as number;
      if (b === CR || b === LF) {
        this.#endLine(out);
      } else if (this.#lineLength < MAX_LINE_BYTES) {
        this.#line[this.#lineLength++] = b;
      } else {
        this.#overflow = true;
      }
    }
    return out;
  }

  /** End of input: process a last unterminated line and report the cycle in progress. */
  end(): NmeaFix[] {
    const out: NmeaFix[] = [];
    this.#endLine(out);
    for (const fix of this.#merger.flush()) this.#emit(fix, out);
    return out;
  }

  #emit(fix: NmeaFix, out: NmeaFix[]): void {
    this.counters.fixes++;
    out.push(fix);
  }

  #endLine(out: NmeaFix[]): void {
    if (this.#lineLength === 0 && !this.#overflow) return;
    const line = Buffer.from(this.#line.subarray(0, this.#lineLength)).toString('latin1');
    const overflow = this.#overflow;
    this.#lineLength = 0;
    this.#overflow = false;
    this.counters.lines++;
    const outcome = overflow
      ? ({ accepted: false, reason: 'too-long', detail: `over ${MAX_LINE_BYTES} bytes` } as const)
      : this.#processLine(line, out);
    if (outcome.accepted) {
      this.counters.accepted++;
    } else {
      this.counters.rejected[outcome.reason]++;
      this.#onReject?.(outcome.reason, outcome.detail, line);
    }
  }

  #processLine(line: string, out: NmeaFix[]): LineOutcome {
    if (line.charCodeAt(0) === HASH) return { accepted: false, reason: 'comment', detail: '' };
    const starts: number[] = [];
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === DOLLAR || c === BANG) starts.push(i);
    }
    if (starts.length === 0) {
      this.counters.garbageBytes += line.length;
      return { accepted: false, reason: 'no-sentence-start', detail: '' };
    }
    this.counters.garbageBytes += starts[0] as number;
    let best: LineOutcome = { accepted: false, reason: 'no-sentence-start', detail: '' };
    for (let k = 0; k < starts.length; k++) {
      const candidate = line.slice(starts[k], starts[k + 1] ?? line.length);
      const outcome = this.#processCandidate(candidate, out);
      if (outcome.accepted) best = outcome;
      else if (!best.accepted && REASON_RANK[outcome.reason] >= REASON_RANK[best.reason]) best = outcome;
    }
    return best;
  }

  #processCandidate(candidate: string, out: NmeaFix[]): LineOutcome {
    const framed = frameSentence(candidate);
    if (!framed.ok) return { accepted: false, reason: framed.reason, detail: candidate.slice(0, 6) };
    const decoded = decodeSentence(framed.sentence);
    if (!decoded.ok) return { accepted: false, reason: 'bad-field', detail: decoded.field };
    this.counters.garbageBytes += framed.sentence.trailingBytes;
    if (!framed.sentence.checked) this.counters.unchecked++;
    for (const fix of this.#merger.push(decoded.report)) this.#emit(fix, out);
    return { accepted: true };
  }
}

/** Read a whole log (bytes or text) and return every fix and the counters. */
export function readNmeaLog(
  log: Uint8Array | string,
  options: NmeaReaderOptions = {},
): {
  fixes: NmeaFix[];
  counters: NmeaCounters;
} {
  const reader = new NmeaReader(options);
  const fixes = [...reader.push(log), ...reader.end()];
  return { fixes, counters: reader.counters };
}
