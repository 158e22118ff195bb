/**
 * @module center/ingest/sample-batch
 * Valid `edge.batch` messages for tests and benchmarks.
 */
import { newId, type EdgeBatch, type UplinkItem } from '../../core/index.ts';

/** Options of {@link sampleBatch}. */
export type SampleBatchOptions = {
  readonly region?: string;
  readonly edgeId?: string;
  readonly seq?: number;
  readonly ts?: number;
  readonly id?: string;
  readonly items?: readonly UplinkItem[];
};

/** A link-state item. */
export function linkStateItem(linkId: string, speedKmh: number | null, ts: number): UplinkItem {
  return {
    type: 'link-state',
    linkId,
    intervalStart: ts - 30_000,
    intervalS: 30,
    flowVph: 800,
    densityVpkm: 18,
    speedKmh,
    occupancyPct: 10,
    source: 'detector',
  };
}

/** A bus-progress item. */
export function busProgressItem(vehicleId: string, ts: number, over: Partial<UplinkItem> = {}): UplinkItem {
  return {
    type: 'bus-progress',
    vehicleId,
    routeId: 'R1',
    tripId: 'T1',
    at: ts,
    lat: 37.5665,
    lon: 126.978,
    speedMps: 7,
    distanceM: 500,
    scheduleDeviationS: 20,
    lastStopId: 'S1',
    nextStopId: 'S2',
    onRoute: true,
    passengers: 12,
    ...over,
  } as UplinkItem;
}

/** An edge batch with one link-state and one bus-progress item unless `items` is given. */
export function sampleBatch(options: SampleBatchOptions = {}): EdgeBatch {
  const ts = options.ts ?? Date.now();
  return {
    kind: 'edge.batch',
    id: options.id ?? newId(ts),
    deviceId: options.edgeId ?? 'edge-r1',
    seq: options.seq ?? 0,
    ts,
    region: options.region ?? 'r1',
    items: [...(options.items ?? [linkStateItem('L1', 42, ts), busProgressItem('bus-1', ts)])],
  };
}
