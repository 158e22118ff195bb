/**
 * @module center/ingest/batch-writes
 * Turn one validated `edge.batch` into the store writes it implies, grouped by collection so each
 * kind is written in one round trip.
 */
import type { EdgeBatch } from '../../core/index.ts';
import type {
  AlarmRecord,
  DetectorHealthRecord,
  LinkStateRecord,
  SegmentTimeRecord,
  SignalStateRecord,
  StateStore,
  StopEventRecord,
  VehicleRecord,
} from '../state/index.ts';

/** Store writes grouped by target. */
export type BatchWrites = {
  readonly link: LinkStateRecord[];
  readonly detector: DetectorHealthRecord[];
  readonly signal: SignalStateRecord[];
  readonly vehicle: VehicleRecord[];
  readonly alarm: AlarmRecord[];
  readonly stopEvent: StopEventRecord[];
  readonly segmentTime: SegmentTimeRecord[];
};

/** Group a batch's items by the record they become. */
export function batchWrites(batch: EdgeBatch): BatchWrites {
  const w: BatchWrites = {
    link: [],
    detector: [],
    signal: [],
    vehicle: [],
    alarm: [],
    stopEvent: [],
    segmentTime: [],
  };
  const region = batch.region;
  for (const item of batch.items) {
    switch (item.type) {
      case 'link-state': {
        const { type: _t, ...rest } = item;
        w.link.push({ ...rest, region, edgeId: batch.deviceId });
        break;
      }
      case 'detector-health':
        w.detector.push({
          detectorId: item.detectorId,
          region,
          health: item.health,
          since: item.since,
          reportedAt: batch.ts,
        });
        break;
      case 'signal-state': {
        const { type: _t, ...rest } = item;
        w.signal.push({ ...rest, region, at: batch.ts });
        break;
      }
      case 'bus-progress': {
        const { type: _t, ...rest } = item;
        w.vehicle.push({ ...rest, region });
        break;
      }
      case 'stop-event': {
        const { type: _t, ...rest } = item;
        w.stopEvent.push({ ...rest, region });
        break;
      }
      case 'segment-time': {
        const { type: _t, ...rest } = item;
        w.segmentTime.push({ ...rest, region });
        break;
      }
      case 'alarm': {
        const { type: _t, ...rest } = item;
        w.alarm.push({ ...rest, region });
        break;
      }
      default: {
        const never: never = item;
        throw new Error(`unhandled uplink item ${JSON.stringify(never)}`);
      }
    }
  }
  return w;
}

/** Apply grouped writes to a store (latest records first, then history). */
export async function applyWrites(store: StateStore, w: BatchWrites): Promise<void> {
  await Promise.all([
    w.link.length > 0 ? store.put('link', w.link) : null,
    w.detector.length > 0 ? store.put('detector', w.detector) : null,
    w.signal.length > 0 ? store.put('signal', w.signal) : null,
    w.vehicle.length > 0 ? store.put('vehicle', latestPerVehicle(w.vehicle)) : null,
    w.alarm.length > 0 ? store.put('alarm', w.alarm) : null,
    w.stopEvent.length > 0 ? store.append('stopEvent', w.stopEvent) : null,
    w.segmentTime.length > 0 ? store.append('segmentTime', w.segmentTime) : null,
  ]);
}

/** Keep only each vehicle's newest fix of a batch. */
function latestPerVehicle(vehicles: readonly VehicleRecord[]): VehicleRecord[] {
  const latest = new Map<string, VehicleRecord>();
  for (const v of vehicles) {
    const prev = latest.get(v.vehicleId);
    if (prev === undefined || v.at >= prev.at) latest.set(v.vehicleId, v);
  }
  return [...latest.values()];
}
