/**
 * @module center/traffic/link-traffic
 * Link speed, travel time and level of service from the latest link state (loops) and the link's bus
 * probe estimate (probe-speeds.ts). Where both are fresh the loops win: a loop interval counts every
 * car that passed, against one or two buses that also brake for their stops and may run in a bus
 * lane; the probes fill in links without loops, with unhealthy loops (no speed) or with stale ones.
 * The record says which sources were fresh (`speedSource`: loops, probes, both, none). Level of service follows
 * the Highway Capacity Manual (6th ed., Exhibit 16-8) for urban streets: travel speed as a share of the
 * base free-flow speed, which we take as the speed limit: A > 85%, B > 67%, C > 50%, D > 40%,
 * E > 30%, F otherwise. `publishedLinkTraffic` puts the link's filtered travel time
 * (travel-time-filter.ts) in place of the latest reading; the reading stays as `measuredSpeedKmh`.
 */
import type { LinkStateRecord } from '../state/index.ts';
import type { ProbeLinkEstimate } from './probe-speeds.ts';
import type { FilteredTravelTime } from './travel-time-filter.ts';

/** HCM level of service. */
export type LevelOfService = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

/** Derived traffic state of one link. */
export type LinkTraffic = {
  readonly linkId: string;
  /** Speed used for travel time: measured when fresh (filtered where published), otherwise the free-flow speed. */
  readonly speedKmh: number;
  /** The latest reading's speed (loops, else probes; clamped at `minSpeedKmh`), unfiltered; null when none is fresh. */
  readonly measuredSpeedKmh: number | null;
  readonly travelTimeS: number;
  readonly freeFlowTravelTimeS: number;
  readonly los: LevelOfService;
  /** `live` when a measured speed (loops or probes) no older than the freshness window is available. */
  readonly source: 'live' | 'free-flow';
  /** Which sources were fresh: the speed is the loops' where both were (see the module comment). */
  readonly speedSource: SpeedSource;
  /** The bus probes' speed and how many buses it rests on, when fresh (also where the loops won). */
  readonly probeSpeedKmh: number | null;
  readonly probeBuses: number;
  readonly measuredAt: number | null;
  readonly flowVph: number | null;
  readonly occupancyPct: number | null;
};

/** Sources of a link's speed. */
export type SpeedSource = 'loops' | 'probes' | 'both' | 'none';

/** What a link contributes. */
export type LinkGeometry = { readonly id: string; readonly lengthM: number; readonly speedLimitKmh: number };

/** Options of {@link linkTraffic}. */
export type LinkTrafficOptions = {
  /** A measurement older than this is ignored. Default 5 min. */
  readonly maxAgeMs?: number;
  /** Speeds below this are clamped, so a stopped queue gives a long but finite time. Default 3 km/h. */
  readonly minSpeedKmh?: number;
};

/** HCM urban-street LOS from the ratio of travel speed to free-flow speed. */
export function levelOfService(speedKmh: number, freeFlowKmh: number): LevelOfService {
  const r = freeFlowKmh > 0 ? speedKmh / freeFlowKmh : 1;
  if (r > 0.85) return 'A';
  if (r > 0.67) return 'B';
  if (r > 0.5) return 'C';
  if (r > 0.4) return 'D';
  if (r > 0.3) return 'E';
  return 'F';
}

/** Traffic state of a link at `nowMs` given its latest link-state record (or none), from loops alone. */
export function linkTraffic(
  link: LinkGeometry,
  state: LinkStateRecord | null,
  nowMs: number,
  options: LinkTrafficOptions = {},
): LinkTraffic {
  return fusedLinkTraffic(link, state, null, nowMs, options);
}

/**
 * Traffic state of a link at `nowMs` from its latest link state and its bus probe estimate (either may
 * be missing): the loops' speed when fresh, else the probes', else free flow.
 */
export function fusedLinkTraffic(
  link: LinkGeometry,
  state: LinkStateRecord | null,
  probe: ProbeLinkEstimate | null,
  nowMs: number,
  options: LinkTrafficOptions = {},
): LinkTraffic {
  const maxAgeMs = options.maxAgeMs ?? 300_000;
  const minSpeedKmh = options.minSpeedKmh ?? 3;
  const freeFlowTravelTimeS = link.lengthM / (link.speedLimitKmh / 3.6);
  const measuredAt = state === null ? null : state.intervalStart + state.intervalS * 1000;
  const loops =
    state !== null && state.speedKmh !== null && measuredAt !== null && nowMs - measuredAt <= maxAgeMs;
  // The estimate expires its own traversals (probe-speeds.ts); it is fresh when it exists.
  const probes = probe !== null;
  const measured = loops ? (state.speedKmh ?? link.speedLimitKmh) : probes ? probe.speedKmh : null;
  const speedKmh = measured === null ? link.speedLimitKmh : Math.max(minSpeedKmh, measured);
  return {
    linkId: link.id,
    speedKmh,
    measuredSpeedKmh: measured === null ? null : speedKmh,
    travelTimeS: link.lengthM / (speedKmh / 3.6),
    freeFlowTravelTimeS,
    los: levelOfService(speedKmh, link.speedLimitKmh),
    source: measured === null ? 'free-flow' : 'live',
    speedSource: loops ? (probes ? 'both' : 'loops') : probes ? 'probes' : 'none',
    probeSpeedKmh: probe === null ? null : Math.round(probe.speedKmh * 10) / 10,
    probeBuses: probe?.buses ?? 0,
    measuredAt: loops ? measuredAt : probes ? probe.newestAt : measuredAt,
    flowVph: state?.flowVph ?? null,
    occupancyPct: state?.occupancyPct ?? null,
  };
}

/**
 * The traffic a link publishes: its latest reading (`fusedLinkTraffic`) with the filtered travel time in
 * place of the reading's, when the link has one (travel-time-filter.ts). A filtered time outlives a
 * missing reading (an interval with no vehicle) until the filter's own expiry; without one the reading
 * is published as it is.
 */
export function publishedLinkTraffic(
  link: LinkGeometry,
  reading: LinkTraffic,
  filtered: FilteredTravelTime | null,
): LinkTraffic {
  if (filtered === null) return reading;
  const speedKmh = (link.lengthM / filtered.travelTimeS) * 3.6;
  return {
    ...reading,
    speedKmh,
    travelTimeS: filtered.travelTimeS,
    los: levelOfService(speedKmh, link.speedLimitKmh),
    source: 'live',
    measuredAt: reading.measuredAt ?? filtered.atMs,
  };
}
