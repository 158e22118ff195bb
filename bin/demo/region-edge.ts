/**
 * @module bin/demo/region-edge
 * One region's edge, composed from the edge's parts as the `its edge` process composes them: the field
 * subscriber (persistent MQTT session, QoS 1 messages journaled before their PUBACK and replayed at
 * start) feeding the technology-free `EdgeNode`, the node's controller
 * links over OPC UA, and its summaries going out through the SQLite store-and-forward uplink.
 * Shutdown stops the inputs first, then seals and sends what is queued, then closes the store, so a
 * Ctrl-C loses nothing: what did not get its PUBACK stays in `uplink.db` for the next start.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ACTUATION_DETAIL,
  SystemClock,
  TOPIC_POLICY,
  parseTopic,
  type Clock,
  type Scenario,
} from '../../core/index.ts';
import { edgeIdOf } from '../../broker/index.ts';
import { EdgeNode, type ControllerLink, type EdgeNodeStats } from '../../edge/node/index.ts';
import { UplinkForwarder, type UplinkStats } from '../../edge/uplink/index.ts';
import { connectFieldSubscriber, MqttUplinkTransport } from '../../edge/adapters/mqtt/index.ts';
import type { FieldSubscriber } from '../../edge/adapters/mqtt/index.ts';
import { connectControllerClient, type ControllerClient } from '../../edge/adapters/opcua/index.ts';
import { SqliteUplinkStore } from '../../edge/adapters/sqlite/index.ts';

/** Journal entries older than this have had their effects queued for the uplink, simulated ms. */
const JOURNAL_KEEP_MS = 120_000;

/** QoS 1 field messages are journaled before their PUBACK (as `its edge` does), actuations are not. */
function journaled(topic: string): boolean {
  const t = parseTopic(topic);
  if (t === null) return false;
  if (t.kind === 'det' && t.detail[0] === ACTUATION_DETAIL) return false;
  return TOPIC_POLICY[t.kind].qos === 1;
}

/** Options of {@link startRegionEdge}. */
export type RegionEdgeOptions = {
  readonly scenario: Scenario;
  readonly region: string;
  readonly clock: Clock;
  /** Field broker (and the uplink's, unless `uplinkMqttUrl` is given). */
  readonly mqttUrl: string;
  /** The center's broker, when it is not the field broker. */
  readonly uplinkMqttUrl?: string;
  /** OPC UA endpoint of the controllers; omitted = no signal control from this edge. */
  readonly opcua?: { readonly endpointUrl: string; readonly username: string; readonly password: string };
  /** Folder for this edge's uplink queue and OPC UA client PKI. */
  readonly dataDir: string;
  readonly strategy: string;
  readonly tsp?: boolean;
  /** Uplink flush period, simulated ms. Default 1000. */
  readonly uplinkFlushMs?: number;
  /** Control period, simulated ms. Default 1000. */
  readonly controlPeriodMs?: number;
  readonly log: (line: string) => void;
};

/** A running region edge. */
export type RegionEdge = {
  readonly edgeId: string;
  readonly region: string;
  readonly node: EdgeNode;
  readonly forwarder: UplinkForwarder;
  stats(): { readonly node: EdgeNodeStats; readonly uplink: UplinkStats };
  close(): Promise<void>;
};

/** Start a region edge; resolves once subscribed to its field topics. */
export async function startRegionEdge(options: RegionEdgeOptions): Promise<RegionEdge> {
  const edgeId = edgeIdOf(options.region);
  const dir = join(options.dataDir, edgeId);
  mkdirSync(dir, { recursive: true });
  let controllerClient: ControllerClient | null = null;
  const links = new Map<string, ControllerLink>();
  if (options.opcua !== undefined) {
    controllerClient = await connectControllerClient({
      ...options.opcua,
      pkiDir: join(dir, 'opcua-pki'),
      // Connection liveness is a matter of wall time, whatever the simulation speed.
      clock: new SystemClock(),
    });
    const mine = new Set(
      options.scenario.intersections.filter((x) => x.region === options.region).map((x) => x.id),
    );
    for (const [id, link] of controllerClient.links) if (mine.has(id)) links.set(id, link);
  }
  const store = new SqliteUplinkStore(join(dir, 'uplink.db'));
  const transport = new MqttUplinkTransport({
    url: options.uplinkMqttUrl ?? options.mqttUrl,
    clientId: `${edgeId}-uplink`,
  });
  const forwarder = new UplinkForwarder({
    store,
    transport,
    clock: options.clock,
    edgeId,
    region: options.region,
    ...(options.uplinkFlushMs === undefined ? {} : { flushIntervalMs: options.uplinkFlushMs }),
  });
  const node = new EdgeNode({
    scenario: options.scenario,
    region: options.region,
    clock: options.clock,
    strategy: options.strategy,
    tsp: options.tsp ?? true,
    controllers: links,
    uplink: forwarder,
    ...(options.controlPeriodMs === undefined ? {} : { controlPeriodMs: options.controlPeriodMs }),
    log: (line) => options.log(`${edgeId}: ${line}`),
  });
  // Messages acknowledged before a crash but not yet summarised into the uplink are replayed first.
  for (const entry of store.journalEntries()) node.handle(entry.topic, entry.payload);
  let subscriber: FieldSubscriber;
  try {
    subscriber = await connectFieldSubscriber({
      url: options.mqttUrl,
      clientId: edgeId,
      region: options.region,
      onMessage: (topic, payload) => {
        if (journaled(topic)) store.journal(topic, payload, options.clock.now());
        node.handle(topic, payload);
      },
    });
  } catch (err) {
    await transport.close();
    store.close();
    await controllerClient?.close();
    throw err;
  }
  node.start();
  forwarder.start();
  const housekeeping = options.clock.setInterval(
    () => store.pruneJournal(options.clock.now() - JOURNAL_KEEP_MS),
    30_000,
  );
  return {
    edgeId,
    region: options.region,
    node,
    forwarder,
    stats: () => ({ node: node.stats(), uplink: forwarder.stats() }),
    async close() {
      options.clock.clear(housekeeping);
      await subscriber.close();
      node.stop();
      forwarder.flush();
      // Give in-flight batches a moment to be acknowledged; the rest stays queued on disk.
      const until = Date.now() + 2_000;
      while (forwarder.stats().queuedBatches > 0 && transport.connected && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20));
      forwarder.stop();
      await transport.close();
      store.close();
      await controllerClient?.close();
    },
  };
}
