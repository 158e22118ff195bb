/**
 * @module firmware-bridge/ntcip/volume-occupancy
 * Tracks NTCIP 1202 volume/occupancy reports across polls. The controller increments
 * volumeOccupancySequence (0-255, wrapping) when a collection period completes; polling faster than
 * the period sees the same sequence again (a repeat, not a new report), polling slower skips numbers
 * (lost reports the controller no longer holds).
 */

/** detectorOccupancy codes above 200 (NTCIP 1202 v02 §2.3.5.4.2): 210-217 are detector faults. */
export const OCCUPANCY_FAULTS: Readonly<Record<number, string>> = Object.freeze({
  210: 'max-presence',
  211: 'no-activity',
  212: 'open-loop',
  213: 'shorted-loop',
  214: 'excessive-change',
  216: 'watchdog',
  217: 'erratic-output',
});

/** One poll of the volumeOccupancyReport. */
export type VolumeOccupancySample = {
  readonly sequence: number;
  readonly periodS: number;
  /** Index 0 = detector 1. `occupancy` is the raw 0-255 value. */
  readonly detectors: readonly { readonly volume: number; readonly occupancy: number }[];
};

/** One detector's completed interval. */
export type DetectorInterval = {
  readonly detector: number;
  readonly volume: number;
  /** 0-100 %, from the 0.5 % steps of detectorOccupancy; null when the detector reports a fault. */
  readonly occupancyPct: number | null;
  readonly fault: string | null;
};

/** What a poll revealed. */
export type VolumeOccupancyObservation =
  | { readonly kind: 'first' | 'new'; readonly lost: number; readonly intervals: readonly DetectorInterval[] }
  | { readonly kind: 'repeat' }
  | { readonly kind: 'invalid'; readonly reason: string };

/** Counters of the tracker. */
export type VolumeOccupancyCounters = {
  polls: number;
  reports: number;
  repeats: number;
  lost: number;
  invalid: number;
  faults: number;
};

function interval(detector: number, volume: number, raw: number): DetectorInterval {
  if (raw <= 200) return { detector, volume, occupancyPct: raw / 2, fault: null };
  return { detector, volume, occupancyPct: null, fault: OCCUPANCY_FAULTS[raw] ?? `code-${raw}` };
}

/** Sequence tracker of one controller's volume/occupancy reports. */
export class VolumeOccupancyTracker {
  #last: number | null = null;
  readonly counters: VolumeOccupancyCounters = {
    polls: 0,
    reports: 0,
    repeats: 0,
    lost: 0,
    invalid: 0,
    faults: 0,
  };

  /** Classify a poll and, when it holds a new report, return its intervals. */
  observe(sample: VolumeOccupancySample): VolumeOccupancyObservation {
    this.counters.polls++;
    const { sequence } = sample;
    if (!Number.isInteger(sequence) || sequence < 0 || sequence > 255) {
      this.counters.invalid++;
      return { kind: 'invalid', reason: `volumeOccupancySequence ${sequence} outside 0-255` };
    }
    if (!Number.isInteger(sample.periodS) || sample.periodS < 1) {
      this.counters.invalid++;
      return { kind: 'invalid', reason: `volumeOccupancyPeriod ${sample.periodS} s` };
    }
    const bad = sample.detectors.findIndex(
      (d) =>
        !Number.isInteger(d.volume) ||
        d.volume < 0 ||
        d.volume > 255 ||
        !Number.isInteger(d.occupancy) ||
        d.occupancy < 0 ||
        d.occupancy > 255,
    );
    if (bad >= 0) {
      this.counters.invalid++;
      return { kind: 'invalid', reason: `detector ${bad + 1} volume/occupancy outside 0-255` };
    }
    const previous = this.#last;
    if (previous === sequence) {
      this.counters.repeats++;
      return { kind: 'repeat' };
    }
    this.#last = sequence;
    const lost = previous === null ? 0 : ((sequence - previous + 256) % 256) - 1;
    this.counters.lost += lost;
    this.counters.reports++;
    const intervals = sample.detectors.map((d, i) => interval(i + 1, d.volume, d.occupancy));
    this.counters.faults += intervals.filter((x) => x.fault !== null).length;
    return { kind: previous === null ? 'first' : 'new', lost, intervals };
  }
}
