/**
 * @module center/incidents/lane-shares
 * One link's lanes at the station it is measured at: each lane's share of the station's flow over a
 * window spanning a signal cycle, and its learnt usual share. A blocked lane (a stalled car, a lane
 * closure) loses its share while its neighbours keep flowing, which the link's totals hide: traffic
 * moves over and the link's flow hardly drops. Flows of a window are summed before shares are taken,
 * so a red (every lane empty) and the green after it count as one cycle; the usual shares are
 * exponentially smoothed over windows judged normal, as the link's usual values are
 * (link-baseline.ts), so a lane that usually carries little (a turn lane) is judged against that.
 * Lanes are numbered as on the network, 0 the rightmost.
 */
import type { LinkStateRecord } from '../state/index.ts';

/** Thresholds of the lane test. */
export type LaneTestOptions = {
  /** A lane is starved when its flow is at most this share of what its usual share predicts. */
  readonly dropShare: number;
  /** ... and the flow its usual share predicts from the other lanes is at least this, veh/h. */
  readonly minExpectedVph: number;
  /** ... and the other lanes flow at least this share of their usual flow (they keep flowing). */
  readonly othersFlowingShare: number;
  /** ... and its occupancy is not above the other lanes' mean by more than this, points (a stuck-on loop, a turn queue). */
  readonly maxOccupancyOverOthersPct: number;
  /**
   * ... and so few vehicles over the window are this unlikely, at most, for a lane that flows as
   * usual: the chance of counting at most the lane's count (Poisson) when its mean is the smaller of
   * the flow predicted from the other lanes and the lane's own usual flow. A quiet lane's empty
   * window is an ordinary outcome, not a blockage.
   */
  readonly maxChance: number;
  /** The window's length, seconds (to turn flows into counts). */
  readonly windowS: number;
};

/** The chance that a Poisson count of mean `mean` is at most `k`. */
export function poissonAtMost(k: number, mean: number): number {
  if (mean <= 0) return 1;
  let term = Math.exp(-mean);
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term *= mean / i;
    sum += term;
  }
  return Math.min(1, sum);
}

type Lane = { flowVph: number; occupancyPct: number };

/** A lane found starved: its flow over the window, the flow predicted from the others, its own usual flow, veh/h, and the chance of so few vehicles. */
export type StarvedLane = {
  readonly lane: number;
  readonly flowVph: number;
  readonly expectedVph: number;
  readonly usualVph: number;
  readonly chance: number;
};

/** A link's window of per-lane intervals and the lanes' learnt usual shares. */
export class LaneShares {
  readonly #size: number;
  readonly #recent: (readonly {
    readonly lane: number;
    readonly flowVph: number;
    readonly occupancyPct: number;
  }[])[] = [];
  readonly #usualShare = new Map<number, number>();
  #usualFlowVph = 0;
  #learnt = 0;

  /** `size`: intervals in the window. */
  constructor(size: number) {
    this.#size = Math.max(1, size);
  }

  /** Add an interval (a state without lanes empties the window: an older edge, or no healthy loops). */
  push(state: LinkStateRecord): void {
    if (state.lanes === undefined || state.lanes.length < 2) {
      this.#recent.length = 0;
      return;
    }
    const lanes = state.lanes.map((l) => l.lane).join(',');
    // A lane's loop fell out (unhealthy) or came back: shares over different lane sets do not compare.
    if (this.#recent.length > 0 && this.#recent[0]?.map((l) => l.lane).join(',') !== lanes)
      this.#recent.length = 0;
    this.#recent.push(state.lanes);
    if (this.#recent.length > this.#size) this.#recent.shift();
  }

  /** Whether the window holds a full cycle's worth of intervals with lanes. */
  get full(): boolean {
    return this.#recent.length >= this.#size;
  }

  /** Windows learnt so far. */
  get learnt(): number {
    return this.#learnt;
  }

  /** Each lane's mean flow and occupancy over the window. */
  #window(): Map<number, Lane> {
    const out = new Map<number, Lane>();
    for (const interval of this.#recent) {
      for (const l of interval) {
        const w = out.get(l.lane) ?? { flowVph: 0, occupancyPct: 0 };
        w.flowVph += l.flowVph / this.#recent.length;
        w.occupancyPct += l.occupancyPct / this.#recent.length;
        out.set(l.lane, w);
      }
    }
    return out;
  }

  /** Learn the current window as normal: a running mean at first, then smoothing at `rate`. */
  learn(rate: number): void {
    if (!this.full) return;
    const w = this.#window();
    let total = 0;
    for (const l of w.values()) total += l.flowVph;
    // An empty window (night, a closure upstream) says nothing about how traffic splits.
    if (total <= 0) return;
    const a = Math.max(rate, 1 / (this.#learnt + 1));
    for (const [lane, l] of w) {
      const usual = this.#usualShare.get(lane);
      const share = l.flowVph / total;
      this.#usualShare.set(lane, usual === undefined ? share : usual + a * (share - usual));
    }
    this.#usualFlowVph = this.#learnt === 0 ? total : this.#usualFlowVph + a * (total - this.#usualFlowVph);
    this.#learnt++;
  }

  /**
   * The lanes starved over the window while the others keep flowing, lowest first; empty when none.
   * Taken one at a time: each next lane is judged against the lanes not yet found starved, so two
   * blocked lanes of four do not hide each other. At least one lane must keep flowing (a closure of
   * the whole link is the link's flow test's).
   */
  starvedLanes(o: LaneTestOptions): StarvedLane[] {
    if (!this.full) return [];
    const w = this.#window();
    const starved: StarvedLane[] = [];
    for (;;) {
      const others = [...w].filter(([lane]) => !starved.some((s) => s.lane === lane));
      let worst: (StarvedLane & { ratio: number }) | null = null;
      for (const [lane, l] of others) {
        const rest = others.filter(([x]) => x !== lane);
        if (rest.length === 0) continue;
        const share = this.#usualShare.get(lane) ?? 0;
        const restShare = rest.reduce((s, [x]) => s + (this.#usualShare.get(x) ?? 0), 0);
        const restFlow = rest.reduce((s, [, x]) => s + x.flowVph, 0);
        const restOcc = rest.reduce((s, [, x]) => s + x.occupancyPct, 0) / rest.length;
        if (restShare <= 0 || restFlow < o.othersFlowingShare * restShare * this.#usualFlowVph) continue;
        const expectedVph = (restFlow * share) / restShare;
        if (expectedVph < o.minExpectedVph || l.occupancyPct > restOcc + o.maxOccupancyOverOthersPct)
          continue;
        const ratio = l.flowVph / expectedVph;
        if (ratio > o.dropShare) continue;
        const perWindow = o.windowS / 3600;
        const usualVph = share * this.#usualFlowVph;
        const chance = poissonAtMost(
          Math.round(l.flowVph * perWindow),
          Math.min(expectedVph, usualVph) * perWindow,
        );
        if (chance > o.maxChance) continue;
        if (worst === null || ratio < worst.ratio)
          worst = { lane, flowVph: l.flowVph, expectedVph, usualVph, chance, ratio };
      }
      if (worst === null) return starved.sort((a, b) => a.lane - b.lane);
      const { ratio: _ratio, ...found } = worst;
      starved.push(found);
    }
  }
}
