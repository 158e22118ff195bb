/**
 * @module edge/ledger/device-counters
 * Per-device message counters. Every field message carries a per-device sequence number (BRIEF:
 * contracts); a missing number is possible loss, reported as ranges so a reader that was offline can be
 * asked to upload again.
 */

/** What one device has delivered and which sequence numbers are missing between its first and last. */
export type DeviceGapReport = {
  readonly deviceId: string;
  readonly received: number;
  readonly firstSeq: number;
  readonly lastSeq: number;
  /** Inclusive ranges of missing sequence numbers. */
  readonly missing: readonly (readonly [number, number])[];
  readonly missingCount: number;
};

type Seen = { received: number; ranges: [number, number][] };

/**
 * Sequence numbers seen per device, kept as sorted inclusive ranges: a device that counts up without
 * loss is one range however many messages it sent, so memory follows the gaps, not the traffic.
 */
export class DeviceCounters {
  readonly #seen = new Map<string, Seen>();

  note(deviceId: string, seq: number): void {
    let seen = this.#seen.get(deviceId);
    if (seen === undefined) {
      seen = { received: 0, ranges: [] };
      this.#seen.set(deviceId, seen);
    }
    seen.received += 1;
    const ranges = seen.ranges;
    const last = ranges[ranges.length - 1];
    if (last !== undefined && seq === last[1] + 1) {
      last[1] = seq;
      return;
    }
    // First range whose end reaches seq - 1 (binary search), then insert or merge there.
    let lo = 0;
    let hi = ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ranges[mid] as [number, number])[1] < seq - 1) lo = mid + 1;
      else hi = mid;
    }
    const at = ranges[lo];
    if (at === undefined || at[0] > seq + 1) {
      ranges.splice(lo, 0, [seq, seq]);
      return;
    }
    at[0] = Math.min(at[0], seq);
    at[1] = Math.max(at[1], seq);
    const next = ranges[lo + 1];
    if (next !== undefined && next[0] <= at[1] + 1) {
      at[1] = Math.max(at[1], next[1]);
      ranges.splice(lo + 1, 1);
    }
  }

  /** One report per device, by device id. */
  report(): DeviceGapReport[] {
    const out: DeviceGapReport[] = [];
    for (const [deviceId, seen] of [...this.#seen].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const missing: [number, number][] = [];
      let missingCount = 0;
      for (let i = 1; i < seen.ranges.length; i++) {
        const from = (seen.ranges[i - 1] as [number, number])[1] + 1;
        const to = (seen.ranges[i] as [number, number])[0] - 1;
        missing.push([from, to]);
        missingCount += to - from + 1;
      }
      out.push({
        deviceId,
        received: seen.received,
        firstSeq: seen.ranges[0]?.[0] ?? 0,
        lastSeq: seen.ranges[seen.ranges.length - 1]?.[1] ?? 0,
        missing,
        missingCount,
      });
    }
    return out;
  }
}
