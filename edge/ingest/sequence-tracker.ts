/**
 * @module edge/ingest/sequence-tracker
 * Per-device sequence numbers (BRIEF: contracts): each device counts `seq` up by one per message, so a
 * jump forward reveals loss, and a number at or below the last one a replay or reordering. A status
 * message with `seqReset` announces a restart, after which the count starts again from the device's
 * next message, whatever its number: a retained status (delivered on subscribing, perhaps long after
 * it was sent) is followed by the live stream at the number the device has reached since, and a
 * controller numbers its status apart from its SPaT. Taking the status's own `seq` as the base made
 * every edge start raise a false `sequence-gap` per controller (as many as the SPaT messages sent
 * between the controller's start and the edge's subscription).
 */

/** What one message's `seq` says about the stream of its device. */
export type SequenceVerdict =
  | { readonly kind: 'first' }
  /** The first message after a restart, which sets the new base. */
  | { readonly kind: 'rebased' }
  | { readonly kind: 'in-order' }
  | { readonly kind: 'gap'; readonly missing: number; readonly fromSeq: number; readonly toSeq: number }
  | { readonly kind: 'repeat' }
  | { readonly kind: 'late' }
  | { readonly kind: 'reset' };

/** Totals of what a {@link SequenceTracker} has seen for one device. */
export type DeviceSequenceStats = {
  readonly deviceId: string;
  readonly lastSeq: number;
  readonly received: number;
  readonly missing: number;
  readonly repeats: number;
  readonly late: number;
  readonly resets: number;
};

type DeviceState = {
  lastSeq: number;
  /** A restart was announced: the next message sets `lastSeq`, whatever its number. */
  rebase: boolean;
  received: number;
  missing: number;
  repeats: number;
  late: number;
  resets: number;
};

/**
 * Tracks the last sequence number of every device. Memory is one small record per device, which the
 * region's device list bounds.
 */
export class SequenceTracker {
  readonly #devices = new Map<string, DeviceState>();

  /**
   * Account for message `seq` from `deviceId`. `reset` is true for a status message announcing a
   * device restart: the device's next message sets the new base, whatever its number.
   */
  observe(deviceId: string, seq: number, reset = false): SequenceVerdict {
    const state = this.#devices.get(deviceId);
    if (state === undefined) {
      this.#devices.set(deviceId, {
        lastSeq: seq,
        rebase: reset,
        received: 1,
        missing: 0,
        repeats: 0,
        late: 0,
        resets: 0,
      });
      return { kind: 'first' };
    }
    state.received++;
    if (reset) {
      state.resets++;
      state.lastSeq = seq;
      state.rebase = true;
      return { kind: 'reset' };
    }
    if (state.rebase) {
      state.rebase = false;
      const next = seq === state.lastSeq + 1;
      state.lastSeq = seq;
      return next ? { kind: 'in-order' } : { kind: 'rebased' };
    }
    if (seq === state.lastSeq + 1) {
      state.lastSeq = seq;
      return { kind: 'in-order' };
    }
    if (seq === state.lastSeq) {
      state.repeats++;
      return { kind: 'repeat' };
    }
    if (seq < state.lastSeq) {
      // Either a reordered message (QoS 0 and QoS 1 topics of one device can interleave) or a restart
      // the status message has not announced yet; it was counted as missing when the gap opened.
      state.late++;
      if (state.missing > 0) state.missing--;
      return { kind: 'late' };
    }
    const missing = seq - state.lastSeq - 1;
    const verdict: SequenceVerdict = { kind: 'gap', missing, fromSeq: state.lastSeq + 1, toSeq: seq - 1 };
    state.missing += missing;
    state.lastSeq = seq;
    return verdict;
  }

  /** Forget a device (e.g. removed from the region). */
  forget(deviceId: string): void {
    this.#devices.delete(deviceId);
  }

  /** Per-device totals, sorted by device id. */
  stats(): DeviceSequenceStats[] {
    return [...this.#devices.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([deviceId, s]) => statsOf(deviceId, s));
  }

  /** Totals of one device, or undefined when never seen. */
  statsOf(deviceId: string): DeviceSequenceStats | undefined {
    const s = this.#devices.get(deviceId);
    return s === undefined ? undefined : statsOf(deviceId, s);
  }
}

function statsOf(deviceId: string, s: DeviceState): DeviceSequenceStats {
  const { lastSeq, received, missing, repeats, late, resets } = s;
  return { deviceId, lastSeq, received, missing, repeats, late, resets };
}
