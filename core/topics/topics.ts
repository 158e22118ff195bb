/**
 * @module core/topics/topics
 * MQTT topic contract: `its/v1/<region>/<kind>/<deviceId>[/<detail>...]` (BRIEF: contracts). Builders
 * and a parser that never throws, plus the QoS and retain policy of each topic kind.
 */
import { ENTITY_ID_PATTERN } from '../ids/index.ts';
import type { MessageKind } from '../messages/index.ts';

export const TOPIC_ROOT = 'its/v1';

/** Topic kinds (the third level). */
export const TOPIC_KINDS = ['det', 'sig', 'spat', 'bus', 'tap', 'toll', 'status', 'edge', 'cmd'] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];

/** A parsed topic. */
export type Topic = {
  readonly region: string;
  readonly kind: TopicKind;
  readonly deviceId: string;
  /** Levels after the device id, e.g. `['act']`; empty when none. */
  readonly detail: readonly string[];
};

/** QoS and retain for publishing on a topic kind; documented in ARCHITECTURE.md. */
export type TopicPolicy = { readonly qos: 0 | 1; readonly retain: boolean; readonly why: string };

/**
 * Per-kind publishing policy. Money (tap, toll) and uplink are QoS 1: at-least-once delivery with
 * idempotence by message id makes them exactly-once in effect. High-rate, soon-superseded state (SPaT
 * at 10 Hz, bus positions, detector edges) is QoS 0. Status is retained so a newcomer learns presence.
 */
export const TOPIC_POLICY: Readonly<Record<TopicKind, TopicPolicy>> = Object.freeze({
  det: { qos: 1, retain: false, why: '30 s aggregates, low rate; actuations under det/<id>/act are QoS 0' },
  sig: { qos: 1, retain: false, why: 'controller events and faults' },
  spat: { qos: 0, retain: false, why: '10 Hz, each message supersedes the last' },
  bus: { qos: 0, retain: false, why: 'positions every few seconds, superseded by the next' },
  tap: { qos: 1, retain: false, why: 'money: at-least-once, idempotent by message id' },
  toll: { qos: 1, retain: false, why: 'money: at-least-once, idempotent by message id' },
  status: { qos: 1, retain: true, why: 'presence: retained, and set as the MQTT last will' },
  edge: { qos: 1, retain: false, why: 'uplink batches from store-and-forward; status retained' },
  cmd: { qos: 1, retain: false, why: 'operator commands from the center to an edge' },
});

/** Which topic kind carries each message kind. */
export const TOPIC_KIND_OF_MESSAGE: Readonly<Record<MessageKind, TopicKind>> = Object.freeze({
  'det.report': 'det',
  'det.actuation': 'det',
  'bus.position': 'bus',
  spat: 'spat',
  tap: 'tap',
  'toll.pass': 'toll',
  status: 'status',
  'edge.batch': 'edge',
  'uplink.ack': 'cmd',
  'settlement.batch': 'edge',
  'settlement.ack': 'cmd',
  'signal.command': 'cmd',
  'signal.command.result': 'edge',
});

/** The detail level that carries detector actuations: `its/v1/<r>/det/<id>/act`. */
export const ACTUATION_DETAIL = 'act';
/** The detail level of an edge's uplink batches: `its/v1/<r>/edge/<edgeId>/up`. */
export const UPLINK_DETAIL = 'up';
/** The detail level of settlement: batches `its/v1/<r>/edge/<edgeId>/settle`, acks `.../cmd/<edgeId>/settle`. */
export const SETTLEMENT_DETAIL = 'settle';

function checkLevel(name: string, value: string): void {
  if (!ENTITY_ID_PATTERN.test(value)) {
    throw new RangeError(`topic ${name} ${JSON.stringify(value)} must match ${ENTITY_ID_PATTERN}`);
  }
}

/** Most detail levels after the device id that {@link parseTopic} accepts. */
const MAX_DETAIL_LEVELS = 3;

/**
 * Build a topic; throws RangeError on an id that is not a valid topic level, or on more than three
 * detail levels (which {@link parseTopic} would reject): both are programming errors.
 */
export function buildTopic(region: string, kind: TopicKind, deviceId: string, ...detail: string[]): string {
  if (detail.length > MAX_DETAIL_LEVELS) {
    throw new RangeError(`a topic has at most ${MAX_DETAIL_LEVELS} detail levels, got ${detail.length}`);
  }
  checkLevel('region', region);
  checkLevel('device id', deviceId);
  for (const d of detail) checkLevel('detail', d);
  return [TOPIC_ROOT, region, kind, deviceId, ...detail].join('/');
}

/** Topic of a message published by a device (or edge) in a region. */
export function topicForMessage(region: string, message: { kind: MessageKind; deviceId: string }): string {
  const kind = TOPIC_KIND_OF_MESSAGE[message.kind];
  if (message.kind === 'det.actuation') return buildTopic(region, kind, message.deviceId, ACTUATION_DETAIL);
  if (message.kind === 'edge.batch') return buildTopic(region, kind, message.deviceId, UPLINK_DETAIL);
  if (message.kind === 'settlement.batch')
    return buildTopic(region, kind, message.deviceId, SETTLEMENT_DETAIL);
  if (message.kind === 'signal.command.result')
    return buildTopic(region, kind, message.deviceId, COMMAND_RESULT_DETAIL);
  return buildTopic(region, kind, message.deviceId);
}

/** Topic of the center's `uplink.ack` to one edge: `its/v1/<r>/cmd/<edgeId>/up`. */
export function uplinkAckTopic(region: string, edgeId: string): string {
  return buildTopic(region, 'cmd', edgeId, UPLINK_DETAIL);
}

/** The detail level of an edge's answers to operator commands: `its/v1/<r>/edge/<edgeId>/cmd`. */
export const COMMAND_RESULT_DETAIL = 'cmd';

/** Topic of an operator's `signal.command` to the edge running an intersection (QoS 1, not retained). */
export function signalCommandTopic(region: string, intersectionId: string): string {
  return buildTopic(region, 'cmd', intersectionId);
}

/** What an edge subscribes to for its region's operator commands: `its/v1/<r>/cmd/+`. */
export function signalCommandFilter(region: string): string {
  return topicFilter(region, 'cmd', '+');
}

/** Topic of an edge's `signal.command.result` (QoS 1): `its/v1/<r>/edge/<edgeId>/cmd`. */
export function signalCommandResultTopic(region: string, edgeId: string): string {
  return buildTopic(region, 'edge', edgeId, COMMAND_RESULT_DETAIL);
}

/** Subscription filter for one kind in one region (or all regions with `+`). */
export function topicFilter(region: string | '+', kind: TopicKind | '+', rest: '#' | '+' = '#'): string {
  return [TOPIC_ROOT, region, kind, rest].join('/');
}

/** Parse a topic; returns null for anything outside the contract. */
export function parseTopic(topic: string): Topic | null {
  const levels = topic.split('/');
  if (levels.length < 5 || levels.length > 5 + MAX_DETAIL_LEVELS) return null;
  const [its, v, region, kind, deviceId, ...detail] = levels;
  if (`${its}/${v}` !== TOPIC_ROOT || region === undefined || kind === undefined || deviceId === undefined)
    return null;
  if (!(TOPIC_KINDS as readonly string[]).includes(kind)) return null;
  if (!ENTITY_ID_PATTERN.test(region) || !ENTITY_ID_PATTERN.test(deviceId)) return null;
  if (!detail.every((d) => ENTITY_ID_PATTERN.test(d))) return null;
  return { region, kind: kind as TopicKind, deviceId, detail };
}
