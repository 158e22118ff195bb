/**
 * @module edge/runtime/store-and-forward
 * The edge's uplink, composed: the SQLite store (queue and inbox journal, its folder created), the
 * MQTT transport to the center's broker with end-to-end acknowledgement (a batch leaves the queue
 * only when the center has stored it, core `uplink.ack`), and the forwarder between them. Each part
 * is handed to the shutdown sequence as it is opened.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MqttUplinkTransport } from '../adapters/mqtt/index.ts';
import { SqliteUplinkStore } from '../adapters/sqlite/index.ts';
import { UplinkForwarder } from '../uplink/index.ts';
import type { EdgeRuntimeOptions } from './edge-runtime-options.ts';
import type { ShutdownSequence } from './shutdown.ts';

/** The uplink's parts; the forwarder is not started yet. */
export type StoreAndForward = {
  readonly store: SqliteUplinkStore;
  readonly transport: MqttUplinkTransport;
  readonly forwarder: UplinkForwarder;
};

/** Open the store and connect the transport (each closed by `shutdown`), and build the forwarder. */
export function openStoreAndForward(
  options: Pick<
    EdgeRuntimeOptions,
    | 'edgeId'
    | 'region'
    | 'clock'
    | 'dbFile'
    | 'fieldMqttUrl'
    | 'centerMqttUrl'
    | 'centerAuth'
    | 'clientIds'
    | 'uplinkFlushMs'
    | 'uplinkAckTimeoutMs'
    | 'uplinkPromptMs'
  >,
  shutdown: ShutdownSequence,
): StoreAndForward {
  const { edgeId, region } = options;
  mkdirSync(dirname(options.dbFile), { recursive: true });
  const store = new SqliteUplinkStore(options.dbFile);
  shutdown.closer(() => store.close());
  const transport = new MqttUplinkTransport({
    url: options.centerMqttUrl ?? options.fieldMqttUrl,
    clientId: options.clientIds?.uplink ?? `its-${edgeId}-up`,
    // End-to-end: a batch leaves the queue only when the center has stored it (core uplink.ack).
    acks: { region, edgeId },
    ...(options.centerAuth === undefined ? {} : { auth: options.centerAuth }),
  });
  shutdown.closer(() => transport.close());
  const forwarder = new UplinkForwarder({
    store,
    transport,
    clock: options.clock,
    edgeId,
    region,
    ...(options.uplinkFlushMs === undefined ? {} : { flushIntervalMs: options.uplinkFlushMs }),
    ...(options.uplinkAckTimeoutMs === undefined ? {} : { ackTimeoutMs: options.uplinkAckTimeoutMs }),
    ...(options.uplinkPromptMs === undefined ? {} : { promptWindowMs: options.uplinkPromptMs }),
  });
  return { store, transport, forwarder };
}
