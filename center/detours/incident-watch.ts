/**
 * @module center/detours/incident-watch
 * Watches the store: feeds link states to the incident detector (writing detected incidents and
 * clearing them), follows the buses as probes (center/traffic: their link times fill in where loops
 * are missing), filters each link's readings into its published travel time (center/traffic
 * travel-time-filter.ts; the detectors keep the raw link states), keeps the route planner's live costs current, and for every active incident computes
 * the detour and publishes automatic sign messages (withdrawn when the incident clears). Signal states
 * tell the detector which approaches' loops read a signal (center/incidents/incident-detector.ts). Every
 * instance sharing a store runs one; their writes use deterministic ids, so they agree.
 */
import type { Clock } from '../../core/index.ts';
import {
  IncidentDetector,
  ProbeDropDetector,
  detectorLinks,
  downstreamLinks,
  type DetectionEvent,
} from '../incidents/index.ts';
import type { Metrics } from '../metrics/index.ts';
import type { CenterNetwork } from '../network/index.ts';
import type { RoutePlanner } from '../routing/index.ts';
import type { IncidentRecord, LinkStateRecord, StateStore, StateUpdate } from '../state/index.ts';
import {
  BusPaths,
  LinkProbes,
  LinkTravelTimes,
  fusedLinkTraffic,
  publishedLinkTraffic,
  type LinkTraffic,
  type ProbeLinkEstimate,
} from '../traffic/index.ts';
import { autoSignMessages, incidentResponse, type IncidentResponse } from './incident-response.ts';

/** How an incident raised by the probes' detector is described (and told from the loops'). */
const PROBE_DESCRIPTION = 'detected: probe-speed-drop';

/** Options of {@link IncidentWatch}. */
export type IncidentWatchOptions = {
  readonly network: CenterNetwork;
  readonly store: StateStore;
  readonly clock: Clock;
  readonly planner: RoutePlanner;
  readonly metrics: Metrics;
  /** Called on errors of background writes. */
  readonly onError?: (err: unknown) => void;
  /**
   * Raise incidents from bus probe speed drops as well as from the loops (default false). Probe link
   * speeds are used either way. Off by default: on the demo city it finds no blockage the loops miss
   * (center/README, Probe speeds).
   */
  readonly probeIncidents?: boolean;
};

/** The incident and detour loop of one center instance. */
export class IncidentWatch {
  readonly #o: IncidentWatchOptions;
  readonly #detector: IncidentDetector;
  readonly #links = new Map<string, LinkStateRecord>();
  readonly #probes: LinkProbes;
  readonly #probeDrops: ProbeDropDetector;
  #probeTickAt = 0;
  readonly #travelTimes = new LinkTravelTimes();
  #filterTickAt = 0;
  readonly #incidents = new Map<string, IncidentRecord>();
  /** When each link's latest incident cleared. */
  readonly #clearedAt = new Map<string, number>();
  readonly #responses = new Map<string, IncidentResponse>();
  #unsubscribe: (() => void) | null = null;
  #costsDirty = true;
  #chain: Promise<unknown> = Promise.resolve();

  constructor(options: IncidentWatchOptions) {
    this.#o = options;
    this.#detector = new IncidentDetector(detectorLinks(options.network.scenario));
    this.#probes = new LinkProbes(new BusPaths(options.network));
    const movements = options.network.scenario.network.movements;
    this.#probeDrops = new ProbeDropDetector(
      {},
      new Map([...options.network.links.keys()].map((id) => [id, downstreamLinks(movements, id)])),
    );
  }

  /** Load the current state and start watching. */
  async start(): Promise<void> {
    for (const l of await this.#o.store.list('link')) {
      this.#links.set(l.linkId, l);
      this.#filterReading(l);
    }
    for (const x of await this.#o.store.list('signal')) this.#detector.observeSignal(x.intersectionId);
    for (const i of await this.#o.store.list('incident'))
      if (i.status === 'active') this.#incidents.set(i.id, i);
    this.#unsubscribe = this.#o.store.subscribe((u) => this.#onUpdates(u));
  }

  /** Wait for background writes caused so far (tests). */
  async settled(): Promise<void> {
    await this.#chain;
  }

  close(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  /**
   * Traffic of a link now, from its loops and bus probes, with the filtered travel time it publishes
   * (the API's links, the planner's costs and so the sign texts).
   */
  traffic(linkId: string): LinkTraffic | undefined {
    const link = this.#o.network.links.get(linkId);
    if (link === undefined) return undefined;
    const now = this.#o.clock.now();
    const reading = fusedLinkTraffic(
      link,
      this.#links.get(linkId) ?? null,
      this.#probes.estimate(link, now),
      now,
    );
    return publishedLinkTraffic(link, reading, this.#travelTimes.get(linkId, now));
  }

  /** Feed a link's new interval (with its probes where the loops have no speed) to its travel-time filter. */
  #filterReading(state: LinkStateRecord): void {
    const link = this.#o.network.links.get(state.linkId);
    if (link === undefined) return;
    const at = state.intervalStart + state.intervalS * 1000;
    const r = fusedLinkTraffic(link, state, this.#probes.estimate(link, at), at);
    if (r.source === 'live') this.#travelTimes.observe(link.id, r.travelTimeS, at, r.freeFlowTravelTimeS);
  }

  /** Every 30 s: links whose loops are missing or stale feed their probe time to the filter. */
  #filterProbeLinks(now: number): void {
    for (const link of this.#o.network.links.values()) {
      const state = this.#links.get(link.id);
      if (state !== undefined && now - (state.intervalStart + state.intervalS * 1000) <= 300_000) continue;
      const probe = this.#probes.estimate(link, now);
      if (probe !== null)
        this.#travelTimes.observe(link.id, probe.travelTimeS, now, link.lengthM / (link.speedLimitKmh / 3.6));
    }
  }

  /** A link's bus probe estimate at `nowMs`, or null (none fresh, or no such link). */
  probeEstimate(linkId: string, nowMs: number): ProbeLinkEstimate | null {
    const link = this.#o.network.links.get(linkId);
    return link === undefined ? null : this.#probes.estimate(link, nowMs);
  }

  /** Bring the planner's costs up to date (live speeds, blocked lanes of active incidents). */
  refreshCosts(): void {
    const blockages = [...this.#incidents.values()].map((i) => ({
      linkId: i.linkId,
      blockedLanes: i.lanes.length,
    }));
    this.#o.planner.updateCosts((id) => this.traffic(id), blockages);
    this.#costsDirty = false;
  }

  /** The planner, with fresh costs. */
  plannerNow(): RoutePlanner {
    if (this.#costsDirty) this.refreshCosts();
    return this.#o.planner;
  }

  /** The latest response to an active incident. */
  response(incidentId: string): IncidentResponse | undefined {
    return this.#responses.get(incidentId);
  }

  #onUpdates(updates: readonly StateUpdate[]): void {
    const events: DetectionEvent[] = [];
    const changed: IncidentRecord[] = [];
    // Stop events first: a fix that completes a link needs the dwell its own batch ended.
    for (const u of updates)
      if (u.op === 'append' && u.stream === 'stopEvent') this.#probes.observeStopEvent(u.value);
    const probeEvents: DetectionEvent[] = [];
    for (const u of updates) {
      if (u.op !== 'put') continue;
      if (u.collection === 'vehicle') {
        const done = this.#probes.observeProgress(u.value);
        if (done.length > 0) this.#costsDirty = true;
        if (this.#o.probeIncidents !== true) continue;
        const seen = this.#probes.runningOf(u.value.vehicleId, u.value.at);
        for (const t of seen === null ? done : [...done, seen])
          probeEvents.push(...this.#probeDrops.observe(t, (id, since) => this.#hadIncident(id, since)));
        continue;
      }
      if (u.collection === 'link') {
        this.#links.set(u.id, u.value);
        this.#filterReading(u.value);
        this.#costsDirty = true;
        events.push(...this.#detector.observe(u.value));
      } else if (u.collection === 'signal') {
        // Its approaches' loops now read as a signal's: judged against their usual queues.
        this.#detector.observeSignal(u.value.intersectionId);
      } else if (u.collection === 'incident') {
        changed.push(u.value);
        this.#costsDirty = true;
        if (u.value.status === 'active') this.#incidents.set(u.id, u.value);
        else {
          this.#incidents.delete(u.id);
          this.#clearedAt.set(u.value.linkId, u.value.clearedAt ?? this.#o.clock.now());
        }
      }
    }
    const now = this.#o.clock.now();
    if (now - this.#filterTickAt >= 30_000) {
      this.#filterTickAt = now;
      this.#filterProbeLinks(now);
      this.#costsDirty = true;
    }
    if (this.#o.probeIncidents === true && now - this.#probeTickAt >= 30_000) {
      this.#probeTickAt = now;
      probeEvents.push(...this.#probeDrops.tick(now));
    }
    if (events.length > 0) this.#enqueue(() => this.#applyDetections(events, false));
    if (probeEvents.length > 0) this.#enqueue(() => this.#applyDetections(probeEvents, true));
    if (changed.length > 0) this.#enqueue(() => this.#respond(changed));
  }

  /** Whether a link had an incident (any source) active at any time since `sinceMs`. */
  #hadIncident(linkId: string, sinceMs: number): boolean {
    for (const i of this.#incidents.values()) if (i.linkId === linkId) return true;
    return (this.#clearedAt.get(linkId) ?? -Infinity) >= sinceMs;
  }

  #enqueue(work: () => Promise<void>): void {
    this.#chain = this.#chain.then(work).catch((err: unknown) => this.#o.onError?.(err));
  }

  /**
   * Write detections as incidents. The loops' and the probes' detectors each clear only their own
   * incidents, and the probes raise none on a link that already has a detected one: one incident,
   * one alarm.
   */
  async #applyDetections(events: readonly DetectionEvent[], fromProbes: boolean): Promise<void> {
    const now = this.#o.clock.now();
    const writes: IncidentRecord[] = [];
    const byProbes = (i: IncidentRecord): boolean => i.description.startsWith(PROBE_DESCRIPTION);
    for (const e of events) {
      const link = this.#o.network.links.get(e.linkId);
      if (link === undefined) continue;
      const detectedHere = [...this.#incidents.values()].filter(
        (i) => i.linkId === e.linkId && i.source === 'detected',
      );
      if (e.type === 'detected') {
        if (fromProbes && detectedHere.length > 0) continue;
        this.#o.metrics.inc('its_center_incidents_detected_total', 'Incidents detected automatically', {
          reason: e.reason,
        });
        const mid = link.coordinates[Math.floor(link.coordinates.length / 2)] ?? null;
        writes.push({
          id: `auto-${e.linkId}-${e.startedAt}`,
          region: link.region,
          linkId: e.linkId,
          // Lanes the lane test found blocked; none when the link's totals raised it alone.
          lanes: [...e.lanes],
          positionM: null,
          lon: mid?.[0] ?? null,
          lat: mid?.[1] ?? null,
          kind: e.reason === 'speed-drop' ? 'congestion' : 'other',
          // An unusual speed drop at a plain station is congestion of unknown cause: minor, so its
          // sign text ranks below a blockage's. Recurrent congestion is never an incident (the map's LOS).
          severity: e.reason === 'speed-drop' ? 'minor' : 'major',
          description: `detected: ${e.reason} (${e.detail})`,
          source: 'detected',
          status: 'active',
          startedAt: e.startedAt,
          clearedAt: null,
          updatedAt: now,
        });
      } else {
        for (const i of detectedHere)
          if (byProbes(i) === fromProbes)
            writes.push({ ...i, status: 'cleared', clearedAt: e.at, updatedAt: now });
      }
    }
    if (writes.length > 0) await this.#o.store.put('incident', writes);
  }

  async #respond(incidents: readonly IncidentRecord[]): Promise<void> {
    this.refreshCosts();
    const now = this.#o.clock.now();
    for (const i of incidents) {
      if (i.status === 'active') {
        const r = incidentResponse(this.#o.network, this.#o.planner, i);
        this.#responses.set(i.id, r);
        const messages = autoSignMessages(r, i, now);
        if (messages.length > 0) await this.#o.store.put('sign', messages);
      } else {
        const r = this.#responses.get(i.id);
        this.#responses.delete(i.id);
        const signIds = r?.signIds ?? [];
        for (const signId of signIds) await this.#o.store.delete('sign', `${signId}/auto-${i.id}`);
      }
    }
  }
}
