/**
 * @module center/adapters/mqtt
 * The center's MQTT uplink subscriber (shared subscriptions under MQTT 5, plain under 3.1.1).
 */
export { connectUplinkSubscriber } from './uplink-subscriber.ts';
export type { UplinkSubscriber, UplinkSubscriberOptions, UplinkHandler } from './uplink-subscriber.ts';
export { openClearingService } from './settlement-service.ts';
export type { ClearingService, ClearingServiceOptions } from './settlement-service.ts';
export { IN_FLIGHT_GAUGE, InFlightWindow, type InFlightWindowOptions } from './in-flight-window.ts';
