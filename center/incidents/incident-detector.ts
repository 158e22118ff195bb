/**
 * @module center/incidents/incident-detector
 * Automatic incident detection on link states: capacity-reducing events (a blockage, a stalled car),
 * not recurrent congestion, which the map shows as level of service. How a link is judged depends on
 * the station that measures it:
 * - a plain station (mid-block count loops, or a station whose signal the center has not heard from):
 *   the occupancy difference with the station downstream, in the manner of the California algorithms
 *   (Payne & Tignor 1978, TSC #7): a blockage fills the upstream station and starves the downstream
 *   one: OCCDF = OCC_up − OCC_down ≥ T1, OCCRDF = OCCDF / OCC_up ≥ T2, OCC_down ≤ T3; and, once the
 *   link's usual speed is learnt, a speed far below both it and the speed limit;
 * - a station at a signal (stop-bar or advance loops of an approach whose controller reports): each
 *   interval's occupancy is mostly the signal's red, so the California test would alarm at every red
 *   (the classic arterial false alarm). Such a link is judged on means over a window spanning a cycle,
 *   against its own learnt usual values: a queue far above its usual one while a link downstream is
 *   starved (flows below its usual) and none is queued itself (that would be spillback, i.e.
 *   congestion), or a flow far below its usual one while the station is not queued and traffic still
 *   arrives (a blockage upstream of the loops starves them; a feeder starved or in alarm explains the
 *   drop instead, so one incident raises one alarm). Nothing is judged before the link's usual values
 *   have been learnt. Until the center has heard an approach's controller it cannot tell a red from a
 *   blockage and judges the approach as a plain station.
 * Either way, where the edge sends the station's lanes (link-state `lanes`), a lane test
 * (lane-shares.ts): a lane whose flow over the window falls far below what its learnt usual share of
 * the station's flow predicts from the other lanes, while those keep flowing, the lane is not
 * queued itself and so few vehicles would be unlikely (Poisson) for it flowing as usual, is blocked: a stalled car in one lane of four moves traffic over and barely changes
 * the link's totals. The incident then names its lanes; a link-level alarm names the lanes the lane
 * test finds starved at the same time, else none.
 * An alarm must persist for `persistIntervals` (plain) or `signalPersistIntervals` (at a signal)
 * consecutive intervals; the incident clears after `clearIntervals` normal ones. Usual values are
 * learnt only from normal intervals. A plain state machine over data timestamps: no clock, no I/O.
 */
import type { LinkStateRecord } from '../state/index.ts';
import { LaneShares } from './lane-shares.ts';
import { LinkBaseline, type LinkWindow } from './link-baseline.ts';
import { INCIDENT_DETECTOR_DEFAULTS, type IncidentDetectorOptions } from './incident-detector-options.ts';

export type { IncidentDetectorOptions } from './incident-detector-options.ts';

/** Which loops measure a link: the edge estimates a link from count loops, else advance, else stop bars. */
export type StationKind = 'mid-block' | 'advance' | 'stop-line';

/** What the detector needs to know about a link. */
export type DetectorLink = {
  readonly id: string;
  readonly speedLimitKmh: number;
  readonly downstream: readonly string[];
  /** The station measuring the link. Default `mid-block` (a plain station). */
  readonly station?: StationKind;
  /** Links feeding this one (every movement into it). Default: the links that list it downstream. */
  readonly upstream?: readonly string[];
  /** The signalized intersection at the link's end, if any. */
  readonly signalId?: string | null;
};

/** Why an incident was detected. */
export type DetectionReason =
  | 'occupancy-difference'
  | 'speed-drop'
  | 'queue-over-usual'
  | 'flow-drop'
  | 'lane-flow-drop'
  /** Bus probes held on the link (probe-drop.ts). */
  | 'probe-speed-drop';

/** A change of detection state on a link. */
export type DetectionEvent =
  | {
      readonly type: 'detected';
      readonly linkId: string;
      readonly startedAt: number;
      readonly reason: DetectionReason;
      readonly detail: string;
      /** Lanes found blocked, 0 = rightmost; empty when not known. */
      readonly lanes: readonly number[];
    }
  | { readonly type: 'cleared'; readonly linkId: string; readonly at: number };

type Finding = {
  readonly reason: DetectionReason;
  readonly detail: string;
  readonly lanes: readonly number[];
};

type LinkMemory = {
  readonly baseline: LinkBaseline;
  readonly lanes: LaneShares;
  alarms: number;
  normals: number;
  active: boolean;
  firstAlarmAt: number;
  /** An interval waiting for the downstream station's state of the same interval. */
  pending: LinkStateRecord | null;
};

const pct = (x: number): string => `${Math.round(x)}%`;
const kmh = (x: number): string => `${x.toFixed(1)} km/h`;
const vph = (x: number): string => `${Math.round(x)} veh/h`;

/** Incident detection over a stream of link states. */
export class IncidentDetector {
  readonly #links: ReadonlyMap<string, DetectorLink>;
  readonly #feeders = new Map<string, string[]>();
  readonly #o: Required<IncidentDetectorOptions>;
  readonly #latest = new Map<string, LinkStateRecord>();
  readonly #mem = new Map<string, LinkMemory>();
  readonly #signalsHeard = new Set<string>();

  constructor(links: Iterable<DetectorLink>, options: IncidentDetectorOptions = {}) {
    this.#links = new Map([...links].map((l) => [l.id, l]));
    for (const l of this.#links.values()) {
      if (l.upstream !== undefined) this.#feeders.set(l.id, [...l.upstream]);
      else for (const d of l.downstream) this.#feeders.set(d, [...(this.#feeders.get(d) ?? []), l.id]);
    }
    this.#o = { ...INCIDENT_DETECTOR_DEFAULTS, ...options };
  }

  /** The center has heard the controller of an intersection: its approaches are judged as signalized. */
  observeSignal(intersectionId: string): void {
    this.#signalsHeard.add(intersectionId);
  }

  /** Feed one link state; returns the detection changes it causes. */
  observe(state: LinkStateRecord): DetectionEvent[] {
    const link = this.#links.get(state.linkId);
    if (link === undefined) return [];
    const prev = this.#latest.get(state.linkId);
    if (prev !== undefined && prev.intervalStart >= state.intervalStart) return [];
    this.#latest.set(state.linkId, state);
    const mem = this.#memory(link.id, state.intervalS);
    const events: DetectionEvent[] = [];
    if (mem.pending !== null) events.push(...this.#decide(link, mem.pending, mem));
    mem.pending = null;
    mem.baseline.push(state);
    mem.lanes.push(state);
    // A plain station is compared with the same interval downstream, whichever of the two arrives
    // first: wait for the downstream state (until this link's next interval) rather than decide blind.
    if (!this.#atSignal(link) && link.downstream.length > 0 && !this.#downstreamAt(link, state))
      mem.pending = state;
    else events.push(...this.#decide(link, state, mem));
    for (const f of this.#feeders.get(link.id) ?? []) {
      const fm = this.#mem.get(f);
      const feeder = this.#links.get(f);
      if (fm?.pending == null || feeder === undefined) continue;
      if (Math.abs(fm.pending.intervalStart - state.intervalStart) > this.#o.maxSkewMs) continue;
      const pending = fm.pending;
      fm.pending = null;
      events.push(...this.#decide(feeder, pending, fm));
    }
    return events;
  }

  #downstreamAt(link: DetectorLink, s: LinkStateRecord): boolean {
    return link.downstream.some((d) => {
      const down = this.#latest.get(d);
      return down !== undefined && Math.abs(down.intervalStart - s.intervalStart) <= this.#o.maxSkewMs;
    });
  }

  /** Judge one interval of a link and move its state machine. */
  #decide(link: DetectorLink, state: LinkStateRecord, mem: LinkMemory): DetectionEvent[] {
    const atSignal = this.#atSignal(link);
    const linkFinding = atSignal ? this.#testAtSignal(link, mem) : this.#testPlain(link, state, mem);
    const laneFinding = this.#testLanes(link, mem);
    const finding = linkFinding === null ? laneFinding : { ...linkFinding, lanes: laneFinding?.lanes ?? [] };
    if (finding !== null) {
      if (mem.alarms === 0) mem.firstAlarmAt = state.intervalStart;
      mem.alarms++;
      mem.normals = 0;
      const persist =
        linkFinding === null
          ? this.#o.lanePersistIntervals
          : atSignal
            ? this.#o.signalPersistIntervals
            : this.#o.persistIntervals;
      if (!mem.active && mem.alarms >= persist) {
        mem.active = true;
        return [{ type: 'detected', linkId: link.id, startedAt: mem.firstAlarmAt, ...finding }];
      }
      return [];
    }
    mem.alarms = 0;
    mem.normals++;
    if (!mem.active && mem.baseline.full) mem.baseline.learn(this.#o.learnRate);
    if (!mem.active) mem.lanes.learn(this.#o.learnRate);
    if (mem.active && mem.normals >= this.#o.clearIntervals) {
      mem.active = false;
      return [{ type: 'cleared', linkId: link.id, at: state.intervalStart + state.intervalS * 1000 }];
    }
    return [];
  }

  #memory(linkId: string, intervalS: number): LinkMemory {
    let mem = this.#mem.get(linkId);
    if (mem === undefined) {
      const size = Math.ceil(this.#o.windowS / Math.max(1, intervalS));
      mem = {
        baseline: new LinkBaseline(size),
        lanes: new LaneShares(size),
        alarms: 0,
        normals: 0,
        active: false,
        firstAlarmAt: 0,
        pending: null,
      };
      this.#mem.set(linkId, mem);
    }
    return mem;
  }

  #atSignal(link: DetectorLink): boolean {
    const station = link.station ?? 'mid-block';
    return station !== 'mid-block' && link.signalId != null && this.#signalsHeard.has(link.signalId);
  }

  /** The usual values of a link once learnt and its window is full, else null. */
  #learnt(linkId: string): { mem: LinkMemory; w: LinkWindow } | null {
    const mem = this.#mem.get(linkId);
    if (mem === undefined || !mem.baseline.full || mem.baseline.learnt < this.#o.learnIntervals) return null;
    return { mem, w: mem.baseline.window() };
  }

  /** Whether a windowed occupancy is a queue far above the link's usual one. */
  #queued(mem: LinkMemory, w: LinkWindow): boolean {
    const b = mem.baseline;
    const margin = Math.max(this.#o.queueRisePct, this.#o.queueRiseSpreads * b.occupancySpreadPct);
    return w.occupancyPct >= b.occupancyUsualPct + margin;
  }

  #testPlain(link: DetectorLink, s: LinkStateRecord, mem: LinkMemory): Finding | null {
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
          reason: 'occupancy-difference',
          detail: `occupancy ${pct(s.occupancyPct)} here vs ${pct(down.occupancyPct)} on ${d}`,
          lanes: [],
        };
      }
    }
    const usual = mem.baseline.learnt >= o.learnIntervals ? mem.baseline.speedUsualKmh : null;
    if (s.speedKmh !== null && usual !== null) {
      if (s.speedKmh < o.speedDropShare * usual && s.speedKmh < o.speedLimitShare * link.speedLimitKmh)
        return {
          reason: 'speed-drop',
          detail: `speed ${kmh(s.speedKmh)} vs usual ${kmh(usual)}`,
          lanes: [],
        };
    }
    return null;
  }

  #testAtSignal(link: DetectorLink, mem: LinkMemory): Finding | null {
    const here = this.#learnt(link.id);
    if (here === null) return null;
    const { w } = here;
    const b = mem.baseline;
    if (this.#queued(mem, w)) {
      // A queue downstream too is spillback from further on: congestion, or an incident there.
      const spillback = link.downstream.some((d) => {
        const down = this.#learnt(d);
        return down !== null && this.#queued(down.mem, down.w);
      });
      // A blockage between this station and the next starves the next one; without a measured next
      // station a queue cannot be told from the signal's own.
      const starved = link.downstream.some((d) => {
        const down = this.#learnt(d);
        return (
          down !== null && down.w.flowVph <= this.#o.downstreamStarvedShare * down.mem.baseline.flowUsualVph
        );
      });
      if (spillback || !starved) return null;
      return {
        reason: 'queue-over-usual',
        detail: `occupancy ${pct(w.occupancyPct)} over ${this.#o.windowS} s vs usual ${pct(b.occupancyUsualPct)}`,
        lanes: [],
      };
    }
    if (
      b.flowUsualVph >= this.#o.minUsualFlowVph &&
      w.flowVph <= this.#o.flowDropShare * b.flowUsualVph &&
      w.occupancyPct <= b.occupancyUsualPct + this.#o.queueRisePct &&
      this.#suppliedFromUpstream(link.id)
    ) {
      return {
        reason: 'flow-drop',
        detail: `flow ${vph(w.flowVph)} over ${this.#o.windowS} s vs usual ${vph(b.flowUsualVph)}`,
        lanes: [],
      };
    }
    return null;
  }

  /** The lane test: lanes starved while the others keep flowing, once the usual shares are learnt. */
  #testLanes(link: DetectorLink, mem: LinkMemory): Finding | null {
    if (mem.lanes.learnt < this.#o.learnIntervals) return null;
    // Lanes emptied by a blockage on a feeder (vehicles not yet back in them) are that incident's.
    if (this.#feederAlarmed(link.id)) return null;
    const starved = mem.lanes.starvedLanes({
      dropShare: this.#o.laneDropShare,
      minExpectedVph: this.#o.laneMinExpectedVph,
      othersFlowingShare: this.#o.laneOthersFlowingShare,
      maxOccupancyOverOthersPct: this.#o.laneMaxOccupancyOverOthersPct,
      maxChance: this.#o.laneMaxChance,
      windowS: this.#o.windowS,
    });
    if (starved.length === 0) return null;
    return {
      reason: 'lane-flow-drop',
      detail: starved
        .map(
          (l) =>
            `lane ${l.lane} ${vph(l.flowVph)} vs ${vph(l.expectedVph)} by its usual share (usual ${vph(l.usualVph)}, chance ${l.chance.toPrecision(2)})`,
        )
        .join(', '),
      lanes: starved.map((l) => l.lane),
    };
  }

  /** Whether a link feeding this one is in alarm or has an incident. */
  #feederAlarmed(linkId: string): boolean {
    return (this.#feeders.get(linkId) ?? []).some((f) => {
      const m = this.#mem.get(f);
      return m !== undefined && (m.active || m.alarms > 0);
    });
  }

  /**
   * Whether traffic still arrives at a link: no measured link feeding it is starved itself or in alarm
   * (then the drop is explained further upstream). Without any measured feeder (a boundary link) we assume it is.
   */
  #suppliedFromUpstream(linkId: string): boolean {
    return (this.#feeders.get(linkId) ?? []).every((f) => {
      // An incident alarmed on a feeder explains the drop: one incident, one alarm.
      const alarmed = this.#mem.get(f);
      if (alarmed !== undefined && (alarmed.active || alarmed.alarms > 0)) return false;
      const feeder = this.#learnt(f);
      if (feeder === null) return true;
      const { mem, w } = feeder;
      return w.flowVph > 0.6 * mem.baseline.flowUsualVph || this.#queued(mem, w);
    });
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
