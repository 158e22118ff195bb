/**
 * @module core/topics
 * The MQTT topic contract: builders, parser, and per-kind QoS/retain policy.
 */
export {
  TOPIC_ROOT,
  TOPIC_KINDS,
  TOPIC_POLICY,
  TOPIC_KIND_OF_MESSAGE,
  ACTUATION_DETAIL,
  UPLINK_DETAIL,
  SETTLEMENT_DETAIL,
  COMMAND_RESULT_DETAIL,
  signalCommandTopic,
  signalCommandFilter,
  signalCommandResultTopic,
  buildTopic,
  topicForMessage,
  uplinkAckTopic,
  topicFilter,
  parseTopic,
} from './topics.ts';
export type { Topic, TopicKind, TopicPolicy } from './topics.ts';
