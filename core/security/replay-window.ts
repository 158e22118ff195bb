/**
 * @module core/security/replay-window
 * Replay and staleness checks on the message envelope (issue 11). Per device, a sliding window of the
 * last `windowSize` sequence numbers (the IPsec anti-replay window of RFC 4303 §3.4.3): a number seen
 * before, or older than the window, is a replay; numbers inside the window may arrive out of order
 * (a device's QoS 0 and QoS 1 topics interleave). Device timestamps must lie within a window around
 * `now`. A status message announcing a restart (`seqReset`) starts the count again, but only when it
 * is newer than the last restart, and messages stamped before that restart are then stale.
 */

/** Why the window refused a message. */
export type ReplayReason = 'replayed' | 'out-of-window' | 'stale' | 'future';

/** The envelope fields the window reads. */
export type ReplayEnvelope = {
  readonly deviceId: string;
  readonly seq: number;
  readonly ts: number;
  /** True for a status message announcing a device restart (`seqReset`). */
  readonly reset?: boolean;
};

/** Options of a {@link ReplayWindow}. */
export type ReplayWindowOptions = {
  /** Sequence numbers remembered per device. Default 128. */
  readonly windowSize?: number;
  /** Oldest device timestamp accepted, ms before now. Default 15 min (devices resend after an outage). */
  readonly maxAgeMs?: number;
  /** Furthest device timestamp accepted, ms after now (clock skew). Default 30 s. */
  readonly maxFutureSkewMs?: number;
};

const DEFAULTS = Object.freeze({ windowSize: 128, maxAgeMs: 15 * 60_000, maxFutureSkewMs: 30_000 });

type DeviceWindow = {
  highSeq: number;
  /** Slot `seq % windowSize` holds `seq` once seen. */
  readonly slots: Float64Array;
  /** Device timestamp of the last accepted restart, or -Infinity. */
  resetTs: number;
};

/** Outcome of {@link ReplayWindow.check}. */
export type ReplayVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: ReplayReason };

const ACCEPT: ReplayVerdict = Object.freeze({ ok: true });
const refuse = (reason: ReplayReason): ReplayVerdict => ({ ok: false, reason });

/** Per-device anti-replay windows. Memory: `windowSize` numbers per device. */
export class ReplayWindow {
  readonly #o: Required<ReplayWindowOptions>;
  readonly #devices = new Map<string, DeviceWindow>();

  constructor(options: ReplayWindowOptions = {}) {
    const o = { ...DEFAULTS, ...options };
    if (!Number.isInteger(o.windowSize) || o.windowSize < 1 || o.windowSize > 65_536) {
      throw new RangeError('windowSize must be an integer from 1 to 65536');
    }
    if (!(o.maxAgeMs > 0) || !(o.maxFutureSkewMs >= 0)) {
      throw new RangeError('maxAgeMs must be > 0 and maxFutureSkewMs >= 0');
    }
    this.#o = o;
  }

  /** Check one message at `nowMs`; an accepted message is remembered. */
  check(m: ReplayEnvelope, nowMs: number): ReplayVerdict {
    if (m.ts > nowMs + this.#o.maxFutureSkewMs) return refuse('future');
    if (m.ts < nowMs - this.#o.maxAgeMs) return refuse('stale');
    const w = this.#devices.get(m.deviceId);
    if (w === undefined) {
      const slots = new Float64Array(this.#o.windowSize).fill(-1);
      const fresh: DeviceWindow = { highSeq: m.seq, slots, resetTs: m.reset === true ? m.ts : -Infinity };
      this.#mark(fresh, m.seq);
      this.#devices.set(m.deviceId, fresh);
      return ACCEPT;
    }
    if (m.ts < w.resetTs) return refuse('stale');
    if (m.reset === true) {
      // A replayed restart announcement would reopen every old sequence number: only a newer one counts.
      if (m.ts <= w.resetTs) return refuse('replayed');
      w.resetTs = m.ts;
      w.slots.fill(-1);
      w.highSeq = m.seq;
      this.#mark(w, m.seq);
      return ACCEPT;
    }
    if (m.seq > w.highSeq) {
      w.highSeq = m.seq;
      this.#mark(w, m.seq);
      return ACCEPT;
    }
    if (m.seq <= w.highSeq - this.#o.windowSize) return refuse('out-of-window');
    if (w.slots[m.seq % this.#o.windowSize] === m.seq) return refuse('replayed');
    this.#mark(w, m.seq);
    return ACCEPT;
  }

  /** Devices with a window. */
  get size(): number {
    return this.#devices.size;
  }

  #mark(w: DeviceWindow, seq: number): void {
    w.slots[seq % this.#o.windowSize] = seq;
  }
}
