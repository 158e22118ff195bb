/**
 * @module core/messages
 * Every message schema crossing a process boundary, and the one parser that validates them.
 */
export * from './field.ts';
export * from './uplink.ts';
export * from './settlement.ts';
export * from './command.ts';
export { entityId, messageId, epochMs, latitude, longitude, percent } from './common.ts';
export {
  messageSchema,
  MESSAGE_KINDS,
  parseMessage,
  parseMessageValue,
  encodeMessage,
  issuesOf,
} from './parse.ts';
export type { Message, MessageKind, RejectReason, ParseResult, ParseOptions } from './parse.ts';
