/**
 * @module core/api/ws-frames
 * The WebSocket frames of the center API: a contract between the center and every browser page. A client subscribes to channels (`stop:<id>`,
 * `region:<id>`, `vehicles`, `signals`, `incidents`, `sign:<id>`); the server answers each
 * subscription with a `snapshot` of the channel's current state and then sends `delta`s.
 */
import { z } from 'zod';

/** Channel name pattern. */
export const CHANNEL_PATTERN = /^(vehicles|signals|incidents|(stop|region|sign):[^\s:]{1,128})$/;

/** Frames a client sends. */
export const clientFrameSchema = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('subscribe'),
    channel: z.string().regex(CHANNEL_PATTERN, 'unknown channel'),
  }),
  z.strictObject({ op: z.literal('unsubscribe'), channel: z.string().max(200) }),
  z.strictObject({ op: z.literal('ping') }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

/** Frames the server sends. */
export type ServerFrame =
  | { readonly type: 'snapshot'; readonly channel: string; readonly at: number; readonly data: unknown }
  | { readonly type: 'delta'; readonly channel: string; readonly at: number; readonly data: unknown }
  | { readonly type: 'unsubscribed'; readonly channel: string }
  | { readonly type: 'pong'; readonly at: number }
  | { readonly type: 'error'; readonly code: string; readonly message: string };
