/**
 * @module center/prediction/stop-places
 * Where a pattern's stops are, as predict-vehicle places a bus between them: each stop's position,
 * and its distance along the route's shape from a trip's stop_times (the first trip of the pattern
 * that has every stop's distance; none = the bus is placed by straight-line share instead).
 */
import type { CenterNetwork, StopPattern } from '../network/index.ts';
import type { PredictContext } from './predict-vehicle.ts';

/** The stop positions and distances along the shape of a network's patterns, each found once. */
export function stopPlaces(net: CenterNetwork): Pick<PredictContext, 'stopPosition' | 'stopDistanceM'> {
  const distances = new Map<StopPattern, readonly number[] | null>();
  const distancesOf = (p: StopPattern): readonly number[] | null => {
    const known = distances.get(p);
    if (known !== undefined) return known;
    let found: readonly number[] | null = null;
    for (const trip of net.trips.values()) {
      if (trip.routeId !== p.routeId || trip.directionId !== p.directionId) continue;
      const byStop = new Map(trip.stopTimes.map((st) => [st.stopId, st.distM]));
      const d = p.stopIds.map((id) => byStop.get(id));
      if (d.every((x): x is number => x !== undefined)) found = d;
      break;
    }
    distances.set(p, found);
    return found;
  };
  return {
    stopPosition: (id) => net.stops.get(id) ?? null,
    stopDistanceM: (p, from, to) => {
      const d = distancesOf(p);
      const a = d?.[from];
      const b = d?.[to];
      return a === undefined || b === undefined ? null : [a, b];
    },
  };
}
