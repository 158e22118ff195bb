/**
 * @module edge/metrics/edge-metrics
 * The edge's metric families, read at each scrape from the stats its parts already keep: ingest
 * (accepted by kind, rejected by reason, sequence gaps), detectors (reports, late folded, dropped by
 * reason, health), controllers (online, commands sent and refused), operator commands, the uplink
 * queue, the field session's backlog and the bus tracker. Counters are cumulative since the process
 * started (Prometheus `rate()` copes with the reset at a restart). Label values that are reasons are
 * all listed up front, at 0, so an alert on `rate(...{reason="duplicate"}[5m])` has a series to
 * read before the first duplicate comes.
 */
import { detectorHealth } from '../../core/index.ts';
import type { FixRejectReason } from '../bus-tracking/index.ts';
import type { DetectorDropReason } from '../detectors/index.ts';
import type { DropReason, SessionBacklogStats } from '../ingest/index.ts';
import type { EdgeNodeStats } from '../node/index.ts';
import type { UplinkStats } from '../uplink/index.ts';
import type { MetricFamily, Sample } from './exposition.ts';

/** Everything one scrape reads, from a running edge (edge/runtime) or a test. */
export type EdgeMetricsSample = {
  readonly edgeId: string;
  readonly region: string;
  readonly strategy: string;
  /** The edge's readiness (edge/runtime: field broker connected, controller sessions attempted). */
  readonly ready: boolean;
  readonly fieldBrokerConnected: boolean;
  readonly centerBrokerConnected: boolean;
  readonly node: EdgeNodeStats;
  readonly uplink: UplinkStats;
  /** Valid QoS 1 field messages written to the inbox journal. */
  readonly journaled: number;
  /** Journal entries replayed at this start. */
  readonly replayed: number;
  readonly sessionBacklog: SessionBacklogStats;
  /** Each controller link of the region and whether it is online now. */
  readonly controllers: readonly { readonly intersectionId: string; readonly online: boolean }[];
  /** OPC UA method calls the controllers refused or that were lost; null without OPC UA clients. */
  readonly controllerCommandsFailed: number | null;
};

/** A reason union as its list (the record makes the compiler check the list is complete). */
const reasons = <R extends string>(all: Record<R, true>): readonly R[] => Object.keys(all) as R[];

const INGEST_DROP_REASONS = reasons<DropReason>({
  'too-large': true,
  'not-json': true,
  'unknown-kind': true,
  schema: true,
  'future-timestamp': true,
  'stale-timestamp': true,
  'topic-mismatch': true,
  'bad-topic': true,
  'wrong-region': true,
  duplicate: true,
  'unknown-identity': true,
  'identity-mismatch': true,
  replayed: true,
  'out-of-window': true,
  stale: true,
  future: true,
});
const DETECTOR_DROP_REASONS = reasons<DetectorDropReason>({
  'late-report': true,
  'late-actuation': true,
  'unknown-detector': true,
});
const FIX_REJECT_REASONS = reasons<FixRejectReason>({
  'no-fix': true,
  noise: true,
  stale: true,
  'no-route': true,
  'unknown-route': true,
  jump: true,
  unlocated: true,
});

/** One series per listed reason (0 when not seen) plus any reason the stats have beyond the list. */
function byReason(counts: Readonly<Record<string, number | undefined>>, listed: readonly string[]): Sample[] {
  const all = new Set([...listed, ...Object.keys(counts)]);
  return [...all].map((reason) => ({ labels: { reason }, value: counts[reason] ?? 0 }));
}

const counter = (name: string, help: string, samples: readonly Sample[]): MetricFamily => ({
  name,
  type: 'counter',
  help,
  samples,
});
const gauge = (name: string, help: string, samples: readonly Sample[]): MetricFamily => ({
  name,
  type: 'gauge',
  help,
  samples,
});
const one = (value: number): Sample[] => [{ value }];
const flag = (on: boolean): Sample[] => one(on ? 1 : 0);

/** The metric families of one scrape, in a stable order. */
export function edgeMetricFamilies(s: EdgeMetricsSample): MetricFamily[] {
  const { node, uplink } = s;
  const ingest = node.ingest;
  const up = s.controllers.filter((c) => c.online).length;
  const families: MetricFamily[] = [
    gauge('its_edge_info', 'The edge: id, region and signal strategy it started with', [
      { labels: { edge_id: s.edgeId, region: s.region, strategy: s.strategy }, value: 1 },
    ]),
    gauge('its_edge_ready', '1 when the edge is ready (as /readyz)', flag(s.ready)),
    gauge(
      'its_edge_field_broker_connected',
      '1 while the field MQTT session is connected',
      flag(s.fieldBrokerConnected),
    ),
    gauge(
      'its_edge_center_broker_connected',
      "1 while the uplink's connection to the center's broker is up",
      flag(s.centerBrokerConnected),
    ),
    // Ingest: every field message is parsed once and either accepted or dropped by reason.
    counter(
      'its_edge_messages_accepted_total',
      'Field messages accepted by ingest, by message kind',
      Object.entries(ingest.acceptedByKind).map(([kind, n]) => ({ labels: { kind }, value: n })),
    ),
    counter(
      'its_edge_messages_rejected_total',
      'Field messages dropped by ingest, by reason (duplicate: a message id seen within the window)',
      byReason(ingest.droppedByReason, INGEST_DROP_REASONS),
    ),
    counter(
      'its_edge_sequence_missing_total',
      "Messages missing in devices' sequence numbers (gaps)",
      one(ingest.missing),
    ),
    counter('its_edge_sequence_repeats_total', 'Sequence numbers seen again', one(ingest.repeats)),
    counter(
      'its_edge_sequence_late_total',
      'Messages that came after a later sequence number (reordered)',
      one(ingest.late),
    ),
    counter(
      'its_edge_inbox_journaled_total',
      'Valid QoS 1 field messages journaled before their PUBACK',
      one(s.journaled),
    ),
    counter('its_edge_inbox_replayed_total', 'Journal entries replayed at this start', one(s.replayed)),
    counter('its_edge_session_resumes_total', 'Field session (re)connects', one(s.sessionBacklog.resumes)),
    counter(
      'its_edge_session_backlog_messages_total',
      'Messages published before the (re)connect they arrived after',
      one(s.sessionBacklog.backlogMessages),
    ),
    gauge(
      'its_edge_detector_intervals_held',
      "1 while detector intervals are held open for a session's backlog",
      flag(s.sessionBacklog.holding),
    ),
    // Detectors.
    counter(
      'its_edge_detector_reports_total',
      'Detector reports counted into an open interval',
      one(node.detectors.reports),
    ),
    counter(
      'its_edge_detector_late_folded_total',
      'Late detector reports folded into the interval closed last',
      one(node.detectors.lateFolded),
    ),
    counter(
      'its_edge_detector_dropped_total',
      'Valid detector messages no interval took, by reason',
      byReason(node.detectors.droppedByReason, DETECTOR_DROP_REASONS),
    ),
    gauge(
      'its_edge_detectors',
      "The region's detectors by current health",
      detectorHealth.options.map((health) => ({ labels: { health }, value: node.detectorHealth[health] })),
    ),
    // Controllers.
    gauge('its_edge_controllers', 'Controller links by state (up: online now)', [
      { labels: { state: 'up' }, value: up },
      { labels: { state: 'down' }, value: s.controllers.length - up },
    ]),
    gauge(
      'its_edge_controller_online',
      'Whether the controller of an intersection is online now',
      s.controllers.map((c) => ({ labels: { intersection: c.intersectionId }, value: c.online ? 1 : 0 })),
    ),
    counter(
      'its_edge_controller_commands_sent_total',
      'Commands sent to controllers',
      one(node.commandsSent),
    ),
    ...(s.controllerCommandsFailed === null
      ? []
      : [
          counter(
            'its_edge_controller_commands_failed_total',
            'OPC UA method calls a controller refused (bad status) or that were lost',
            one(s.controllerCommandsFailed),
          ),
        ]),
    counter(
      'its_edge_operator_commands_accepted_total',
      'Operator commands from the center accepted',
      one(node.operatorCommands.accepted),
    ),
    counter(
      'its_edge_operator_commands_rejected_total',
      'Operator commands answered rejected, by reason',
      byReason(node.operatorCommands.rejectedByReason, []),
    ),
    counter(
      'its_edge_operator_commands_dropped_total',
      'Operator command messages dropped unanswered (invalid, foreign, duplicate), by reason',
      byReason(node.operatorCommands.droppedByReason, []),
    ),
    // Uplink (store-and-forward).
    gauge(
      'its_edge_uplink_queued_batches',
      'Uplink batches stored and not yet acknowledged',
      one(uplink.queuedBatches),
    ),
    gauge(
      'its_edge_uplink_pending_items',
      'Summary items waiting to be sealed into a batch',
      one(uplink.pendingItems),
    ),
    counter(
      'its_edge_uplink_items_total',
      'Summary items the node queued for the uplink',
      one(node.uplinkItems),
    ),
    counter('its_edge_uplink_publishes_total', 'Uplink batch publishes, resends included', one(uplink.sent)),
    counter(
      'its_edge_uplink_acknowledged_total',
      'Uplink batches acknowledged and deleted',
      one(uplink.acknowledged),
    ),
    counter('its_edge_uplink_resent_total', 'Uplink batch publishes that were resends', one(uplink.resent)),
    counter(
      'its_edge_uplink_ack_timeouts_total',
      "Times the center's acknowledgement did not come in time and batches were resent",
      one(uplink.ackTimeouts),
    ),
    // Buses.
    counter(
      'its_edge_bus_fixes_accepted_total',
      "Fixes of the region's buses the tracker took",
      one(node.busFixesAccepted),
    ),
    counter(
      'its_edge_bus_fixes_rejected_total',
      "Fixes of the region's buses the tracker rejected, by reason",
      byReason(node.busFixesRejected, FIX_REJECT_REASONS),
    ),
    gauge('its_edge_buses_tracked', "Buses tracked now (visiting: other regions' buses, for priority)", [
      { labels: { whose: 'home' }, value: node.busesTracked },
      { labels: { whose: 'visiting' }, value: node.busesVisiting },
    ]),
    counter(
      'its_edge_priority_fixes_total',
      "Fixes that placed a bus on approach to one of the region's signals",
      [
        { labels: { whose: 'home' }, value: node.priorityFixes.home },
        { labels: { whose: 'visiting' }, value: node.priorityFixes.visiting },
      ],
    ),
    counter(
      'its_edge_priority_late_fixes_total',
      "Of those, fixes late enough for priority by the edge's rule",
      [
        { labels: { whose: 'home' }, value: node.lateFixes.home },
        { labels: { whose: 'visiting' }, value: node.lateFixes.visiting },
      ],
    ),
  ];
  return families;
}
