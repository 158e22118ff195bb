/**
 * @module center/node/center-node
 * One center instance, wired: the scenario index, the state store (in-process, or Redis shared with
 * other instances), MQTT ingest, arrival prediction, the API and the web server. The entry point
 * (`its center`) and the integration tests start it; algorithms stay in their folders.
 */
import { ConfigError, signalCommandSchema, signalCommandTopic, SystemClock } from '../../core/index.ts';
import { RedisAuditLog, RedisStateStore } from '../adapters/redis/index.ts';
import { IN_FLIGHT_GAUGE, openClearingService, type UplinkSubscriber } from '../adapters/mqtt/index.ts';
import { encodeFeed } from '../adapters/gtfs-rt/index.ts';
import { MemoryAuditLog } from '../audit/index.ts';
import { CommandLog, CommandResults, commandRoutes } from '../commands/index.ts';
import { IncidentWatch, routeRoutes } from '../detours/index.ts';
import { gtfsRtRoutes } from '../gtfs-rt/index.ts';
import { RoutePlanner } from '../routing/index.ts';
import { ApiTokens, createCenterApi, type WebServer } from '../http/index.ts';
import { CenterIngest, UplinkAcks, type IngestOutcome } from '../ingest/index.ts';
import { NOT_STARTED, type IngestPort, type IngestThread } from './ingest-thread.ts';
import { connectCenterMqtt, connectThreadedCenterMqtt, type CenterMqttOptions } from './center-mqtt.ts';
import { Metrics } from '../metrics/index.ts';
import { buildCenterNetwork } from '../network/index.ts';
import { ArrivalService } from '../prediction/index.ts';
import { MemoryStateStore, type StateStore } from '../state/index.ts';
import { startWebServer } from './web-engine.ts';
import {
  DEFAULT_MAX_IN_FLIGHT,
  DEFAULT_MIN_IN_FLIGHT,
  type CenterNode,
  type CenterNodeOptions,
} from './center-node-options.ts';

export { DEFAULT_MAX_IN_FLIGHT, DEFAULT_MIN_IN_FLIGHT } from './center-node-options.ts';
export type { CenterNode, CenterNodeOptions } from './center-node-options.ts';

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
      traffic: (linkId) => watch.traffic(linkId),
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
        ...(options.wsMaxPerAddress === undefined ? {} : { wsMaxPerAddress: options.wsMaxPerAddress }),
        ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
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
