/**
 * @module center/adapters/gtfs-rt
 * GTFS-realtime protobuf via gtfs-realtime-bindings.
 */
export { encodeFeed, decodeFeed } from './encode-feed.ts';
