/**
 * @module firmware-bridge/reconnect
 * Door of the reconnect policy shared by every bridge adapter.
 */
export { backoffDelayMs, DEFAULT_BACKOFF } from './backoff.ts';
export type { BackoffOptions } from './backoff.ts';
