/**
 * @module core/api
 * Contracts of the center's HTTP/WebSocket API shared with its clients (the display pages).
 */
export { CHANNEL_PATTERN, clientFrameSchema } from './ws-frames.ts';
export type { ClientFrame, ServerFrame } from './ws-frames.ts';
