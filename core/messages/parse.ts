/**
 * @module core/messages/parse
 * Parse a message once, at the edge of a process (STYLE.md §10): bytes in, a typed message or a
 * counted rejection reason out. Never throws on bad input.
 */
import { z } from 'zod';
import {
  busPositionSchema,
  cardTapSchema,
  detectorActuationSchema,
  detectorReportSchema,
  deviceStatusSchema,
  spatSchema,
  tollPassSchema,
} from './field.ts';
import { edgeBatchSchema, uplinkAckSchema } from './uplink.ts';
import { settlementAckSchema, settlementBatchSchema } from './settlement.ts';
import { signalCommandResultSchema, signalCommandSchema } from './command.ts';
import type { ValidationIssue } from '../errors/index.ts';
import { compileFastCheck, type FastCheck } from './fast-validate.ts';

/** Every message that crosses a process boundary over MQTT. */
export const messageSchema = z.discriminatedUnion('kind', [
  detectorReportSchema,
  detectorActuationSchema,
  busPositionSchema,
  spatSchema,
  cardTapSchema,
  tollPassSchema,
  deviceStatusSchema,
  edgeBatchSchema,
  uplinkAckSchema,
  settlementBatchSchema,
  settlementAckSchema,
  signalCommandSchema,
  signalCommandResultSchema,
]);
export type Message = z.infer<typeof messageSchema>;
export type MessageKind = Message['kind'];
export const MESSAGE_KINDS: readonly MessageKind[] = messageSchema.options.map((o) => o.shape.kind.value);

/** Why a message was rejected; each is a separate counter. */
export type RejectReason =
  | 'too-large'
  | 'not-json'
  | 'unknown-kind'
  | 'schema'
  | 'future-timestamp'
  | 'stale-timestamp'
  | 'topic-mismatch';

export type ParseResult =
  | { readonly ok: true; readonly message: Message }
  | { readonly ok: false; readonly reason: RejectReason; readonly issues: readonly ValidationIssue[] };

export type ParseOptions = {
  /** Receiver's now (epoch ms) for the timestamp window; omit to skip the time checks. */
  readonly nowMs?: number;
  /** How far ahead of the receiver a device clock may be. Default 30 s. */
  readonly maxFutureSkewMs?: number;
  /** How old a message may be; default unlimited (store-and-forward replays old messages). */
  readonly maxAgeMs?: number;
  /** Largest accepted payload in bytes. Default 1 MiB. */
  readonly maxBytes?: number;
};

const DEFAULT_MAX_BYTES = 1 << 20;
const DEFAULT_FUTURE_SKEW_MS = 30_000;

/** Turn zod issues into `{path, message}` pairs naming the field. */
export function issuesOf(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/**
 * The hot kinds (an edge's bus fixes, a center's uplink batches) get the fast acceptance test compiled
 * from their schema (core/messages/fast-validate, proven against zod by its property test); accepting
 * is the fast test's, refusing and naming the fields stays zod's. Other kinds go to zod directly.
 */
const FAST_CHECKS: ReadonlyMap<string, FastCheck | null> = new Map([
  ['edge.batch', compileFastCheck(edgeBatchSchema)],
  ['bus.position', compileFastCheck(busPositionSchema)],
]);

/** Validate an already-decoded value as a message. */
export function parseMessageValue(value: unknown, options: ParseOptions = {}): ParseResult {
  return validate(value, options, false);
}

/**
 * Check the kind, then the schema, then the time window. `owned`: the value was decoded here and
 * nobody else holds it, so a value the fast test accepts (zod would return an equal copy) is the
 * message itself; a caller's own value is always copied by zod, as before.
 */
function validate(value: unknown, options: ParseOptions, owned: boolean): ParseResult {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  if (typeof kind !== 'string' || !(MESSAGE_KINDS as readonly string[]).includes(kind)) {
    return {
      ok: false,
      reason: 'unknown-kind',
      issues: [{ path: 'kind', message: `unknown message kind ${JSON.stringify(kind)}` }],
    };
  }
  let message: Message;
  if (owned && FAST_CHECKS.get(kind)?.(value) === true) message = value as Message;
  else {
    const parsed = messageSchema.safeParse(value);
    if (!parsed.success) return { ok: false, reason: 'schema', issues: issuesOf(parsed.error) };
    message = parsed.data;
  }
  if (options.nowMs !== undefined) {
    const skew = options.maxFutureSkewMs ?? DEFAULT_FUTURE_SKEW_MS;
    if (message.ts > options.nowMs + skew) {
      return {
        ok: false,
        reason: 'future-timestamp',
        issues: [{ path: 'ts', message: `timestamp is ${message.ts - options.nowMs} ms in the future` }],
      };
    }
    if (options.maxAgeMs !== undefined && message.ts < options.nowMs - options.maxAgeMs) {
      return {
        ok: false,
        reason: 'stale-timestamp',
        issues: [{ path: 'ts', message: `timestamp is ${options.nowMs - message.ts} ms old` }],
      };
    }
  }
  return { ok: true, message };
}

/** Decode a payload (UTF-8 JSON) and validate it as a message. */
export function parseMessage(payload: Uint8Array | string, options: ParseOptions = {}): ParseResult {
  const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength;
  if (size > (options.maxBytes ?? DEFAULT_MAX_BYTES)) {
    return { ok: false, reason: 'too-large', issues: [{ path: '', message: `payload of ${size} bytes` }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(typeof payload === 'string' ? payload : utf8(payload));
  } catch (err) {
    return { ok: false, reason: 'not-json', issues: [{ path: '', message: (err as Error).message }] };
  }
  return validate(value, options, true);
}

/** Decode UTF-8 without copying the bytes first (`Buffer.from(uint8Array)` copies; a view does not). */
function utf8(bytes: Uint8Array): string {
  return (
    Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  ).toString('utf8');
}

/** Serialize a message for the wire. */
export function encodeMessage(message: Message): Buffer {
  return Buffer.from(JSON.stringify(message));
}
