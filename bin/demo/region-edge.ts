/**
 * @module bin/demo/region-edge
 * One region's edge of the demo: edge/runtime's `startEdgeRuntime`, the same composition `its edge`
 * runs, with the demo's folders, client ids and clock. A Ctrl-C loses nothing: what did not get its
 * PUBACK stays in `uplink.db` for the next start. Like `its edge`, it serves `/metrics`, `/healthz`
 * and `/readyz` (edge/runtime `metricsEndpoint`), by default on 127.0.0.1 and a free port: a demo
 * runs several edges in one process, and tests run several demos at once.
 */
import { join } from 'node:path';
import type { Clock, Scenario } from '../../core/index.ts';
import { edgeIdOf } from '../../broker/index.ts';
import { trustOpcuaServer } from '../../broker/tls/adapters/opcua/index.ts';
import type { TspRule } from '../../edge/adaptive/index.ts';
import type { EdgeNode, EdgeNodeStats } from '../../edge/node/index.ts';
import type { UplinkForwarder, UplinkStats } from '../../edge/uplink/index.ts';
import { startEdgeRuntime, type MetricsEndpointOptions } from '../../edge/runtime/index.ts';

/** Options of {@link startRegionEdge}. */
export type RegionEdgeOptions = {
  readonly scenario: Scenario;
  readonly region: string;
  readonly clock: Clock;
  /** Field broker (and the uplink's, unless `uplinkMqttUrl` is given). */
  readonly mqttUrl: string;
  /** The center's broker, when it is not the field broker. */
  readonly uplinkMqttUrl?: string;
  /** Credentials on the field broker; omitted = anonymous. */
  readonly fieldAuth?: { username: string; password: string } | undefined;
  /** Credentials on the center's broker; omitted = the field ones. */
  readonly centerAuth?: { username: string; password: string } | undefined;
  /**
   * OPC UA endpoint of the controllers and the PKI folder of their server, whose certificate the edge
   * is given to trust; omitted = no signal control from this edge.
   */
  readonly opcua?: {
    readonly endpointUrl: string;
    readonly username: string;
    readonly password: string;
    readonly serverPkiDir: string;
  };
  /** Folder for this edge's uplink queue and OPC UA client PKI. */
  readonly dataDir: string;
  readonly strategy: string;
  readonly tsp?: boolean;
  /** With `tsp`: how late a bus must be for priority, s (-Infinity: every approaching bus), or a tiered rule. Default the edge node's. */
  readonly tspRule?: TspRule;
  /** Uplink flush period, simulated ms. Default 1000. */
  readonly uplinkFlushMs?: number;
  /** Prompt window of a bus's progress and stop events on the uplink, simulated ms; null = off. Default 50. */
  readonly uplinkPromptMs?: number | null;
  /** Center acknowledgement timeout of the uplink, simulated ms. Default 30 000. */
  readonly uplinkAckTimeoutMs?: number;
  /** Control period, simulated ms. Default 1000. */
  readonly controlPeriodMs?: number;
  /** How long after an interval ends loop reports still count into it, simulated ms. Default the edge's (2000). */
  readonly detectorGraceMs?: number;
  /** Where to serve `/metrics`, `/healthz` and `/readyz`; null = nowhere. Default 127.0.0.1, a free port. */
  readonly metricsEndpoint?: MetricsEndpointOptions | null;
  readonly log: (line: string) => void;
};

/** A running region edge. */
export type RegionEdge = {
  readonly edgeId: string;
  readonly region: string;
  readonly node: EdgeNode;
  readonly forwarder: UplinkForwarder;
  /** URL of the edge's `/metrics` (beside it `/healthz`, `/readyz`), or null without the endpoint. */
  readonly metricsUrl: string | null;
  stats(): { readonly node: EdgeNodeStats; readonly uplink: UplinkStats };
  close(): Promise<void>;
};

/** Start a region edge; resolves once subscribed to its field topics. */
export async function startRegionEdge(options: RegionEdgeOptions): Promise<RegionEdge> {
  const edgeId = edgeIdOf(options.region);
  const dir = join(options.dataDir, edgeId);
  const fieldAuth = options.fieldAuth;
  const pkiDir = join(dir, 'opcua-pki');
  if (options.opcua !== undefined) await trustOpcuaServer(pkiDir, options.opcua.serverPkiDir);
  const metricsEndpoint = options.metricsEndpoint === undefined ? { port: 0 } : options.metricsEndpoint;
  const edge = await startEdgeRuntime({
    scenario: options.scenario,
    region: options.region,
    edgeId,
    clock: options.clock,
    fieldMqttUrl: options.mqttUrl,
    ...(options.uplinkMqttUrl === undefined ? {} : { centerMqttUrl: options.uplinkMqttUrl }),
    fieldAuth,
    centerAuth: options.centerAuth ?? fieldAuth,
    clientIds: { field: edgeId, uplink: `${edgeId}-uplink` },
    // Retained online status and last will, so the control room shows the edge's presence.
    presence: true,
    dbFile: join(dir, 'uplink.db'),
    ...(options.opcua === undefined
      ? {}
      : {
          opcua: {
            endpoints: [options.opcua.endpointUrl],
            username: options.opcua.username,
            password: options.opcua.password,
            pkiDir,
          },
        }),
    strategy: options.strategy,
    tsp: options.tsp ?? true,
    ...(options.tspRule === undefined ? {} : { tspRule: options.tspRule }),
    ...(options.controlPeriodMs === undefined ? {} : { controlPeriodMs: options.controlPeriodMs }),
    ...(options.detectorGraceMs === undefined ? {} : { detectorGraceMs: options.detectorGraceMs }),
    ...(options.uplinkFlushMs === undefined ? {} : { uplinkFlushMs: options.uplinkFlushMs }),
    ...(options.uplinkAckTimeoutMs === undefined ? {} : { uplinkAckTimeoutMs: options.uplinkAckTimeoutMs }),
    ...(options.uplinkPromptMs === undefined ? {} : { uplinkPromptMs: options.uplinkPromptMs }),
    ...(metricsEndpoint === null ? {} : { metricsEndpoint }),
    log: options.log,
  });
  const host = metricsEndpoint?.host ?? '127.0.0.1';
  return {
    edgeId,
    region: options.region,
    node: edge.node,
    forwarder: edge.forwarder,
    metricsUrl:
      edge.metricsPort === null
        ? null
        : `http://${host.includes(':') ? `[${host}]` : host}:${edge.metricsPort}/metrics`,
    stats: () => edge.stats(),
    close: () => edge.stop(),
  };
}
