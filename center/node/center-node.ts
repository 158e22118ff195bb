/**
 * @module center/node/center-node
 * One center instance, wired: the scenario index, the state store (in-process, or Redis shared with
 * other instances), MQTT ingest, arrival prediction, the API and the web server. The entry point
 * (`its center`) and the integration tests start it; algorithms stay in their folders.
 */
import {
  ConfigError,
  signalCommandSchema,
  signalCommandTopic,
  SystemClock,
  type Clock,
  type Scenario,
} from '../../core/index.ts';
import { RedisAuditLog, RedisStateStore } from '../adapters/redis/index.ts';
import {
  IN_FLIGHT_GAUGE,
  openClearingService,
  type ClearingService,
  type UplinkSubscriber,
} from '../adapters/mqtt/index.ts';
import { encodeFeed } from '../adapters/gtfs-rt/index.ts';
import { MemoryAuditLog, type AuditLog } from '../audit/index.ts';
import { CommandLog, CommandResults, commandRoutes } from '../commands/index.ts';
import { IncidentWatch, routeRoutes } from '../detours/index.ts';
import { gtfsRtRoutes } from '../gtfs-rt/index.ts';
import { RoutePlanner } from '../routing/index.ts';
import {
  ApiTokens,
  createCenterApi,
  type BoardPacing,
  type ApiToken,
  type CenterApi,
  type RouteRegistrar,
  type WebServer,
} from '../http/index.ts';
import { CenterIngest, UplinkAcks, type IngestOutcome } from '../ingest/index.ts';
import { NOT_STARTED, type IngestPort, type IngestThread } from './ingest-thread.ts';
import { connectCenterMqtt, connectThreadedCenterMqtt, type CenterMqttOptions } from './center-mqtt.ts';
import { Metrics } from '../metrics/index.ts';
import { buildCenterNetwork, type CenterNetwork } from '../network/index.ts';
import { ArrivalService } from '../prediction/index.ts';
import { MemoryStateStore, type StateStore } from '../state/index.ts';
import { startWebServer, type WebEngine } from './web-engine.ts';

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

/** Start a center instance. */
export async function startCenterNode(options: CenterNodeOptions): Promise<CenterNode> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const clock = options.clock ?? new SystemClock();
  const threaded = options.ingestThread ?? false;
  if (threaded && (options.redisUrl === undefined || options.mqttUrl === undefined)) {
    throw new ConfigError('ingestThread', 'the ingest thread needs redisUrl and mqttUrl');
  }
  if (threaded && options.clock !== undefined) {
    throw new ConfigError('ingestThread', 'the ingest thread runs on the system clock; drop the clock');
  }
  const network = buildCenterNetwork(options.scenario);
  const metrics = new Metrics();
  const store: StateStore =
    options.redisUrl === undefined
      ? new MemoryStateStore({ clock })
      : await RedisStateStore.connect({ url: options.redisUrl, prefix: options.redisPrefix ?? 'its' });
  const stops = [...network.stops.values()].map((s) => ({
    id: s.id,
    name: s.name,
    nameEn: s.nameEn ?? null,
    lon: s.lon,
    lat: s.lat,
    region:
      (s.linkId === undefined ? undefined : network.links.get(s.linkId)?.region) ??
      network.regionIds[0] ??
      null,
  }));
  if (stops.length > 0) await store.put('stop', stops);
  // Instances acting as one share the audit log too: B's GET /api/v1/audit shows A's writes.
  const ownAudit =
    options.audit === undefined && options.redisUrl !== undefined
      ? await RedisAuditLog.connect({ url: options.redisUrl, prefix: options.redisPrefix ?? 'its' })
      : null;
  const audit = options.audit ?? ownAudit ?? new MemoryAuditLog();
  const arrivals = new ArrivalService({ network, clock });
  await arrivals.warm(store);
  const watch = new IncidentWatch({
    network,
    store,
    clock,
    planner: new RoutePlanner(network),
    metrics,
    probeIncidents: options.probeIncidents ?? false,
    onError: (err) => log(`center incidents: ${(err as Error).message}`),
  });
  await watch.start();
  // With the ingest thread, `ingest` becomes the worker's once it runs.
  let ingest: IngestPort = threaded
    ? NOT_STARTED
    : new CenterIngest({
        store,
        clock,
        metrics,
        onFirstReject: (reason, topic, detail) =>
          log(`center ingest: rejected (${reason}) on ${topic}: ${detail}`),
      });
  let mqtt: UplinkSubscriber | null = null;
  let thread: IngestThread | null = null;
  const centerId = options.centerId ?? `center-${process.pid}`;
  // Fare and toll settlement batches from the edges' ledgers, recorded before each is acknowledged.
  const clearing =
    options.clearingHouse === false
      ? null
      : openClearingService({
          centerId,
          clock,
          ...(options.clearingFile === undefined ? {} : { clearingFile: options.clearingFile }),
          log,
        });
  const acks = new UplinkAcks({
    centerId,
    clock,
    publish: (topic, payload) =>
      mqtt === null ? Promise.reject(new Error('not connected yet')) : mqtt.publish(topic, payload),
    onError: (err) => log(`center uplink ack: ${(err as Error).message} (the edge will resend)`),
  });
  const answer = (outcome: IngestOutcome): IngestOutcome => {
    void acks.answer(outcome);
    return outcome;
  };
  let commandSeq = 0;
  const commandLog = new CommandLog();
  const tokens = options.tokens instanceof ApiTokens ? options.tokens : new ApiTokens(options.tokens);
  const api = createCenterApi(
    {
      network,
      store,
      clock,
      metrics,
      tokens,
      audit,
      arrivals,
      probes: (linkId, nowMs) => watch.probeEstimate(linkId, nowMs),
      // core `signal.command` on its/v1/<region>/cmd/<intersectionId>; the edge answers with a result.
      commands: async (c) => {
        if (mqtt === null) return false;
        const message = signalCommandSchema.parse({
          kind: 'signal.command',
          id: c.commandId,
          deviceId: 'center',
          seq: commandSeq++,
          ts: clock.now(),
          ...c,
        });
        commandLog.issued(c);
        try {
          await mqtt.publish(signalCommandTopic(c.region, c.intersectionId), JSON.stringify(message));
        } catch (err) {
          commandLog.forget(c.commandId);
          throw err;
        }
        return true;
      },
      ready: () => options.mqttUrl === undefined || (mqtt !== null && (thread?.alive() ?? !threaded)),
    },
    {
      ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
      ...(options.boardPacing ? { boardPacing: options.boardPacing } : {}),
      extraRoutes: [
        gtfsRtRoutes(encodeFeed, (i) => {
          const r = watch.response(i.id);
          return r === undefined ? null : { ...r.text, detour: r.detour !== null };
        }),
        routeRoutes(watch),
        commandRoutes(commandLog),
        ...(clearing === null ? [] : [clearing.routes]),
        ...(options.extraRoutes ?? []),
      ],
    },
  );
  // Each answer also goes to `signals` subscribers as a record delta of collection `command`.
  const commandResults = new CommandResults({
    log: commandLog,
    clock,
    metrics,
    onAnswer: (view) =>
      api.hub.publish('signals', [
        { collection: 'command', op: 'put', id: view.command.commandId, value: view },
      ]),
    onFirstReject: (reason, topic, detail) =>
      log(`center commands: result rejected (${reason}) on ${topic}: ${detail}`),
  });
  let server: WebServer;
  try {
    server = await startWebServer(
      api.handlers,
      {
        port: options.httpPort,
        host: options.httpHost ?? '127.0.0.1',
        maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
        ...(options.httpTls === undefined ? {} : { tls: options.httpTls }),
      },
      options.engine ?? 'auto',
    );
    if (options.mqttUrl !== undefined) {
      const o: CenterMqttOptions = {
        url: options.mqttUrl,
        protocol: options.mqttProtocol ?? 'auto',
        auth: options.mqttAuth,
        shareGroup: options.shareGroup ?? 'center',
        maxInFlight: options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
        minInFlight: Math.min(
          options.minInFlight ?? DEFAULT_MIN_IN_FLIGHT,
          options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
        ),
        uplinkFilter: options.uplinkFilter,
        statusFilter: options.statusFilter,
        commandResults,
        log,
      };
      const side = threaded
        ? await connectThreadedCenterMqtt(
            o,
            { redisUrl: options.redisUrl ?? '', redisPrefix: options.redisPrefix ?? 'its', centerId },
            metrics,
          )
        : await connectCenterMqtt(o, () => ingest, answer);
      mqtt = side.mqtt;
      thread = side.thread;
      if (thread !== null) ingest = thread.ingest;
      await clearing?.connect({
        url: options.mqttUrl,
        protocol: options.mqttProtocol ?? 'auto',
        ...options.mqttAuth,
      });
    }
  } catch (err) {
    await mqtt?.close();
    await thread?.close();
    await clearing?.close();
    watch.close();
    api.close();
    await ownAudit?.close();
    await store.close();
    throw err;
  }
  metrics.onCollect(() => {
    const s = ingest.stats();
    metrics.set('its_center_ingest_accepted', 'Messages accepted since start', s.accepted);
    // The worker reports its own window (ingest-worker.ts); this session then carries commands only.
    if (mqtt !== null && thread === null) metrics.set(...IN_FLIGHT_GAUGE, mqtt.window());
  });
  return {
    port: server.port,
    engine: server.engine,
    store,
    network,
    ingest,
    metrics,
    api,
    arrivals,
    mqtt,
    incidents: watch,
    commandResults,
    clearing,
    close: async () => {
      await mqtt?.close();
      await thread?.close();
      await clearing?.close();
      watch.close();
      api.close();
      await server.close();
      await ownAudit?.close();
      await store.close();
    },
  };
}
