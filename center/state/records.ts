/**
 * @module center/state/records
 * The shapes the center keeps: the latest state of each entity (keyed by id, one collection per kind)
 * and recent history (append-only streams). Every record names its region so WebSocket channels such
 * as `region:<id>` can filter without a lookup.
 */
import type { DeviceView, IncidentView, SignMessageView } from '../../core/api/index.ts';
import type { DetectorHealth, UplinkItem } from '../../core/index.ts';

type ItemOf<T extends UplinkItem['type']> = Omit<Extract<UplinkItem, { type: T }>, 'type'>;

/** Latest traffic state of one directed link, as an edge summarized it. */
export type LinkStateRecord = ItemOf<'link-state'> & { readonly region: string; readonly edgeId: string };

/** Latest health verdict of one loop detector. */
export type DetectorHealthRecord = {
  readonly detectorId: string;
  readonly region: string;
  readonly health: DetectorHealth;
  readonly since: number;
  readonly reportedAt: number;
};

/** Latest operation summary of one signalized intersection. */
export type SignalStateRecord = ItemOf<'signal-state'> & { readonly region: string; readonly at: number };

/** Latest progress of one bus along its trip. */
export type VehicleRecord = ItemOf<'bus-progress'> & { readonly region: string };

/** A stop as the center indexes it (static, from the scenario). */
export type StopRecord = {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly lon: number;
  readonly lat: number;
  readonly region: string | null;
};

/** Latest state of one alarm (raised or cleared) from an edge. */
export type AlarmRecord = ItemOf<'alarm'> & { readonly region: string };

// The records the API serves as they are stored are the core/api view types (one definition).

/** Latest retained presence of a field device or an edge. */
export type DeviceRecord = DeviceView;

/** Lanes blocked on a link, and since when; declared by an operator or detected automatically. */
export type IncidentRecord = IncidentView;

/**
 * One message queued for a variable message sign; the sign shows the best unexpired one. The id is
 * `<signId>/<messageId>`, unique across signs; operator messages rank above automatic ones (center/signs).
 */
export type SignMessageRecord = SignMessageView;

/** A bus arriving at or departing from a stop. */
export type StopEventRecord = ItemOf<'stop-event'> & { readonly region: string };

/** Observed bus travel time between consecutive stops. */
export type SegmentTimeRecord = ItemOf<'segment-time'> & { readonly region: string };

/** Latest-state collections, keyed by entity id. */
export type LatestCollections = {
  readonly link: LinkStateRecord;
  readonly detector: DetectorHealthRecord;
  readonly signal: SignalStateRecord;
  readonly vehicle: VehicleRecord;
  readonly stop: StopRecord;
  readonly alarm: AlarmRecord;
  readonly device: DeviceRecord;
  readonly incident: IncidentRecord;
  readonly sign: SignMessageRecord;
};
export type CollectionName = keyof LatestCollections;

/** Append-only recent history streams. */
export type HistoryStreams = {
  readonly stopEvent: StopEventRecord;
  readonly segmentTime: SegmentTimeRecord;
};
export type StreamName = keyof HistoryStreams;

/** Collections whose records carry a position and are indexed for nearby queries. */
export const GEO_COLLECTIONS = ['vehicle', 'stop'] as const;
export type GeoCollection = (typeof GEO_COLLECTIONS)[number];

/** Every collection name, in a stable order. */
export const COLLECTION_NAMES: readonly CollectionName[] = Object.freeze([
  'link',
  'detector',
  'signal',
  'vehicle',
  'stop',
  'alarm',
  'device',
  'incident',
  'sign',
]);
export const STREAM_NAMES: readonly StreamName[] = Object.freeze(['stopEvent', 'segmentTime']);

/** The id a record is stored under in its collection. */
export function recordId<K extends CollectionName>(collection: K, record: LatestCollections[K]): string {
  const r = record as LatestCollections[CollectionName];
  switch (collection) {
    case 'link':
      return (r as LinkStateRecord).linkId;
    case 'detector':
      return (r as DetectorHealthRecord).detectorId;
    case 'signal':
      return (r as SignalStateRecord).intersectionId;
    case 'vehicle':
      return (r as VehicleRecord).vehicleId;
    case 'alarm':
      return (r as AlarmRecord).alarmId;
    case 'device':
      return (r as DeviceRecord).deviceId;
    case 'stop':
    case 'incident':
    case 'sign':
      return (r as StopRecord | IncidentRecord | SignMessageRecord).id;
    default:
      throw new RangeError(`unknown collection ${String(collection)}`);
  }
}

/** The region a record belongs to, or null for records that have none (e.g. an unassigned stop). */
export function recordRegion(record: LatestCollections[CollectionName]): string | null {
  return 'region' in record ? record.region : null;
}
