/**
 * @module center/incidents/probe-drop
 * Incident detection from bus probes: buses crawling or stopped on a link well beyond what earlier
 * buses took there, dwell at stops taken out (center/traffic's probe tracker). It sees blockages that
 * no loop sees (mid-link, on links without loops), but only where buses run and only if they are held:
 * a bus in the curb lane passes a car stalled in the lane beside it.
 * The controls are the loop detector's (incident-detector.ts):
 * - each link's usual moving time is learnt from its own buses (exponential smoothing over the
 *   traversals judged normal), and nothing is judged before `learnBuses` have been seen, so a link's
 *   recurrent congestion is its usual, not an incident;
 * - a bus is slow when its time on the link, complete or so far, is at least `slowShare` times the
 *   usual and `slowMarginS` more than it: more than a missed green (the longest cycle is 160 s);
 * - and held: it stood still in one place (outside its stop dwells) for `heldS` in one go. A signal
 *   holds a bus for one red at a time, even where a turn is oversaturated and its queue takes several
 *   cycles to clear: the queue advances at each green. Such a queue (the demo city's protected left
 *   turn at Seocho Station, a 16 s phase in a 140 s cycle, which route 4412's buses take at the end of
 *   their first link) made buses take 2-5 times their usual time through the peak, every one of them
 *   standing at most 80-110 s at a time; buses behind a closure stood 290-530 s;
 * - persistence: `persistBuses` different buses slow within `windowMs`, while the last bus before
 *   them drove the link normally within that window (a sudden change where buses flowed, not a
 *   queue that built up);
 * - one incident, one alarm: buses held on a link, or in the queue behind a link downstream, that had
 *   an incident while they were there (the detector's own, or one the caller knows of, even one
 *   cleared since: held buses leave after the blockage is gone) are that incident's, not a second one;
 * - it clears when a bus drives the link normally again, or no bus has been slow for `clearAfterMs`.
 * Dwell at stops never counts (the tracker's arrive/depart), so a long dwell is not an incident.
 * A plain state machine over the data's own times.
 */
import type { ProbeTraversal } from '../traffic/index.ts';
import type { DetectionEvent } from './incident-detector.ts';

/** Thresholds of {@link ProbeDropDetector}. */
export type ProbeDropOptions = {
  /** A bus is slow at this many times the usual moving time... Default 3. */
  readonly slowShare?: number;
  /** ... and this much more than it, s. Default 180 (more than a cycle: a missed green is no incident). */
  readonly slowMarginS?: number;
  /**
   * ... and stood still in one place, outside stop dwells, this long in one go (`ProbeTraversal`
   * `heldS`), s. Default 180: longer than any red (the longest cycle is 160 s).
   */
  readonly heldS?: number;
  /** Different slow buses that raise an incident. Default 2. */
  readonly persistBuses?: number;
  /** Within this, and the normal bus before them too, ms. Default 15 min. */
  readonly windowMs?: number;
  /** Normal traversals learnt before a link is judged. Default 4. */
  readonly learnBuses?: number;
  /** Smoothing rate of the usual moving time per normal traversal. Default 0.2. */
  readonly learnRate?: number;
  /** An incident clears when no bus has been slow for this long, ms. Default 15 min. */
  readonly clearAfterMs?: number;
};

const DEFAULTS: Readonly<Required<ProbeDropOptions>> = Object.freeze({
  slowShare: 3,
  slowMarginS: 180,
  heldS: 180,
  persistBuses: 2,
  windowMs: 900_000,
  learnBuses: 4,
  learnRate: 0.2,
  clearAfterMs: 900_000,
});

type LinkMemory = {
  usualS: number;
  learnt: number;
  lastNormalAt: number;
  /** Slow buses: vehicle id → the traversal that made it slow. */
  readonly slow: Map<string, ProbeTraversal>;
  active: boolean;
  clearedAt: number;
  lastSlowAt: number;
};

/** Probe speed-drop detection over a stream of bus traversals. */
export class ProbeDropDetector {
  readonly #o: Required<ProbeDropOptions>;
  readonly #mem = new Map<string, LinkMemory>();
  readonly #downstream: ReadonlyMap<string, readonly string[]>;

  /** `downstream`: the links each link leads to (a queue behind an incident there reaches it). */
  constructor(
    options: ProbeDropOptions = {},
    downstream: ReadonlyMap<string, readonly string[]> = new Map(),
  ) {
    this.#o = { ...DEFAULTS, ...options };
    this.#downstream = downstream;
  }

  /**
   * Feed one traversal (complete, or a bus still on the link); returns the detection changes.
   * `hadIncident(linkId, sinceMs)` tells whether the caller knows of an incident on a link active at
   * any time since `sinceMs` (e.g. the loops' detector's).
   */
  observe(
    t: ProbeTraversal,
    hadIncident: (linkId: string, sinceMs: number) => boolean = () => false,
  ): DetectionEvent[] {
    const o = this.#o;
    let mem = this.#mem.get(t.linkId);
    if (mem === undefined) {
      mem = {
        usualS: 0,
        learnt: 0,
        lastNormalAt: -Infinity,
        slow: new Map(),
        active: false,
        clearedAt: -Infinity,
        lastSlowAt: 0,
      };
      this.#mem.set(t.linkId, mem);
    }
    const learnt = mem.learnt >= o.learnBuses;
    const thresholdS = Math.max(mem.usualS * o.slowShare, mem.usualS + o.slowMarginS);
    if (learnt && t.movingS >= thresholdS && t.heldS >= o.heldS) return this.#slow(t, mem, hadIncident);
    // Slow but never held (a queue that advanced at every green): neither an incident nor the usual.
    if (!t.complete || (learnt && t.movingS >= thresholdS)) return [];
    if (!mem.active && t.movingS < thresholdS) {
      mem.usualS = mem.learnt === 0 ? t.movingS : mem.usualS + o.learnRate * (t.movingS - mem.usualS);
      mem.learnt++;
    }
    mem.lastNormalAt = t.exitedAt;
    mem.slow.delete(t.vehicleId);
    if (!mem.active) return [];
    // A bus drove the link normally again: the blockage is gone.
    mem.active = false;
    mem.clearedAt = t.exitedAt;
    mem.slow.clear();
    return [{ type: 'cleared', linkId: t.linkId, at: t.exitedAt }];
  }

  /** Clear incidents with no slow bus for `clearAfterMs` (buses may stop running the link). */
  tick(nowMs: number): DetectionEvent[] {
    const out: DetectionEvent[] = [];
    for (const [linkId, mem] of this.#mem) {
      if (!mem.active || nowMs - mem.lastSlowAt < this.#o.clearAfterMs) continue;
      mem.active = false;
      mem.clearedAt = nowMs;
      mem.slow.clear();
      out.push({ type: 'cleared', linkId, at: nowMs });
    }
    return out;
  }

  #slow(
    t: ProbeTraversal,
    mem: LinkMemory,
    hadIncident: (linkId: string, sinceMs: number) => boolean,
  ): DetectionEvent[] {
    const o = this.#o;
    mem.slow.set(t.vehicleId, t);
    mem.lastSlowAt = Math.max(mem.lastSlowAt, t.exitedAt);
    for (const [id, s] of mem.slow) if (t.exitedAt - s.exitedAt > o.windowMs) mem.slow.delete(id);
    if (mem.active || mem.slow.size < o.persistBuses) return [];
    const slow = [...mem.slow.values()].sort((a, b) => a.enteredAt - b.enteredAt);
    const first = slow[0] as ProbeTraversal;
    // Where earlier buses flowed: a normal bus shortly before the first slow one.
    if (mem.lastNormalAt < first.enteredAt - o.windowMs) return [];
    const explained = [t.linkId, ...(this.#downstream.get(t.linkId) ?? [])].some((id) => {
      const m = this.#mem.get(id);
      const own = m !== undefined && (m.active || m.clearedAt >= first.enteredAt) && id !== t.linkId;
      return own || hadIncident(id, first.enteredAt);
    });
    if (explained) return [];
    mem.active = true;
    return [
      {
        type: 'detected',
        linkId: t.linkId,
        // When the first slow bus should have left the link.
        startedAt: Math.round(first.enteredAt + mem.usualS * 1000),
        reason: 'probe-speed-drop',
        detail:
          `${slow.length} buses ${slow.map((s) => `${Math.round(s.movingS)} s`).join(', ')} on the link ` +
          `without dwell vs usual ${Math.round(mem.usualS)} s`,
        lanes: [],
      },
    ];
  }
}
