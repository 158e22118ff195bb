/**
 * @module displays/web/control/control-state
 * What the control room knows, kept from the `region:<id>` channels: a snapshot per region, then
 * record deltas (`{ collection, op, id, value }`). Also remembers, per intersection, when its green
 * groups last changed (the phase timer) and its recent splits (one entry per reported cycle).
 */
import type {
  Alarm,
  DetectorHealth,
  Incident,
  RecordDelta,
  RegionSnapshot,
  SignalState,
  Vehicle,
} from '../shared/types.ts';

/** Recent splits of one intersection, newest first. */
export type SplitHistory = { readonly at: number; readonly splitsS: Readonly<Record<string, number>> }[];

/** The live state of every region. */
export class ControlState {
  readonly vehicles = new Map<string, Vehicle>();
  readonly signals = new Map<string, SignalState>();
  readonly detectors = new Map<string, DetectorHealth>();
  readonly incidents = new Map<string, Incident>();
  readonly alarms = new Map<string, Alarm>();
  /**
   * When each intersection's current green groups were first reported (ms, the center's clock: the
   * state's `at`). The browser's clock would count wall seconds, a tenth of the signal's at --speed 10.
   */
  readonly greenSince = new Map<string, number>();
  readonly splitHistory = new Map<string, SplitHistory>();
  /** Links changed since the map last redrew them. */
  linksDirty = false;

  /** Replace one region's records with its snapshot. */
  snapshot(s: RegionSnapshot): void {
    const region = s.regionId;
    for (const m of [this.vehicles, this.signals, this.detectors, this.incidents, this.alarms] as Map<
      string,
      { region: string }
    >[]) {
      for (const [id, v] of m) if (v.region === region) m.delete(id);
    }
    for (const v of s.vehicles) this.vehicles.set(v.vehicleId, v);
    for (const sig of s.signals) this.#signal(sig);
    for (const d of s.detectors) this.detectors.set(d.detectorId, d);
    for (const i of s.incidents) if (i.status === 'active') this.incidents.set(i.id, i);
    for (const a of s.alarms) this.alarms.set(a.alarmId, a);
    this.linksDirty = true;
  }

  /** Apply a batch of deltas. */
  apply(deltas: readonly RecordDelta[]): void {
    for (const d of deltas) {
      if (d.op === 'delete') {
        for (const m of [this.vehicles, this.signals, this.detectors, this.incidents, this.alarms] as Map<
          string,
          unknown
        >[])
          m.delete(d.id);
        continue;
      }
      switch (d.collection) {
        case 'vehicle':
          this.vehicles.set(d.id, d.value as Vehicle);
          break;
        case 'signal':
          this.#signal(d.value as SignalState);
          break;
        case 'detector':
          this.detectors.set(d.id, d.value as DetectorHealth);
          break;
        case 'incident': {
          const i = d.value as Incident;
          if (i.status === 'active') this.incidents.set(i.id, i);
          else this.incidents.delete(i.id);
          break;
        }
        case 'alarm': {
          const a = d.value as Alarm;
          if (a.state === 'raised') this.alarms.set(a.alarmId, a);
          else this.alarms.delete(a.alarmId);
          break;
        }
        case 'link':
          this.linksDirty = true;
          break;
        default:
          break;
      }
    }
  }

  #signal(s: SignalState): void {
    const prev = this.signals.get(s.intersectionId);
    if (prev === undefined || prev.greenGroups.join() !== s.greenGroups.join()) {
      this.greenSince.set(s.intersectionId, s.at);
    }
    const hist = this.splitHistory.get(s.intersectionId) ?? [];
    if (hist[0] === undefined || JSON.stringify(hist[0].splitsS) !== JSON.stringify(s.lastSplitsS)) {
      hist.unshift({ at: s.at, splitsS: s.lastSplitsS });
      hist.length = Math.min(hist.length, 5);
    }
    this.splitHistory.set(s.intersectionId, hist);
    this.signals.set(s.intersectionId, s);
  }
}
