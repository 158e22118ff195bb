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

/** Sequence numbers seen per device. */
export class DeviceCounters {
  readonly #seqs = new Map<string, number[]>();

  note(deviceId: string, seq: number): void {
    const list = this.#seqs.get(deviceId);
    if (list === undefined) this.#seqs.set(deviceId, [seq]);
    else list.push(seq);
  }

  /** One report per device, by device id. */
  report(): DeviceGapReport[] {
    const out: DeviceGapReport[] = [];
    for (const [deviceId, list] of [...this.#seqs].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const seqs = [...new Set(list)].sort((a, b) => a - b);
      const missing: [number, number][] = [];
      let missingCount = 0;
      for (let i = 1; i < seqs.length; i++) {
        const prev = seqs[i - 1] as number;
        const cur = seqs[i] as number;
        if (cur > prev + 1) {
          missing.push([prev + 1, cur - 1]);
          missingCount += cur - prev - 1;
        }
      }
      out.push({
        deviceId,
        received: list.length,
        firstSeq: seqs[0] ?? 0,
        lastSeq: seqs[seqs.length - 1] ?? 0,
        missing,
        missingCount,
      });
    }
    return out;
  }
}
