/**
 * @module center/state
 * Center state behind one interface: the in-process store, the record shapes, and the shared contract
 * suite every implementation passes.
 */
export type {
  StateStore,
  StateUpdate,
  StateListener,
  NearbyHit,
  ListFilter,
  StateChange,
  PutGroup,
  AppendGroup,
} from './state-store.ts';
export type {
  LinkStateRecord,
  DetectorHealthRecord,
  SignalStateRecord,
  VehicleRecord,
  StopRecord,
  AlarmRecord,
  DeviceRecord,
  IncidentRecord,
  SignMessageRecord,
  StopEventRecord,
  SegmentTimeRecord,
  LatestCollections,
  CollectionName,
  HistoryStreams,
  StreamName,
  GeoCollection,
} from './records.ts';
export { COLLECTION_NAMES, STREAM_NAMES, GEO_COLLECTIONS, recordId, recordRegion } from './records.ts';
export { MemoryStateStore } from './memory-store.ts';
export type { MemoryStateStoreOptions } from './memory-store.ts';
export { haversineM, EARTH_RADIUS_M } from './geo.ts';
