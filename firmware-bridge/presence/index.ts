/**
 * @module firmware-bridge/presence
 * Door of device presence: retained status and last-will messages.
 */
export { DevicePresence } from './device-presence.ts';
export type { DevicePresenceOptions, Publication } from './device-presence.ts';
