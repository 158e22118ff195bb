/**
 * @module edge/uplink
 * Store-and-forward uplink to the center: a durable queue of uplink items sealed into `edge.batch`
 * messages (a bus's progress and stop events within a short prompt window, the rest once a flush
 * period), published QoS 1, deleted on the center's `uplink.ack`, replayed in order after a reconnect
 * or restart.
 */
export { DEFAULT_PROMPT_WINDOW_MS, PROMPT_ITEM_TYPES, UplinkForwarder } from './forwarder.ts';
export type { UplinkAckNotice, UplinkForwarderOptions, UplinkStats, UplinkTransport } from './forwarder.ts';
export { MemoryUplinkStore } from './uplink-store.ts';
export type { JournalEntry, StoredBatch, UplinkStore } from './uplink-store.ts';
