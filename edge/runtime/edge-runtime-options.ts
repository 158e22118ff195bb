/**
 * @module edge/runtime/edge-runtime-options
 * What a caller gives `startEdgeRuntime` (./edge-runtime.ts) (brokers, credentials, the SQLite file, controllers,
 * strategy and priority rule, timings, the metrics endpoint) and what it gets back: the running edge.
 */
import type { Clock, Scenario } from '../../core/index.ts';
import type { MqttAuth } from '../adapters/mqtt/index.ts';
import type { TspRule } from '../adaptive/index.ts';
import type { SessionBacklogStats } from '../ingest/index.ts';
import type { ControllerLink, EdgeNode, EdgeNodeStats } from '../node/index.ts';
import type { UplinkForwarder, UplinkStats } from '../uplink/index.ts';
import type { MetricsEndpointOptions } from './metrics-endpoint.ts';

/** Options of `startEdgeRuntime`. */
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
  readonly tspRule?: TspRule;
  /** Drop replayed and stale field messages by reason (core/security `MessageGuard`). */
  readonly replayGuard?: boolean;
  /** Publish the edge's presence (retained status, last will) on the field broker. */
  readonly presence?: boolean;
  /** Control period, ms of `clock`. Default 1000. */
  readonly controlPeriodMs?: number;
  /**
   * How long after an interval ends its loops' late reports still count into it, ms of `clock`.
   * Default 2000 (edge/detectors). A faster clock leaves less wall time for a report's way here.
   */
  readonly detectorGraceMs?: number;
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
