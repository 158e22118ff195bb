/**
 * @module edge/detectors/detector-state
 * What the detector processor keeps of one detector: its aggregator of actuation edges, the reports
 * waiting for their interval to close, the intervals closed so far (the history health and control
 * read), when it was last heard, and its health; and how a tick closes its intervals and folds late
 * reports into the one closed last.
 */
import type { Detector, DetectorHealth } from '../../core/index.ts';
import type { LaneAggregate } from './lane-aggregator.ts';
import { LaneAggregator } from './lane-aggregator.ts';

/** Closed intervals kept per detector: 20 minutes of 30 s intervals, more than any health test looks back. */
export const HISTORY_LENGTH = 40;

/** The processor's state of one detector. */
export type DetectorState = {
  readonly detector: Detector;
  readonly aggregator: LaneAggregator;
  /** The device's own reports by interval start, until their interval closes. */
  readonly reports: Map<number, LaneAggregate>;
  /** Closed intervals, oldest first, at most {@link HISTORY_LENGTH}. */
  history: LaneAggregate[];
  usesActuations: boolean;
  lastHeardMs: number | null;
  lastOnMs: number | null;
  health: DetectorHealth;
  healthSince: number;
  /**
   * Healthy, but held occupied by a queue standing across its station for the stuck-on window (the
   * test that would have called it stuck-on, standing-queue.ts): its link reads the queue's speed,
   * control leaves it out (edge/adaptive unit-tracker).
   */
  heldByQueue: boolean;
  /**
   * The loop's usual share of the vehicles its group's healthy loops count (its link's loops calling
   * the same signal unit), learnt while it is healthy (exponential average over intervals with
   * traffic); null until the first such interval, when it starts from an even share of the group.
   */
  linkShare: number | null;
};

/** Weight of one interval in a loop's learnt share of its link: about 10 minutes of memory. */
const LINK_SHARE_ALPHA = 0.05;

/**
 * Learn each healthy loop's share of its group (`groupOf`: the loops it is compared with) from one
 * closed interval's aggregates (loop -> its aggregate). A loop judged faulty keeps the share it had,
 * so a dead loop is still expected to count.
 */
export function learnLinkShares(
  states: ReadonlyMap<string, DetectorState>,
  interval: ReadonlyMap<string, LaneAggregate>,
  groupOf: (detectorId: string) => string = (id) => states.get(id)?.detector.linkId ?? '',
): void {
  const totals = new Map<string, { volume: number; loops: number }>();
  for (const [id, a] of interval) {
    const s = states.get(id);
    if (s === undefined || s.health !== 'ok') continue;
    const t = totals.get(groupOf(id)) ?? { volume: 0, loops: 0 };
    t.volume += a.volume;
    t.loops++;
    totals.set(groupOf(id), t);
  }
  for (const [id, a] of interval) {
    const s = states.get(id);
    const t = totals.get(groupOf(id));
    if (s === undefined || s.health !== 'ok' || t === undefined || t.volume === 0) continue;
    const share = s.linkShare ?? 1 / t.loops;
    s.linkShare = share + LINK_SHARE_ALPHA * (a.volume / t.volume - share);
  }
}

/** A detector's state before anything was heard of it: healthy since `sinceMs`. */
export function newDetectorState(detector: Detector, intervalS: number, sinceMs: number): DetectorState {
  return {
    detector,
    aggregator: new LaneAggregator({
      detectorId: detector.id,
      intervalS,
      effectiveLengthM: detector.lengthM + 5,
    }),
    reports: new Map(),
    history: [],
    usesActuations: false,
    lastHeardMs: null,
    lastOnMs: null,
    health: 'ok',
    heldByQueue: false,
    healthSince: sinceMs,
    linkShare: null,
  };
}

/**
 * Close the detector's intervals that end at or before `closeUntil`: its own reports, or its
 * actuation aggregates when it sends actuations, oldest first, appended to its history (trimmed).
 */
export function closeIntervals(s: DetectorState, closeUntil: number, intervalMs: number): LaneAggregate[] {
  const fromActuations = s.aggregator.close(closeUntil);
  const closed = new Map<number, LaneAggregate>();
  if (s.usesActuations) for (const a of fromActuations) closed.set(a.intervalStart, a);
  for (const [start, r] of s.reports) {
    if (start + intervalMs > closeUntil) continue;
    s.reports.delete(start);
    closed.set(start, r);
  }
  const sorted = [...closed.values()].sort((x, y) => x.intervalStart - y.intervalStart);
  s.history.push(...sorted);
  if (s.history.length > HISTORY_LENGTH) s.history = s.history.slice(-HISTORY_LENGTH);
  return sorted;
}

/**
 * Put the late reports for the interval closed last (`lastClosed`) into their detectors' history,
 * replacing what it had for that interval (the newest closed, so the history's last entry), and
 * return that interval as every detector now has it, by detector (empty with no correction).
 */
export function foldCorrections(
  states: ReadonlyMap<string, DetectorState>,
  corrections: readonly LaneAggregate[],
  lastClosed: number | null,
): Map<string, LaneAggregate> {
  const interval = new Map<string, LaneAggregate>();
  if (corrections.length === 0) return interval;
  for (const a of corrections) {
    const s = states.get(a.detectorId);
    if (s === undefined) continue;
    if (s.history.at(-1)?.intervalStart === a.intervalStart) s.history[s.history.length - 1] = a;
    else s.history.push(a);
  }
  for (const s of states.values()) {
    const last = s.history.at(-1);
    if (last !== undefined && last.intervalStart === lastClosed) interval.set(s.detector.id, last);
  }
  return interval;
}

/** A loop's flow over its last `intervals` closed intervals, veh/h; null before any (or no loop). */
export function recentFlowVph(s: DetectorState | undefined, intervals: number): number | null {
  const recent = s?.history.slice(-intervals) ?? [];
  const seconds = recent.reduce((sum, a) => sum + a.intervalS, 0);
  return seconds === 0 ? null : (recent.reduce((sum, a) => sum + a.volume, 0) * 3600) / seconds;
}
