/**
 * @module edge/runtime/edge-runtime
 * One region's edge, wired once for every caller (`its edge`, the demo): the field subscriber
 * (persistent MQTT session, QoS 1 messages journaled in SQLite before their PUBACK and replayed at the
 * next start) feeding the technology-free `EdgeNode`, the node's controller links over OPC UA, and its
 * summaries going out through the SQLite store-and-forward uplink. The detector interval closed last
 * is kept in SQLite too, so a restarted edge opens every later one to what the broker held for it
 * (`SqliteIntervalMarks`, edge/detectors `lastClosedMs`). Shutdown stops the inputs first,
 * then seals and sends what is queued, then closes the store, so an orderly stop loses nothing: what
 * did not get its PUBACK stays on disk for the next start.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  buildTopic,
  newId,
  signalCommandResultTopic,
  SystemClock,
  type Clock,
  type Scenario,
} from '../../core/index.ts';
import { MessageGuard } from '../../core/security/index.ts';
import {
  connectCommandSubscriber,
  connectFieldSubscriber,
  EDGE_NODE_KINDS,
  MqttUplinkTransport,
  type FieldSubscriber,
  type MqttAuth,
} from '../adapters/mqtt/index.ts';
import { connectControllerClient, type ControllerClient } from '../adapters/opcua/index.ts';
import { SqliteIntervalMarks, SqliteUplinkStore } from '../adapters/sqlite/index.ts';
import type { TspRule } from '../adaptive/index.ts';
import { EdgeNode, type ControllerLink, type EdgeNodeStats } from '../node/index.ts';
import { UplinkForwarder, type UplinkStats } from '../uplink/index.ts';
import { startEdgeLedger } from '../settlement/index.ts';
import { GapAlarms, SessionBacklog, type SessionBacklogStats } from '../ingest/index.ts';
import { FieldInbox } from './field-inbox.ts';
import { startMetricsEndpoint, type MetricsEndpointOptions } from './metrics-endpoint.ts';

/** Journal entries older than this have had their effects queued for the uplink, ms of `clock`. */
const JOURNAL_KEEP_MS = 120_000;

/** Options of {@link startEdgeRuntime}. */
export type EdgeRuntimeOptions = {
  readonly scenario: Scenario;
  readonly region: string;
  /** Edge id in topics and batches. */
  readonly edgeId: string;
  /** Clock of control, summaries and journal ages (the wall clock live, a scaled clock in the demo). */
  readonly clock: Clock;
  /** Field broker URL. */
  readonly fieldMqttUrl: string;
  /** The center's broker URL; default the field broker. */
  readonly centerMqttUrl?: string;
  /** Credentials on the field broker; undefined = anonymous. */
  readonly fieldAuth: MqttAuth | undefined;
  /** Credentials on the center's broker; undefined = anonymous. */
  readonly centerAuth: MqttAuth | undefined;
  /** MQTT client ids; the field one is fixed so the broker keeps the session across restarts. */
  readonly clientIds?: { readonly field: string; readonly uplink: string; readonly commands?: string };
  /** SQLite file of the uplink queue and inbox journal (its folder is created). */
  readonly dbFile: string;
  /** Controllers over OPC UA; omitted = no signal control from this edge. */
  readonly opcua?: {
    readonly endpoints: readonly string[];
    readonly username: string;
    readonly password: string;
    readonly pkiDir: string;
    /** Accept any controller certificate, not only those in `pkiDir/trusted`. Default false. */
    readonly trustUnknownServers?: boolean;
  };
  /** Controllers in this process (the simulator's, tests'), beside or instead of OPC UA ones. */
  readonly controllers?: ReadonlyMap<string, ControllerLink>;
  readonly strategy: string;
  readonly tsp: boolean;
  /** With `tsp`: how late a bus must be for priority, s (-Infinity: every approaching bus), or a tiered rule. Default the node's. */
  readonly tspMinLateS?: TspRule;
  /** Drop replayed and stale field messages by reason (core/security `MessageGuard`). */
  readonly replayGuard?: boolean;
  /** Publish the edge's presence (retained status, last will) on the field broker. */
  readonly presence?: boolean;
  /** Control period, ms of `clock`. Default 1000. */
  readonly controlPeriodMs?: number;
  /** Uplink flush period, ms of `clock`. Default the forwarder's. */
  readonly uplinkFlushMs?: number;
  /**
   * How long a bus's progress or stop event waits for other items before the uplink queue is sealed
   * and sent, ms of `clock`; null = off (it waits for the flush period). Default the forwarder's (50).
   */
  readonly uplinkPromptMs?: number | null;
  /** How long the center may leave every batch unanswered before all are resent, ms of `clock`. Default the forwarder's (30 s). */
  readonly uplinkAckTimeoutMs?: number;
  /** Wall time to wait at stop for queued batches to be acknowledged, ms. Default 2000. */
  readonly drainMs?: number;
  /**
   * How the backlog the field session resumes with is told drained (edge/ingest `SessionBacklog`):
   * its clock (default wall time, whatever `clock` is: the broker's pace is not the simulation's), the
   * quiet period and the cap. Detector intervals stay open until then.
   */
  readonly sessionBacklog?: {
    readonly clock?: Clock;
    readonly quietMs?: number;
    readonly maxHoldMs?: number;
  };
  /** Serve `/metrics`, `/healthz` and `/readyz` over HTTP (./metrics-endpoint.ts); omitted = none. */
  readonly metricsEndpoint?: MetricsEndpointOptions;
  readonly log: (line: string) => void;
};

/** A running edge. */
export type EdgeRuntime = {
  readonly edgeId: string;
  readonly region: string;
  readonly node: EdgeNode;
  readonly forwarder: UplinkForwarder;
  /** Controller links by intersection id (those of this region). */
  readonly links: ReadonlyMap<string, ControllerLink>;
  /** Journal entries replayed at start. */
  readonly replayed: number;
  /** The port of the metrics endpoint, or null without one. */
  readonly metricsPort: number | null;
  stats(): {
    readonly node: EdgeNodeStats;
    readonly uplink: UplinkStats;
    /** Valid QoS 1 field messages written to the inbox journal. */
    readonly journaled: number;
    /** The field session's (re)connects and the backlogs they brought. */
    readonly sessionBacklog: SessionBacklogStats;
  };
  /** Orderly shutdown; resolves when everything is closed. */
  stop(): Promise<void>;
};

/** Start an edge; resolves once subscribed to its field topics. On failure, closes what it opened. */
export async function startEdgeRuntime(options: EdgeRuntimeOptions): Promise<EdgeRuntime> {
  const { clock, edgeId, region, scenario } = options;
  if (!scenario.regions.some((r) => r.id === region)) {
    throw new Error(`region ${region} is not in scenario ${scenario.id}`);
  }
  // Inputs (subscriptions) close first, then the rest in reverse order of opening.
  const inputs: (() => Promise<void>)[] = [];
  const closers: (() => Promise<void> | void)[] = [];
  const closeInputs = async (): Promise<void> => {
    for (const close of inputs.splice(0).reverse()) await close();
  };
  const closeAll = async (): Promise<void> => {
    await closeInputs();
    for (const close of closers.splice(0).reverse()) await close();
  };
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
    if (endpoint !== null) closers.push(() => endpoint.close());
    const links = new Map<string, ControllerLink>(options.controllers ?? []);
    const clients: ControllerClient[] = [];
    if (options.opcua !== undefined) {
      const mine = new Set(scenario.intersections.filter((x) => x.region === region).map((x) => x.id));
      for (const endpointUrl of options.opcua.endpoints) {
        const client: ControllerClient = await connectControllerClient({
          endpointUrl,
          username: options.opcua.username,
          password: options.opcua.password,
          pkiDir: options.opcua.pkiDir,
          trustUnknownServers: options.opcua.trustUnknownServers ?? false,
          // Connection liveness is a matter of wall time, whatever the simulation speed.
          clock: new SystemClock(),
        });
        closers.push(() => client.close());
        clients.push(client);
        for (const [id, link] of client.links) if (mine.has(id)) links.set(id, link);
      }
    }
    mkdirSync(dirname(options.dbFile), { recursive: true });
    const store = new SqliteUplinkStore(options.dbFile);
    closers.push(() => store.close());
    const transport = new MqttUplinkTransport({
      url: options.centerMqttUrl ?? options.fieldMqttUrl,
      clientId: options.clientIds?.uplink ?? `its-${edgeId}-up`,
      // End-to-end: a batch leaves the queue only when the center has stored it (core uplink.ack).
      acks: { region, edgeId },
      ...(options.centerAuth === undefined ? {} : { auth: options.centerAuth }),
    });
    closers.push(() => transport.close());
    const forwarder = new UplinkForwarder({
      store,
      transport,
      clock,
      edgeId,
      region,
      ...(options.uplinkFlushMs === undefined ? {} : { flushIntervalMs: options.uplinkFlushMs }),
      ...(options.uplinkAckTimeoutMs === undefined ? {} : { ackTimeoutMs: options.uplinkAckTimeoutMs }),
      ...(options.uplinkPromptMs === undefined ? {} : { promptWindowMs: options.uplinkPromptMs }),
    });
    const replayedEntries = store.journalEntries();
    // Which detector intervals the edge has closed and sent, across restarts: every later one is open
    // to what the broker held while the edge was away, whatever the journal still holds.
    const marks = new SqliteIntervalMarks(options.dbFile);
    closers.push(() => marks.close());
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
      ...(options.tspMinLateS === undefined ? {} : { tspMinLateS: options.tspMinLateS }),
      controllers: links,
      uplink: forwarder,
      log: (line) => options.log(`${edgeId}: ${line}`),
      ...(options.controlPeriodMs === undefined ? {} : { controlPeriodMs: options.controlPeriodMs }),
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
    closers.push(() => forwarder.stop());
    // Settled gaps in devices' sequence numbers go up as `sequence-gap` alarms.
    const gaps = new GapAlarms();
    const inbox = new FieldInbox(node, store, clock, gaps, backlog);
    let statusSeq = 0;
    // The uplink sequence continues across restarts (it is on disk): only the first `online` status
    // of a store whose sequence really starts from 1 announces a reset. Never the last will, which
    // the broker publishes after this process is gone, when the center would take it to mean that
    // the batches before the next one are missing.
    let resetToAnnounce = store.sequenceStartsAfresh;
    const status = (online: boolean, reason: string): string => {
      const seqReset = online && resetToAnnounce;
      if (online) resetToAnnounce = false;
      return JSON.stringify({
        kind: 'status',
        id: newId(clock.now()),
        deviceId: edgeId,
        seq: statusSeq++,
        ts: clock.now(),
        deviceKind: 'edge',
        online,
        reason,
        seqReset,
        firmware: null,
      });
    };
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
              online: () => status(true, 'startup'),
              offline: status(false, 'last-will'),
            },
          }
        : {}),
      onMessage: (topic, payload) => void inbox.receive(topic, payload),
    });
    inputs.push(() => subscriber.close());
    // After a dropped connection MQTT.js reconnects by itself, and the broker sends what it held.
    subscriber.client.on('connect', () => backlog.resumed(clock.now()));
    // The control loop, which closes detector intervals, starts only now, and no interval closes until
    // the backlog the broker held for this session has drained (it may be larger than the broker's
    // in-flight window, so part of it comes after the SUBACK): reports acknowledged to devices while
    // the edge was away count in their intervals.
    node.start();
    closers.push(() => node.stop());
    // Operator commands come from the center's broker; answers go back on the same connection.
    const resultTopic = signalCommandResultTopic(region, edgeId);
    const commands = await connectCommandSubscriber({
      url: options.centerMqttUrl ?? options.fieldMqttUrl,
      clientId: options.clientIds?.commands ?? `its-${edgeId}-cmd`,
      region,
      ...(options.centerAuth === undefined ? {} : { auth: options.centerAuth }),
      onMessage: (topic, payload) => {
        const result = node.command(topic, payload);
        if (result === null) return;
        options.log(
          `${edgeId}: command ${result.commandId} for ${result.intersectionId} ${result.status}: ` +
            `${result.reason ?? ''} ${result.detail}`,
        );
        commands.publish(resultTopic, JSON.stringify(result)).catch((err: unknown) => {
          options.log(`${edgeId}: answer to command ${result.commandId} not sent: ${(err as Error).message}`);
        });
      },
    });
    inputs.push(() => commands.close());
    // Fare and toll ledger (issue 7): its own session on tap/toll, settlement batches to the center.
    const edgeLedger = await startEdgeLedger({
      ...{ scenario, region, edgeId, clock, fieldMqttUrl: options.fieldMqttUrl, log: options.log },
      ledgerFile: join(dirname(options.dbFile), `${edgeId}-ledger.sqlite`),
      centerMqttUrl: options.centerMqttUrl ?? options.fieldMqttUrl,
      ...(options.fieldAuth === undefined ? {} : { fieldAuth: options.fieldAuth }),
      ...(options.centerAuth === undefined ? {} : { centerAuth: options.centerAuth }),
    });
    inputs.push(() => edgeLedger.stop());
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
        controllerCommandsFailed:
          clients.length === 0 ? null : clients.reduce((n, c) => n + c.failedCommands(), 0),
      }),
    });
    let stopping: Promise<void> | null = null;
    const stop = async (): Promise<void> => {
      endpoint?.stopping();
      clock.clear(housekeeping);
      clock.clear(gapReports);
      await closeInputs();
      node.stop();
      forwarder.flush();
      // Give in-flight batches a moment to be acknowledged; the rest stays queued on disk.
      const until = Date.now() + (options.drainMs ?? 2_000);
      while (forwarder.stats().queuedBatches > 0 && transport.connected && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20));
      await closeAll();
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
    await closeAll();
    throw err;
  }
}
