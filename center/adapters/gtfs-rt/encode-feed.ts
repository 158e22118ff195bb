/**
 * @module center/adapters/gtfs-rt/encode-feed
 * GTFS-realtime protobuf encoding and decoding with `gtfs-realtime-bindings` (the reference bindings
 * generated from gtfs-realtime.proto by protobufjs).
 */
import GtfsRealtimeBindings from 'gtfs-realtime-bindings';
import type { FeedObject } from '../../gtfs-rt/index.ts';

const { FeedMessage } = GtfsRealtimeBindings.transit_realtime;

/** Encode a feed object to protobuf bytes (enum values may be given by name). */
export function encodeFeed(feed: FeedObject): Uint8Array {
  return FeedMessage.encode(FeedMessage.fromObject(feed)).finish();
}

/** Decode protobuf bytes to a plain object (enums as names, 64-bit numbers as numbers). */
export function decodeFeed(bytes: Uint8Array): Record<string, unknown> {
  return FeedMessage.toObject(FeedMessage.decode(bytes), {
    enums: String,
    longs: Number,
    defaults: false,
  }) as Record<string, unknown>;
}
