/**
 * @module edge/uplink
 * Store-and-forward uplink to the center: a durable queue of uplink items sealed into `edge.batch`
 * messages, published QoS 1, deleted on PUBACK, replayed in order after a reconnect or restart.
 */
export { UplinkForwarder } from './forwarder.ts';
export type { UplinkAckNotice, UplinkForwarderOptions, UplinkStats, UplinkTransport } from './forwarder.ts';
export { MemoryUplinkStore } from './uplink-store.ts';
export type { JournalEntry, StoredBatch, UplinkStore } from './uplink-store.ts';
