/**
 * @module displays/testing/demo-feed
 * Feeds a center the uplinks an edge of each region would send, made from a real scenario: link
 * speeds (a slow stretch of the coordinated arterial), signal states running each intersection's plan
 * (ring 1 from phase 2, ring 2 from phase 6, coordinated phase starting at the plan offset), detector
 * health with a stuck and a silent loop, an alarm, edge presence, and the vehicles of every bus and
 * subway route moving between their stops. Messages are real `edge.batch` and `status` documents given to the center's
 * ingest (`CenterNode.ingest.handle`), which parses them as it parses MQTT payloads.
 */
import { newId, type EdgeBatch, type Scenario, type UplinkItem } from '../../core/index.ts';

/** Where messages go: the center's ingest. */
export type IngestHandle = (topic: string, payload: string) => Promise<unknown>;

type BusTrack = {
  routeId: string;
  tripId: string;
  stops: { id: string; lon: number; lat: number }[];
  /** Progress along the stops, in stop intervals (1.5 = halfway from stop 1 to stop 2). */
  startAt: number;
};

const RING_1 = [2, 3, 4, 1];
const RING_2 = [6, 7, 8, 5];

/** Signal groups green at local second-of-day `tS` under a plan (simple fixed-time ring walk). */
export function greenGroupsAt(
  plan: { cycleS: number; offsetS: number; splitsS: Readonly<Record<string, number>> },
  clearanceS: (phase: number) => number,
  tS: number,
): number[] {
  const c = (((tS - plan.offsetS) % plan.cycleS) + plan.cycleS) % plan.cycleS;
  const green: number[] = [];
  for (const ring of [RING_1, RING_2]) {
    let start = 0;
    for (const p of ring) {
      const split = plan.splitsS[String(p)] ?? 0;
      if (split <= 0) continue;
      if (c >= start && c < start + split) {
        if (c < start + split - clearanceS(p)) green.push(p);
        break;
      }
      start += split;
    }
  }
  return green;
}

/** A scenario-driven feed of one center. */
export class DemoFeed {
  readonly #scenario: Scenario;
  readonly #handle: IngestHandle;
  readonly #tracks: BusTrack[] = [];
  readonly #seq = new Map<string, number>();
  readonly #utcOffsetMs: number;
  #steps = 0;

  constructor(scenario: Scenario, handle: IngestHandle) {
    this.#scenario = scenario;
    this.#handle = handle;
    const m = /([+-])(\d\d):(\d\d)$/.exec(scenario.startTime);
    this.#utcOffsetMs =
      m === null ? 0 : (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
    const transit = scenario.transit;
    const stops = new Map((transit?.stops ?? []).map((s) => [s.id, s]));
    // GTFS route types 3 (bus) and 1 (subway): the demo city's Line 2 platforms serve both circles.
    for (const route of transit?.routes.filter((r) => r.gtfsType === 3 || r.gtfsType === 1) ?? []) {
      for (const dir of [0, 1]) {
        const trip = transit?.trips.find((t) => t.routeId === route.id && t.directionId === dir);
        if (trip === undefined) continue;
        const track = [...trip.stopTimes]
          .sort((a, b) => a.stopSequence - b.stopSequence)
          .flatMap((st) => {
            const s = stops.get(st.stopId);
            return s === undefined ? [] : [{ id: s.id, lon: s.lon, lat: s.lat }];
          });
        for (const startAt of [0.4, 2.7]) {
          if (track.length > startAt + 1)
            this.#tracks.push({ routeId: route.id, tripId: trip.id, stops: track, startAt });
        }
      }
    }
  }

  /** Buses the feed drives. */
  get busCount(): number {
    return this.#tracks.length;
  }

  #next(deviceId: string): number {
    const n = (this.#seq.get(deviceId) ?? -1) + 1;
    this.#seq.set(deviceId, n);
    return n;
  }

  /** Send every region's edge presence (retained status in the real system). */
  async announceEdges(nowMs: number): Promise<void> {
    for (const r of this.#scenario.regions) {
      const deviceId = `edge-${r.id}`;
      const status = {
        kind: 'status',
        id: newId(nowMs),
        deviceId,
        seq: this.#next(`${deviceId}/status`),
        ts: nowMs,
        deviceKind: 'edge',
        online: true,
        reason: 'startup',
        seqReset: false,
        firmware: null,
      };
      await this.#handle(`its/v1/${r.id}/status/${deviceId}`, JSON.stringify(status));
    }
  }

  /** One uplink batch per region for time `nowMs`; `elapsedS` moves the buses along. */
  async step(nowMs: number, elapsedS: number): Promise<void> {
    const byRegion = new Map<string, UplinkItem[]>();
    const add = (region: string, item: UplinkItem): void => {
      byRegion.set(region, [...(byRegion.get(region) ?? []), item]);
    };
    const regionOfNode = new Map(this.#scenario.intersections.map((i) => [i.nodeId, i.region]));
    const fallback = this.#scenario.regions[0]?.id ?? 'default';
    // Link summaries and detector health every fifth step, as an edge sends them per interval;
    // buses and signal states every step.
    const full = this.#steps++ % 5 === 0;
    for (const l of full ? this.#scenario.network.links : []) {
      const region = regionOfNode.get(l.to) ?? regionOfNode.get(l.from) ?? fallback;
      const slow = /^GN0[345]-GN0[456]$/.test(l.id);
      const ratio = slow ? (l.id === 'GN04-GN05' ? 0.22 : 0.38) : 0.55 + ((l.id.length * 7) % 40) / 100;
      add(region, {
        type: 'link-state',
        linkId: l.id,
        intervalStart: nowMs - 30_000,
        intervalS: 30,
        flowVph: slow ? 1900 : 900,
        densityVpkm: slow ? 70 : 15,
        speedKmh: Math.round(l.speedLimitKmh * ratio * 10) / 10,
        occupancyPct: slow ? 38 : 9,
        source: 'fused',
      });
    }
    const localS = (nowMs + this.#utcOffsetMs) / 1000;
    for (const ix of this.#scenario.intersections) {
      const plan = ix.plans[0];
      const phases = ix.control.type === 'nema' ? ix.control.phases : [];
      const clearance = (p: number): number => {
        const ph = phases.find((x) => x.phase === p);
        return ph === undefined ? 0 : ph.yellowS + ph.redClearS;
      };
      add(ix.region, {
        type: 'signal-state',
        intersectionId: ix.id,
        mode: ix.mode === 'coordinated' ? 'coordinated' : 'fixed',
        strategy: ix.mode === 'coordinated' ? 'coordinated-static' : 'fixed-time',
        planId: plan?.id ?? null,
        cycleS: plan?.cycleS ?? null,
        lastSplitsS: Object.fromEntries(
          Object.entries(plan?.splitsS ?? {}).map(([k, v]) => [
            k,
            Math.max(0, v - 2 + ((k.charCodeAt(0) * 3) % 5)),
          ]),
        ),
        greenGroups: plan === undefined ? [] : greenGroupsAt(plan, clearance, localS),
        fault: null,
        online: true,
      } as UplinkItem);
    }
    const dets = full ? this.#scenario.detectors : [];
    dets.forEach((d, i) => {
      const health = i === 3 ? 'stuck-on' : i === 11 ? 'silent' : 'ok';
      add(d.region, { type: 'detector-health', detectorId: d.id, health, since: nowMs - 600_000 });
      if (health !== 'ok') {
        add(d.region, {
          type: 'alarm',
          alarmId: `det-${d.id}`,
          state: 'raised',
          severity: 'warning',
          sourceId: d.id,
          code: `detector-${health}`,
          message: `loop detector ${d.id} ${health}`,
          at: nowMs - 600_000,
        });
      }
    });
    this.#tracks.forEach((t, i) => {
      const progress = Math.min(t.stops.length - 1.05, t.startAt + elapsedS / 90);
      const k = Math.floor(progress);
      const f = progress - k;
      const a = t.stops[k];
      const b = t.stops[k + 1];
      if (a === undefined || b === undefined) return;
      add(regionOfStop(this.#scenario, b.id) ?? fallback, {
        type: 'bus-progress',
        vehicleId: `bus-${t.routeId}-${i}`,
        routeId: t.routeId,
        tripId: t.tripId,
        at: nowMs,
        lat: a.lat + (b.lat - a.lat) * f,
        lon: a.lon + (b.lon - a.lon) * f,
        speedMps: 6,
        distanceM: progress * 400,
        scheduleDeviationS: ((i * 97) % 400) - 120,
        lastStopId: a.id,
        nextStopId: b.id,
        onRoute: true,
        passengers: (i * 23) % 90,
      });
    });
    for (const [region, items] of byRegion) {
      const deviceId = `edge-${region}`;
      const batch: EdgeBatch = {
        kind: 'edge.batch',
        id: newId(nowMs),
        deviceId,
        seq: this.#next(deviceId),
        ts: nowMs,
        region,
        items,
      };
      await this.#handle(`its/v1/${region}/edge/${deviceId}/up`, JSON.stringify(batch));
    }
  }
}

function regionOfStop(scenario: Scenario, stopId: string): string | undefined {
  const stop = scenario.transit?.stops.find((s) => s.id === stopId);
  const link = scenario.network.links.find((l) => l.id === stop?.linkId);
  return scenario.intersections.find((i) => i.nodeId === link?.to || i.nodeId === link?.from)?.region;
}
