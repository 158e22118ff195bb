/**
 * @module center/incidents/same-place
 * When two operator-declared incidents on one link may be the same incident. A long link (an
 * expressway link of several km) can hold separate incidents, say a crash at 300 m and a breakdown at
 * 2,400 m, while two operators reacting to one call, or a double click, declare the same one twice.
 * Two active declarations on a link are the same place, and the second a duplicate (409), when either
 * has no position or they lie within {@link SAME_PLACE_M} of each other. Detected incidents and
 * cleared ones never count.
 */
import { ConflictError } from '../../core/index.ts';
import type { IncidentRecord } from '../state/index.ts';

/**
 * Declarations on one link closer than this (metres) may be the same incident. A position is
 * estimated from a caller's description, a patrol's reading of the nearest distance marker or a click
 * on the map, so two reports of one crash commonly differ by 100-200 m; 250 m covers that, while
 * separate incidents on a long link, hundreds of metres to kilometres apart, are still declared apart.
 * A crash in the queue of another closer than this is recorded on the first (its lanes, description).
 */
export const SAME_PLACE_M = 250;

/** Where a declaration stands: its link and position, and its own id when it is an edit of one. */
export type DeclaredPlace = {
  readonly linkId: string;
  readonly positionM: number | null;
  /** The incident being edited, which does not conflict with itself. */
  readonly id?: string;
};

/** Metres between two positions on a link; null when either is not known. */
const apartM = (a: number | null, b: number | null): number | null =>
  a === null || b === null ? null : Math.abs(a - b);

/**
 * The active operator-declared incidents on `place`'s link that may be at the same place, nearest
 * first: known distances by distance, then those at an unknown distance; the older first on a tie.
 */
export function samePlaceDeclarations(
  incidents: readonly IncidentRecord[],
  place: DeclaredPlace,
): IncidentRecord[] {
  // An unknown distance may be zero, so it conflicts; it ranks after every known one.
  const rank = (i: IncidentRecord): number => apartM(i.positionM, place.positionM) ?? Infinity;
  const samePlace = (i: IncidentRecord): boolean => {
    const d = apartM(i.positionM, place.positionM);
    return d === null || d <= SAME_PLACE_M;
  };
  return incidents
    .filter(
      (i) =>
        i.linkId === place.linkId &&
        i.status === 'active' &&
        i.source === 'operator' &&
        i.id !== place.id &&
        samePlace(i),
    )
    .sort((a, b) => rank(a) - rank(b) || a.startedAt - b.startedAt);
}

const at = (positionM: number | null): string =>
  positionM === null ? 'at an unknown position' : `at ${positionM} m`;

/**
 * Throws ConflictError naming the nearest active declaration that may be at the same place as
 * `place` (see {@link samePlaceDeclarations}); returns when there is none.
 */
export function refuseDuplicateDeclaration(incidents: readonly IncidentRecord[], place: DeclaredPlace): void {
  const existing = samePlaceDeclarations(incidents, place)[0];
  if (existing === undefined) return;
  const lanes = existing.lanes.length === 0 ? 'lanes unknown' : `lanes ${existing.lanes.join(',')}`;
  const d = apartM(existing.positionM, place.positionM);
  const why =
    d !== null
      ? `${d} m away, within ${SAME_PLACE_M} m`
      : place.positionM === null
        ? `and no position was given`
        : `whose position is not known`;
  const lead =
    place.id === undefined
      ? `link ${place.linkId} already has`
      : `incident ${place.id} cannot ${place.positionM === null ? 'lose its position' : `move to ${place.positionM} m`}: link ${place.linkId} has`;
  throw new ConflictError(
    'incident',
    existing.id,
    `${lead} active incident ${existing.id} ${at(existing.positionM)} (${existing.kind}, ${existing.severity}, ${lanes}), ` +
      `${why}, so it may be the same incident; edit it (PATCH /api/v1/incidents/${existing.id}) or clear it` +
      (place.id === undefined ? ' before declaring another there' : ' instead'),
  );
}
