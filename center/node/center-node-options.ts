/**
 * @module center/node/center-node-options
 * What a center instance is started with and what a started one offers (center-node): the store,
 * the brokers and the ingest window, the API's tokens and limits, the web engine.
 */
import type { Clock, Scenario } from '../../core/index.ts';
import type { ClearingService, UplinkSubscriber } from '../adapters/mqtt/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { CommandResults } from '../commands/index.ts';
import type { IncidentWatch } from '../detours/index.ts';
import type {
  ApiToken,
  ApiTokens,
  BoardPacing,
  CenterApi,
  ProxyTrust,
  RouteRegistrar,
} from '../http/index.ts';
import type { Metrics } from '../metrics/index.ts';
import type { CenterNetwork } from '../network/index.ts';
import type { ArrivalService } from '../prediction/index.ts';
import type { StateStore } from '../state/index.ts';
import type { IngestPort } from './ingest-thread.ts';
import type { WebEngine } from './web-engine.ts';

/**
 * Uplink messages handled at once by default, at most. A message acknowledged to the broker and lost
 * unstored in a crash is not lost to the system: an edge resends every batch until its `uplink.ack`
 * and a bus's next position supersedes the last (settlement batches have their own client and ack).
 */
export const DEFAULT_MAX_IN_FLIGHT = 512;

/**
 * The window's start and floor by default: it widens towards the maximum only under a sustained
 * backlog (center/adapters/mqtt/in-flight-window.ts), so a light load keeps Redis commits small.
 */
export const DEFAULT_MIN_IN_FLIGHT = 64;

/** Options of {@link startCenterNode}. */
export type CenterNodeOptions = {
  readonly scenario: Scenario;
  readonly clock?: Clock;
  /** Redis URL for the shared store; omitted = in-process store. */
  readonly redisUrl?: string;
  /** Key prefix in Redis (instances that should act as one share it). Default `its`. */
  readonly redisPrefix?: string;
  /** MQTT broker URL; omitted = no ingest (API only). */
  readonly mqttUrl?: string;
  readonly mqttProtocol?: 5 | 4 | 'auto';
  /** Broker credentials of this center's identity (`center.<id>`); omitted = anonymous. */
  readonly mqttAuth?: { readonly username: string; readonly password: string };
  readonly shareGroup?: string;
  /** This instance's id in its `uplink.ack`s. Default `center-<pid>`. */
  readonly centerId?: string;
  /** SQLite file of the clearing house's durable store; omitted = in memory (lost at restart). */
  readonly clearingFile?: string;
  /**
   * Run the clearing house here (default true). Center instances sharing the uplink subscription run
   * it in exactly one of them (or in `its settle`): the settlement subscription is shared too, so each
   * instance would otherwise hold part of the day's batches and report part of the money.
   */
  readonly clearingHouse?: boolean;
  /**
   * Most uplinks handled at once (default {@link DEFAULT_MAX_IN_FLIGHT}); 1 acknowledges each to the
   * broker only after storing it.
   */
  readonly maxInFlight?: number;
  /**
   * The window's start and floor (default {@link DEFAULT_MIN_IN_FLIGHT}, at most `maxInFlight`):
   * equal to `maxInFlight` for a fixed window.
   */
  readonly minInFlight?: number;
  /**
   * Run MQTT ingest, the Redis commit and the uplink acknowledgements in a worker thread
   * (`ingest-thread.ts`), prediction, fan-out and the API in this one. Needs `redisUrl`, `mqttUrl`
   * and the system clock (the worker keeps its own). Default false: it spends more CPU per batch in
   * all (center/README, Ingest), which pays only where a core is free for it.
   */
  readonly ingestThread?: boolean;
  /** Raise incidents from bus probe speed drops too (`IncidentWatch` `probeIncidents`; default false). */
  readonly probeIncidents?: boolean;
  readonly uplinkFilter?: string;
  readonly statusFilter?: string;
  readonly httpPort: number;
  readonly httpHost?: string;
  /** Serve HTTPS/WSS with these PEM files (e.g. from `its pki issue`); omitted = plain HTTP. */
  readonly httpTls?: { readonly certFile: string; readonly keyFile: string };
  readonly engine?: WebEngine;
  readonly tokens: readonly ApiToken[] | ApiTokens;
  /**
   * Where accepted writes are recorded. Default: with `redisUrl`, a Redis stream under `redisPrefix`
   * shared by every instance of the deployment (closed with the node); else in memory.
   */
  readonly audit?: AuditLog;
  readonly rateLimit?: { readonly perSecond: number; readonly burst: number };
  /** How often each stop's board may be recomputed and resent unchanged (center/README, Performance). */
  readonly boardPacing?: BoardPacing;
  readonly maxBodyBytes?: number;
  /**
   * Most WebSocket connections open at once from one remote address (over it: 429 at upgrade).
   * Default 256 (`DEFAULT_WS_MAX_PER_ADDRESS`); a bench opening thousands from localhost sets more.
   */
  readonly wsMaxPerAddress?: number;
  /**
   * Reverse proxies whose `X-Forwarded-For` names the client, for the rate limit and the per-address
   * cap (`its center --trust-proxy`). Default none: behind a proxy every client is the proxy.
   */
  readonly trustProxy?: ProxyTrust;
  readonly extraRoutes?: readonly RouteRegistrar[];
  /** Where log lines go. Default stderr. */
  readonly log?: (line: string) => void;
};

/** A running center instance. */
export type CenterNode = {
  readonly port: number;
  readonly engine: 'uws' | 'node';
  readonly store: StateStore;
  readonly network: CenterNetwork;
  /** The ingest, in this thread or (`ingestThread`) a proxy of the worker's. */
  readonly ingest: IngestPort;
  readonly metrics: Metrics;
  readonly api: CenterApi;
  readonly arrivals: ArrivalService;
  /**
   * The MQTT session; with the ingest thread, this thread's own (operator commands out, their results
   * in: `handled()` counts those), showing the worker's protocol and uplink subscription.
   */
  readonly mqtt: UplinkSubscriber | null;
  readonly incidents: IncidentWatch;
  /** Edges' answers to operator signal commands (`GET /api/v1/commands/<id>`). */
  readonly commandResults: CommandResults;
  /** The clearing house of fare and toll settlement batches (`/api/v1/clearing/...`); null when off. */
  readonly clearing: ClearingService | null;
  close(): Promise<void>;
};
