/**
 * @module center/http/api-context
 * What the API handlers work with, passed in by whoever assembles the center (STYLE.md §6).
 */
import type { Clock } from '../../core/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { Metrics } from '../metrics/index.ts';
import type { CenterNetwork } from '../network/index.ts';
import type { ArrivalService } from '../prediction/index.ts';
import type { StateStore } from '../state/index.ts';
import { fusedLinkTraffic, type LinkTraffic, type ProbeLinkEstimate } from '../traffic/index.ts';
import type { ApiTokens } from './auth.ts';

/** An operator's signal command on its way to the edge that runs the intersection. */
export type SignalCommandRequest = {
  readonly commandId: string;
  readonly region: string;
  readonly intersectionId: string;
  readonly planId: string | null;
  readonly strategy: string | null;
  readonly issuedBy: string;
  readonly at: number;
};

/** Delivers operator signal commands to edges; resolves false when there is no way to deliver. */
export type SignalCommandSink = (command: SignalCommandRequest) => Promise<boolean>;

/** Collaborators of the API. */
export type ApiContext = {
  readonly network: CenterNetwork;
  readonly store: StateStore;
  readonly clock: Clock;
  readonly metrics: Metrics;
  readonly tokens: ApiTokens;
  readonly audit: AuditLog;
  readonly arrivals: ArrivalService;
  /** Where operator signal commands go. */
  readonly commands?: SignalCommandSink;
  /** A link's bus probe estimate now (the incident watch follows the buses); none: loops alone. */
  readonly probes?: (linkId: string, nowMs: number) => ProbeLinkEstimate | null;
  /**
   * A link's published traffic now (the incident watch filters each link's readings over its intervals,
   * center/traffic travel-time-filter.ts); none: each link's latest reading as it is.
   */
  readonly traffic?: (linkId: string) => LinkTraffic | undefined;
  /** True once ingest is connected and the store answers. */
  readonly ready: () => boolean;
};

/** Traffic of every link of the network now, from the stored link states and the bus probes. */
export async function trafficByLink(ctx: ApiContext): Promise<Map<string, LinkTraffic>> {
  const published = ctx.traffic;
  if (published !== undefined) {
    const out = new Map<string, LinkTraffic>();
    for (const l of ctx.network.links.values()) {
      const t = published(l.id);
      if (t !== undefined) out.set(l.id, t);
    }
    return out;
  }
  const states = new Map((await ctx.store.list('link')).map((s) => [s.linkId, s]));
  const now = ctx.clock.now();
  const out = new Map<string, LinkTraffic>();
  for (const l of ctx.network.links.values())
    out.set(l.id, fusedLinkTraffic(l, states.get(l.id) ?? null, ctx.probes?.(l.id, now) ?? null, now));
  return out;
}
