/**
 * @module edge/detectors/link-flow
 * From closed lane intervals to link states, for the detector processor's tick: the closed aggregates
 * grouped by interval and by loop, the loops a loop is judged with (its link's, calling the same
 * signal unit), what a stop line is known by (its phase's green and its recent flow), and the link
 * states of an interval from the healthy loops only (./link-state.ts).
 */
import type { Detector, Link } from '../../core/index.ts';
import type { DetectorState } from './detector-state.ts';
import { recentFlowVph } from './detector-state.ts';
import type { LaneAggregate } from './lane-aggregator.ts';
import type { LinkStateItem, StopLineData, StopLineTimingOf } from './link-state.ts';
import { estimateLinkState } from './link-state.ts';

/** Intervals a stop line's flow is taken over: 5 minutes, two cycles or more of its bursts. */
const STOP_LINE_FLOW_INTERVALS = 10;

/** Closed aggregates by interval start, then by loop. */
export type ClosedIntervals = Map<number, Map<string, LaneAggregate>>;

/** What the edge knows of its stop lines: the phase's green (`timingOf`) and each loop's recent flow. */
export function stopLineData(
  states: ReadonlyMap<string, DetectorState>,
  timingOf: StopLineTimingOf,
): StopLineData {
  return { timingOf, flowOf: (id) => recentFlowVph(states.get(id), STOP_LINE_FLOW_INTERVALS) };
}

/**
 * The key of the loops a loop is judged against for stuck-off and learns its share from: its link's,
 * calling the same unit if it calls one (`unitOf`, absent: every loop of the link).
 */
export function loopGroupOf(
  states: ReadonlyMap<string, DetectorState>,
  unitOf: ((detectorId: string) => string | undefined) | undefined,
): (detectorId: string) => string {
  return (detectorId) => `${states.get(detectorId)?.detector.linkId ?? ''}|${unitOf?.(detectorId) ?? ''}`;
}

/** Add one loop's closed aggregate to its interval's group. */
export function addClosed(intervals: ClosedIntervals, detectorId: string, aggregate: LaneAggregate): void {
  const m = intervals.get(aggregate.intervalStart) ?? new Map<string, LaneAggregate>();
  m.set(detectorId, aggregate);
  intervals.set(aggregate.intervalStart, m);
}

/** The groups of closed intervals, oldest first. */
export function oldestFirst(intervals: ClosedIntervals): Map<string, LaneAggregate>[] {
  return [...intervals.entries()].sort(([a], [b]) => a - b).map(([, m]) => m);
}

/** The link-state inputs of a processor: its links, its loops and what it knows of stop lines. */
export type LinkFlowContext = {
  readonly links: readonly Link[];
  readonly states: ReadonlyMap<string, DetectorState>;
  readonly stopLine: StopLineData;
};

/**
 * The states of the links (of `only`, when given) over one interval (loop -> its aggregate), from the
 * loops that are healthy now; links with nothing to go by get none.
 */
export function healthyLinkStates(
  context: LinkFlowContext,
  interval: ReadonlyMap<string, LaneAggregate>,
  only?: ReadonlySet<string | undefined>,
): LinkStateItem[] {
  const { links, states, stopLine } = context;
  const detectors: Detector[] = [...states.values()].map((s) => s.detector);
  const healthy = new Map([...interval].filter(([id]) => states.get(id)?.health === 'ok'));
  const out: LinkStateItem[] = [];
  for (const link of links) {
    if (only !== undefined && !only.has(link.id)) continue;
    const state = estimateLinkState(link, detectors, healthy, stopLine);
    if (state !== null) out.push(state);
  }
  return out;
}
