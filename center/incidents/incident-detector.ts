/**
 * @module center/incidents/incident-detector
 * Automatic incident detection on link states, two tests:
 * - occupancy difference between a link and the link downstream of it, in the manner of the
 *   California algorithms (Payne & Tignor 1978, TSC #7): a blockage fills the upstream station
 *   (high occupancy) and starves the downstream one (low occupancy): OCCDF = OCC_up − OCC_down ≥ T1,
 *   OCCRDF = OCCDF / OCC_up ≥ T2, and OCC_down ≤ T3;
 * - a speed drop: speed below a share of both the link's smoothed recent speed and its speed limit.
 * Either must persist for `persistIntervals` consecutive intervals to declare; the incident clears
 * after `clearIntervals` normal ones. A plain state machine over data timestamps: no clock, no I/O.
 */
import type { LinkStateRecord } from '../state/index.ts';

/** Thresholds of the detector. */
export type IncidentDetectorOptions = {
  /** OCCDF threshold, percentage points. Default 20. */
  readonly occDiffPct?: number;
  /** OCCRDF threshold, 0-1. Default 0.5. */
  readonly occRelDiff?: number;
  /** Downstream occupancy at most this, percent. Default 15. */
  readonly downstreamMaxOccPct?: number;
  /** Speed below this share of the smoothed speed counts as a drop. Default 0.5. */
  readonly speedDropShare?: number;
  /** ... and below this share of the speed limit. Default 0.5. */
  readonly speedLimitShare?: number;
  readonly persistIntervals?: number;
  readonly clearIntervals?: number;
  /** A downstream state older than this (relative to the upstream one) is ignored, ms. Default 120 s. */
  readonly maxSkewMs?: number;
};

/** What the detector needs to know about a link. */
export type DetectorLink = {
  readonly id: string;
  readonly speedLimitKmh: number;
  readonly downstream: readonly string[];
};

/** A change of detection state on a link. */
export type DetectionEvent =
  | {
      readonly type: 'detected';
      readonly linkId: string;
      readonly startedAt: number;
      readonly reason: 'occupancy-difference' | 'speed-drop';
      readonly detail: string;
    }
  | { readonly type: 'cleared'; readonly linkId: string; readonly at: number };

type LinkMemory = {
  baselineKmh: number | null;
  alarms: number;
  normals: number;
  active: boolean;
  firstAlarmAt: number;
};

/** Incident detection over a stream of link states. */
export class IncidentDetector {
  readonly #links: ReadonlyMap<string, DetectorLink>;
  readonly #o: Required<IncidentDetectorOptions>;
  readonly #latest = new Map<string, LinkStateRecord>();
  readonly #mem = new Map<string, LinkMemory>();

  constructor(links: Iterable<DetectorLink>, options: IncidentDetectorOptions = {}) {
    this.#links = new Map([...links].map((l) => [l.id, l]));
    this.#o = {
      occDiffPct: 20,
      occRelDiff: 0.5,
      downstreamMaxOccPct: 15,
      speedDropShare: 0.5,
      speedLimitShare: 0.5,
      persistIntervals: 2,
      clearIntervals: 3,
      maxSkewMs: 120_000,
      ...options,
    };
  }

  /** Feed one link state; returns the detection changes it causes. */
  observe(state: LinkStateRecord): DetectionEvent[] {
    const link = this.#links.get(state.linkId);
    if (link === undefined) return [];
    const prev = this.#latest.get(state.linkId);
    if (prev !== undefined && prev.intervalStart >= state.intervalStart) return [];
    this.#latest.set(state.linkId, state);
    const mem = this.#mem.get(state.linkId) ?? {
      baselineKmh: null,
      alarms: 0,
      normals: 0,
      active: false,
      firstAlarmAt: 0,
    };
    this.#mem.set(state.linkId, mem);
    const reason = this.#test(link, state, mem);
    if (reason !== null) {
      if (mem.alarms === 0) mem.firstAlarmAt = state.intervalStart;
      mem.alarms++;
      mem.normals = 0;
      if (!mem.active && mem.alarms >= this.#o.persistIntervals) {
        mem.active = true;
        return [
          {
            type: 'detected',
            linkId: link.id,
            startedAt: mem.firstAlarmAt,
            reason: reason.kind,
            detail: reason.detail,
          },
        ];
      }
      return [];
    }
    mem.alarms = 0;
    mem.normals++;
    if (state.speedKmh !== null) {
      mem.baselineKmh =
        mem.baselineKmh === null
          ? state.speedKmh
          : mem.baselineKmh + 0.2 * (state.speedKmh - mem.baselineKmh);
    }
    if (mem.active && mem.normals >= this.#o.clearIntervals) {
      mem.active = false;
      return [{ type: 'cleared', linkId: link.id, at: state.intervalStart + state.intervalS * 1000 }];
    }
    return [];
  }

  #test(
    link: DetectorLink,
    s: LinkStateRecord,
    mem: LinkMemory,
  ): { kind: 'occupancy-difference' | 'speed-drop'; detail: string } | null {
    const o = this.#o;
    for (const d of link.downstream) {
      const down = this.#latest.get(d);
      if (down === undefined || Math.abs(down.intervalStart - s.intervalStart) > o.maxSkewMs) continue;
      const diff = s.occupancyPct - down.occupancyPct;
      if (
        diff >= o.occDiffPct &&
        diff / Math.max(1e-9, s.occupancyPct) >= o.occRelDiff &&
        down.occupancyPct <= o.downstreamMaxOccPct
      ) {
        return {
          kind: 'occupancy-difference',
          detail: `occupancy ${s.occupancyPct}% here vs ${down.occupancyPct}% on ${d}`,
        };
      }
    }
    if (s.speedKmh !== null) {
      const base = mem.baselineKmh ?? link.speedLimitKmh;
      if (s.speedKmh < o.speedDropShare * base && s.speedKmh < o.speedLimitShare * link.speedLimitKmh) {
        return { kind: 'speed-drop', detail: `speed ${s.speedKmh} km/h vs usual ${Math.round(base)} km/h` };
      }
    }
    return null;
  }
}

/** Links downstream of each link: through movements first, else any movement out of it. */
export function downstreamLinks(
  movements: readonly { fromLink: string; toLink: string; turn: string }[],
  linkId: string,
): string[] {
  const out = movements.filter((m) => m.fromLink === linkId);
  const through = out.filter((m) => m.turn === 'through');
  return (through.length > 0 ? through : out).map((m) => m.toLink);
}
