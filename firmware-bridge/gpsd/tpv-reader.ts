/**
 * @module firmware-bridge/gpsd/tpv-reader
 * Streaming reader of gpsd's JSON protocol (gpsd_json(5)): one JSON object a line; `TPV` reports with
 * mode >= 2 become fixes of the same shape the NMEA reader produces. Other classes (VERSION, DEVICES,
 * WATCH, SKY...) are counted and skipped; nothing thrown on input.
 */
import { StringDecoder } from 'node:string_decoder';
import type { NmeaCounters, NmeaFix } from '../nmea/index.ts';

/** Why a gpsd line gave no fix; each is a counter. */
export const GPSD_REJECT_REASONS = ['not-json', 'too-long', 'other-class', 'no-fix', 'bad-field'] as const;
export type GpsdRejectReason = (typeof GPSD_REJECT_REASONS)[number];

/** Counters: `lines === fixes + sum(rejected)`. */
export type GpsdCounters = {
  lines: number;
  fixes: number;
  rejected: Record<GpsdRejectReason, number>;
};

/** The command that asks gpsd to stream JSON reports (gpsd_json(5), WATCH). */
export const GPSD_WATCH_COMMAND = '?WATCH={"enable":true,"json":true}\n';

const MAX_LINE = 16_384;
const DAY_MS = 86_400_000;

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** gpsd TPV `status` (2 DGPS, 3 RTK fixed, 4 RTK float) as an NMEA GGA quality. */
function qualityOf(status: unknown): number {
  switch (status) {
    case 2:
      return 2;
    case 3:
      return 4;
    case 4:
      return 5;
    default:
      return 1;
  }
}

/** Decode one gpsd JSON line. */
export function decodeGpsdLine(
  line: string,
): { ok: true; fix: NmeaFix } | { ok: false; reason: GpsdRejectReason } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'not-json' };
  }
  if (typeof value !== 'object' || value === null) return { ok: false, reason: 'not-json' };
  const tpv = value as Record<string, unknown>;
  if (tpv.class !== 'TPV') return { ok: false, reason: 'other-class' };
  const mode = tpv.mode;
  if (mode !== 2 && mode !== 3) return { ok: false, reason: 'no-fix' };
  const lat = num(tpv.lat);
  const lon = num(tpv.lon);
  const timeMs = typeof tpv.time === 'string' ? Date.parse(tpv.time) : NaN;
  if (lat === null || lon === null || Math.abs(lat) > 90 || Math.abs(lon) > 180 || !Number.isFinite(timeMs)) {
    return { ok: false, reason: 'bad-field' };
  }
  const d = new Date(timeMs);
  return {
    ok: true,
    fix: {
      date: { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() },
      timeOfDayMs: ((timeMs % DAY_MS) + DAY_MS) % DAY_MS,
      timeMs,
      lat,
      lon,
      speedMps: num(tpv.speed),
      trackDeg: num(tpv.track),
      mode,
      fixQuality: qualityOf(tpv.status),
      hdop: null,
      altitudeM: num(tpv.altMSL) ?? num(tpv.alt),
      satellites: null,
      sentences: [],
    },
  };
}

/** A streaming gpsd JSON reader with the same push/end shape as the NMEA reader. */
export class GpsdReader {
  readonly counters: GpsdCounters = {
    lines: 0,
    fixes: 0,
    rejected: Object.fromEntries(GPSD_REJECT_REASONS.map((r) => [r, 0])) as Record<GpsdRejectReason, number>,
  };
  #partial = '';
  /** Keeps a UTF-8 character split across chunks whole. */
  readonly #decoder = new StringDecoder('utf8');

  /** Feed bytes; returns the fixes of the complete lines among them. */
  push(chunk: Uint8Array | string): NmeaFix[] {
    const text =
      this.#partial + (typeof chunk === 'string' ? chunk : this.#decoder.write(Buffer.from(chunk)));
    const lines = text.split(/\r?\n/);
    this.#partial = lines.pop() ?? '';
    const out: NmeaFix[] = [];
    if (this.#partial.length > MAX_LINE) {
      this.#count(out, null);
      this.#partial = '';
    }
    for (const line of lines) if (line.trim() !== '') this.#count(out, line);
    return out;
  }

  /** End of input: decode a last unterminated line. */
  end(): NmeaFix[] {
    const out: NmeaFix[] = [];
    this.#partial += this.#decoder.end();
    if (this.#partial.trim() !== '') this.#count(out, this.#partial);
    this.#partial = '';
    return out;
  }

  #count(out: NmeaFix[], line: string | null): void {
    this.counters.lines++;
    const r = line === null ? ({ ok: false, reason: 'too-long' } as const) : decodeGpsdLine(line);
    if (r.ok) {
      this.counters.fixes++;
      out.push(r.fix);
    } else this.counters.rejected[r.reason]++;
  }
}

/** Counters of either reader, for a summary line. */
export type FixReaderCounters = NmeaCounters | GpsdCounters;
