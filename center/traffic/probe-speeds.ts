/**
 * @module center/traffic/probe-speeds
 * A link's travel time from bus probes: `probeLinkEstimate` is a plain function of the link's recent
 * traversals and the clock. Each bus's moving time (dwell at stops taken out, probe-tracker.ts) is
 * weighted by recency, halving every `halfLifeMs`, and traversals older than `maxAgeMs` expire, so a
 * link's probe speed follows the buses of the last quarter hour and vanishes when none has passed.
 * The mean is of travel times, not of speeds (the space-mean speed a router needs). A bus still on
 * the link whose time there already exceeds that mean is counted at its time so far, a lower bound:
 * buses held in a queue slow the link before any leaves it. Moving times below `minShareOfFreeFlow`
 * of the free-flow time (faster than 4/3 of the limit) are taken at that bound, as GPS artefacts.
 * `LinkProbes` follows the buses and keeps the recent traversals per link for the function.
 */
import type { StopEventRecord, VehicleRecord } from '../state/index.ts';
import type { BusPaths } from './bus-paths.ts';
import { ProbeTracker, type ProbeTrackerOptions, type ProbeTraversal } from './probe-tracker.ts';

/** A link's speed from bus probes. */
export type ProbeLinkEstimate = {
  readonly travelTimeS: number;
  readonly speedKmh: number;
  /** Buses the estimate rests on (completed traversals and buses still on the link). */
  readonly buses: number;
  /** Newest data time used, epoch ms. */
  readonly newestAt: number;
};

/** Options of {@link probeLinkEstimate}. */
export type ProbeEstimateOptions = {
  /** Traversals older than this (by exit time) are ignored. Default 15 min: two or three headways. */
  readonly maxAgeMs?: number;
  /** Weight halves every this many ms of age. Default 5 min. */
  readonly halfLifeMs?: number;
  /** Moving times are taken at no less than this share of the free-flow time. Default 0.75. */
  readonly minShareOfFreeFlow?: number;
};

const DEFAULTS: Readonly<Required<ProbeEstimateOptions>> = Object.freeze({
  maxAgeMs: 900_000,
  halfLifeMs: 300_000,
  minShareOfFreeFlow: 0.75,
});

/**
 * A link's probe travel time at `nowMs` from its traversals (complete ones, and buses still on it),
 * or null when no fresh one exists.
 */
export function probeLinkEstimate(
  link: { readonly lengthM: number; readonly speedLimitKmh: number },
  traversals: Iterable<ProbeTraversal>,
  nowMs: number,
  options: ProbeEstimateOptions = {},
): ProbeLinkEstimate | null {
  const o = { ...DEFAULTS, ...options };
  const floorS = (o.minShareOfFreeFlow * link.lengthM) / (link.speedLimitKmh / 3.6);
  let w = 0;
  let wt = 0;
  let buses = 0;
  let newestAt = -Infinity;
  const running: ProbeTraversal[] = [];
  for (const t of traversals) {
    const age = nowMs - t.exitedAt;
    if (age > o.maxAgeMs || age < -o.maxAgeMs) continue;
    if (!t.complete) {
      running.push(t);
      continue;
    }
    const weight = 0.5 ** (Math.max(0, age) / o.halfLifeMs);
    w += weight;
    wt += weight * Math.max(floorS, t.movingS);
    buses++;
    newestAt = Math.max(newestAt, t.exitedAt);
  }
  const completedMean = w > 0 ? wt / w : floorS / o.minShareOfFreeFlow;
  for (const t of running) {
    // A lower bound tells something only where it exceeds what the completed ones say.
    if (t.movingS <= completedMean) continue;
    const weight = 0.5 ** (Math.max(0, nowMs - t.exitedAt) / o.halfLifeMs);
    w += weight;
    wt += weight * t.movingS;
    buses++;
    newestAt = Math.max(newestAt, t.exitedAt);
  }
  if (w === 0) return null;
  const travelTimeS = wt / w;
  return { travelTimeS, speedKmh: (link.lengthM / travelTimeS) * 3.6, buses, newestAt };
}

/** Options of {@link LinkProbes}. */
export type LinkProbesOptions = ProbeTrackerOptions & {
  readonly estimate?: ProbeEstimateOptions;
  /** Complete traversals kept per link (the newest). Default 16. */
  readonly perLink?: number;
};

/**
 * Bus probes of a network: follows each bus (probe-tracker.ts), keeps each link's recent traversals
 * and answers each link's estimate now.
 */
export class LinkProbes {
  readonly #tracker: ProbeTracker;
  readonly #byLink = new Map<string, ProbeTraversal[]>();
  readonly #running = new Map<string, ProbeTraversal[]>();
  #runningAt = Number.NaN;
  readonly #o: LinkProbesOptions;

  constructor(paths: BusPaths, options: LinkProbesOptions = {}) {
    this.#tracker = new ProbeTracker(paths, options);
    this.#o = options;
  }

  /** A bus stop event (dwell bounds). */
  observeStopEvent(e: StopEventRecord): void {
    this.#tracker.observeStopEvent(e);
  }

  /** A bus fix; returns the traversals it completed. */
  observeProgress(v: VehicleRecord): ProbeTraversal[] {
    const done = this.#tracker.observeProgress(v);
    const perLink = this.#o.perLink ?? 16;
    for (const t of done) {
      const list = this.#byLink.get(t.linkId) ?? [];
      list.push(t);
      if (list.length > perLink) list.shift();
      this.#byLink.set(t.linkId, list);
    }
    this.#runningAt = Number.NaN;
    return done;
  }

  /** The traversal a bus is on now (a lower bound of its time there), or null. */
  runningOf(vehicleId: string, nowMs: number): ProbeTraversal | null {
    return this.#tracker.runningOf(vehicleId, nowMs);
  }

  /** The kept complete traversals of a link, oldest first. */
  completed(linkId: string): readonly ProbeTraversal[] {
    return this.#byLink.get(linkId) ?? [];
  }

  /** Buses on a link now (lower bounds of their times there). */
  running(linkId: string, nowMs: number): readonly ProbeTraversal[] {
    if (this.#runningAt !== nowMs) {
      this.#tracker.expire(nowMs);
      this.#running.clear();
      for (const t of this.#tracker.inProgress(nowMs))
        this.#running.set(t.linkId, [...(this.#running.get(t.linkId) ?? []), t]);
      this.#runningAt = nowMs;
    }
    return this.#running.get(linkId) ?? [];
  }

  /** A link's probe estimate now, or null. */
  estimate(
    link: { readonly id: string; readonly lengthM: number; readonly speedLimitKmh: number },
    nowMs: number,
  ): ProbeLinkEstimate | null {
    const done = this.#byLink.get(link.id);
    const running = this.running(link.id, nowMs);
    if (done === undefined && running.length === 0) return null;
    return probeLinkEstimate(link, [...(done ?? []), ...running], nowMs, this.#o.estimate);
  }
}
