/**
 * @module edge/runtime/edge-runtime
 * One region's edge, wired once for every caller (`its edge`, the demo): the field subscriber
 * (persistent MQTT session, QoS 1 messages journaled in SQLite before their PUBACK and replayed at the
 * next start) feeding the technology-free `EdgeNode`, the node's controller links over OPC UA, and its
 * summaries going out through the SQLite store-and-forward uplink. The detector interval closed last
 * is kept in SQLite too, so a restarted edge opens every later one to what the broker held for it
 * (`SqliteIntervalMarks`, edge/detectors `lastClosedMs`). Shutdown stops the inputs first,
 * then seals and sends what is queued, then closes the store, so an orderly stop loses nothing: what
 * did not get its PUBACK stays on disk for the next start (./shutdown.ts).
 */
import { dirname, join } from 'node:path';
import { buildTopic, SystemClock } from '../../core/index.ts';
import { MessageGuard } from '../../core/security/index.ts';
import { connectFieldSubscriber, EDGE_NODE_KINDS, type FieldSubscriber } from '../adapters/mqtt/index.ts';
import { SqliteIntervalMarks } from '../adapters/sqlite/index.ts';
import { EdgeNode } from '../node/index.ts';
import { startEdgeLedger } from '../settlement/index.ts';
import { GapAlarms, SessionBacklog } from '../ingest/index.ts';
import { connectCommandChannel } from './command-channel.ts';
import { connectControllerLinks } from './controller-links.ts';
import type { EdgeRuntime, EdgeRuntimeOptions } from './edge-runtime-options.ts';
import { EdgeStatusMessages } from './edge-status.ts';
import { FieldInbox } from './field-inbox.ts';
import { startMetricsEndpoint } from './metrics-endpoint.ts';
import { drainUplink, ShutdownSequence } from './shutdown.ts';
import { openStoreAndForward } from './store-and-forward.ts';

/** Journal entries older than this have had their effects queued for the uplink, ms of `clock`. */
const JOURNAL_KEEP_MS = 120_000;

/** Start an edge; resolves once subscribed to its field topics. On failure, closes what it opened. */
export async function startEdgeRuntime(options: EdgeRuntimeOptions): Promise<EdgeRuntime> {
  const { clock, edgeId, region, scenario } = options;
  if (!scenario.regions.some((r) => r.id === region)) {
    throw new Error(`region ${region} is not in scenario ${scenario.id}`);
  }
  // Inputs (subscriptions) close first, then the rest in reverse order of opening.
  const shutdown = new ShutdownSequence();
  try {
    // First, so /healthz answers and /readyz says `starting` while the rest is being reached.
    const endpoint =
      options.metricsEndpoint === undefined
        ? null
        : await startMetricsEndpoint(
            options.metricsEndpoint,
            { edgeId, region, strategy: options.strategy },
            options.log,
          );
    if (endpoint !== null) shutdown.closer(() => endpoint.close());
    const controllers = await connectControllerLinks(options, scenario, region, shutdown);
    const links = controllers.links;
    const { store, transport, forwarder } = openStoreAndForward(options, shutdown);
    const replayedEntries = store.journalEntries();
    // Which detector intervals the edge has closed and sent, across restarts: every later one is open
    // to what the broker held while the edge was away, whatever the journal still holds.
    const marks = new SqliteIntervalMarks(options.dbFile);
    shutdown.closer(() => marks.close());
    const lastClosedIntervalMs = marks.lastClosed(region);
    const backlog = new SessionBacklog({
      clock: options.sessionBacklog?.clock ?? new SystemClock(),
      ...(options.sessionBacklog?.quietMs === undefined ? {} : { quietMs: options.sessionBacklog.quietMs }),
      ...(options.sessionBacklog?.maxHoldMs === undefined
        ? {}
        : { maxHoldMs: options.sessionBacklog.maxHoldMs }),
    });
    const node = new EdgeNode({
      scenario,
      region,
      edgeId,
      clock,
      strategy: options.strategy,
      tsp: options.tsp,
      ...(options.tspRule === undefined ? {} : { tspRule: options.tspRule }),
      controllers: links,
      uplink: forwarder,
      log: (line) => options.log(`${edgeId}: ${line}`),
      ...(options.controlPeriodMs === undefined ? {} : { controlPeriodMs: options.controlPeriodMs }),
      ...(options.detectorGraceMs === undefined ? {} : { detectorGraceMs: options.detectorGraceMs }),
      ...(replayedEntries[0] === undefined ? {} : { replayFromMs: replayedEntries[0].receivedAtMs }),
      ...(options.replayGuard === true ? { guard: new MessageGuard({ clock, bindIdentity: false }) } : {}),
      holdIntervals: () => backlog.holding(),
      ...(lastClosedIntervalMs === null ? {} : { lastClosedIntervalMs }),
      onIntervalsClosed: (intervalStartMs) => marks.record(region, intervalStartMs),
      ...(endpoint === null ? {} : { stepTimer: endpoint.stepTimer }),
    });
    // Messages acknowledged before a crash but not yet summarised into the uplink are replayed first.
    for (const entry of replayedEntries) node.replay(entry.topic, entry.payload);
    forwarder.start();
    shutdown.closer(() => forwarder.stop());
    // Settled gaps in devices' sequence numbers go up as `sequence-gap` alarms.
    const gaps = new GapAlarms();
    const inbox = new FieldInbox(node, store, clock, gaps, backlog);
    const status = new EdgeStatusMessages(edgeId, clock, store.sequenceStartsAfresh);
    // What the broker held for this session while the edge was away comes right after the CONNACK.
    backlog.resumed(clock.now());
    const subscriber: FieldSubscriber = await connectFieldSubscriber({
      url: options.fieldMqttUrl,
      clientId: options.clientIds?.field ?? `its-${edgeId}`,
      region,
      kinds: EDGE_NODE_KINDS,
      visitingBusRegions: node.visitingBusRegions,
      ...(options.fieldAuth === undefined ? {} : { auth: options.fieldAuth }),
      ...(options.presence === true
        ? {
            presence: {
              topic: buildTopic(region, 'status', edgeId),
              online: () => status.next(true, 'startup'),
              offline: status.next(false, 'last-will'),
            },
          }
        : {}),
      onMessage: (topic, payload) => void inbox.receive(topic, payload),
    });
    shutdown.input(() => subscriber.close());
    // After a dropped connection MQTT.js reconnects by itself, and the broker sends what it held.
    subscriber.client.on('connect', () => backlog.resumed(clock.now()));
    // The control loop, which closes detector intervals, starts only now, and no interval closes until
    // the backlog the broker held for this session has drained (it may be larger than the broker's
    // in-flight window, so part of it comes after the SUBACK): reports acknowledged to devices while
    // the edge was away count in their intervals.
    node.start();
    shutdown.closer(() => node.stop());
    // Operator commands come from the center's broker; answers go back on the same connection.
    const commands = await connectCommandChannel(options, node);
    shutdown.input(() => commands.close());
    // Fare and toll ledger (issue 7): its own session on tap/toll, settlement batches to the center.
    const edgeLedger = await startEdgeLedger({
      ...{ scenario, region, edgeId, clock, fieldMqttUrl: options.fieldMqttUrl, log: options.log },
      ledgerFile: join(dirname(options.dbFile), `${edgeId}-ledger.sqlite`),
      centerMqttUrl: options.centerMqttUrl ?? options.fieldMqttUrl,
      ...(options.fieldAuth === undefined ? {} : { fieldAuth: options.fieldAuth }),
      ...(options.centerAuth === undefined ? {} : { centerAuth: options.centerAuth }),
    });
    shutdown.input(() => edgeLedger.stop());
    // Not while intervals are held: what the journal holds then is not summarised yet.
    const housekeeping = clock.setInterval(() => {
      if (!backlog.holding()) store.pruneJournal(clock.now() - JOURNAL_KEEP_MS);
    }, 30_000);
    const gapReports = clock.setInterval(() => forwarder.enqueue(gaps.due(clock.now())), 5_000);
    const stats = () => ({
      node: node.stats(),
      uplink: forwarder.stats(),
      journaled: inbox.journaledCount,
      sessionBacklog: backlog.stats(),
    });
    endpoint?.attach({
      sample: () => ({
        ...stats(),
        edgeId,
        region,
        strategy: options.strategy,
        replayed: replayedEntries.length,
        fieldBrokerConnected: subscriber.client.connected,
        centerBrokerConnected: transport.connected,
        controllers: [...links].map(([intersectionId, link]) => ({
          intersectionId,
          online: link.snapshot().online,
        })),
        controllerCommandsFailed: controllers.failedCommands(),
      }),
    });
    let stopping: Promise<void> | null = null;
    const stop = async (): Promise<void> => {
      endpoint?.stopping();
      clock.clear(housekeeping);
      clock.clear(gapReports);
      await shutdown.closeInputs();
      node.stop();
      // Give in-flight batches a moment to be acknowledged; the rest stays queued on disk.
      await drainUplink(forwarder, transport, options.drainMs ?? 2_000);
      await shutdown.closeAll();
    };
    return {
      edgeId,
      region,
      node,
      forwarder,
      links,
      replayed: replayedEntries.length,
      metricsPort: endpoint?.port ?? null,
      stats,
      stop: () => (stopping ??= stop()),
    };
  } catch (err) {
    await shutdown.closeAll();
    throw err;
  }
}
