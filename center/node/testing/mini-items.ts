/**
 * @module center/node/testing/mini-items
 * Uplink items about the mini scenario (core/scenario/fixtures/mini.json: region gangnam, intersection
 * gangnam-stn, bus route 140 past stops 22-201 → 22-202) for the tests that publish edge batches.
 */
import type { DetectorHealth, UplinkItem } from '../../../core/index.ts';
import { busProgressItem } from '../../ingest/index.ts';

/** A bus of route 140 between stops 22-201 and 22-202, near Gangnam station. */
export function busOn140(vehicleId: string, at = Date.now()): UplinkItem {
  return busProgressItem(vehicleId, at, {
    routeId: '140',
    tripId: '140-0-0700',
    lon: 127.0277,
    lat: 37.4979,
    lastStopId: '22-201',
    nextStopId: '22-202',
    passengers: 40,
  } as Partial<UplinkItem>);
}

/** The intersection gangnam-stn running max-pressure with these signal groups green. */
export function gangnamSignal(greenGroups: readonly number[], cycleS = 120): UplinkItem {
  return {
    type: 'signal-state',
    intersectionId: 'gangnam-stn',
    mode: 'external',
    strategy: 'max-pressure',
    planId: null,
    cycleS,
    lastSplitsS: { '2': 42, '4': 30, '6': 42, '8': 30 },
    greenGroups: [...greenGroups],
    fault: null,
    online: true,
  };
}

/** A detector's health verdict. */
export function detectorHealthItem(detectorId: string, health: DetectorHealth, since: number): UplinkItem {
  return { type: 'detector-health', detectorId, health, since };
}
