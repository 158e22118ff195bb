/**
 * @module controllers/firmware/outputs
 * Displays as the outside world reads them: per signal group a SUMO-style letter (`G` protected
 * green, `g` permissive green that must yield, `y` yellow, `r` red) and pedestrian display, and per
 * movement the letter of the groups that serve it. Objects are allocated once and updated in place.
 */
import type { Layout } from './layout.ts';
import * as sequencer from './sequencer.ts';
// Hot path: bind once, not through a module getter on every use.
const { FLASHING_DONT_WALK, GREEN, WALK, YELLOW } = sequencer;

/** SUMO's signal letters (sumo.dlr.de "Traffic Lights": G, g, y, r). */
export type SignalColor = 'G' | 'g' | 'y' | 'r';

/** Pedestrian display of a group with a pedestrian signal. */
export type PedDisplay = 'walk' | 'flashing-dont-walk' | 'dont-walk';

/** The state of one signal group. Owned by the controller and updated in place: copy to keep. */
export type SignalGroupState = {
  /** NEMA phase number or stage-control signal group number. */
  readonly signalGroup: number;
  color: SignalColor;
  /** Null when the group has no pedestrian signal. */
  ped: PedDisplay | null;
  /** Whether the intersection is in flash (the colour is then a flashing red). */
  flashing: boolean;
  /** Earliest, latest and likely end of the current display, epoch ms; null when unknown (J2735). */
  minEndMs: number | null;
  maxEndMs: number | null;
  likelyEndMs: number | null;
};

/** Movement id to the groups serving it protected (`G`) and permissively (`g`). */
export type MovementMap = ReadonlyMap<
  string,
  { readonly protectedBy: Int16Array; readonly permittedBy: Int16Array }
>;

/** Build the movement lookup of a layout. */
export function movementMap(layout: Layout): MovementMap {
  const prot = new Map<string, number[]>();
  const perm = new Map<string, number[]>();
  const add = (m: Map<string, number[]>, id: string, g: number): void => {
    const list = m.get(id) ?? [];
    list.push(g);
    m.set(id, list);
  };
  layout.groups.forEach((def, g) => {
    for (const id of def.movements) add(def.permissive ? perm : prot, id, g);
    for (const id of def.permissiveMovements) add(perm, id, g);
  });
  const out = new Map<string, { protectedBy: Int16Array; permittedBy: Int16Array }>();
  for (const id of new Set([...prot.keys(), ...perm.keys()])) {
    out.set(id, {
      protectedBy: Int16Array.from(prot.get(id) ?? []),
      permittedBy: Int16Array.from(perm.get(id) ?? []),
    });
  }
  return out;
}

/** The letter of a movement from its groups' colours: G over g over y over r. */
export function movementLetter(
  entry: { readonly protectedBy: Int16Array; readonly permittedBy: Int16Array },
  color: Uint8Array,
): SignalColor {
  let yellow = false;
  for (let k = 0; k < entry.protectedBy.length; k++) {
    const c = color[entry.protectedBy[k] ?? 0];
    if (c === GREEN) return 'G';
    if (c === YELLOW) yellow = true;
  }
  for (let k = 0; k < entry.permittedBy.length; k++) {
    const c = color[entry.permittedBy[k] ?? 0];
    if (c === GREEN) return 'g';
    if (c === YELLOW) yellow = true;
  }
  return yellow ? 'y' : 'r';
}

/** The letter of a group's own colour. */
export function groupLetter(layout: Layout, g: number, c: number): SignalColor {
  if (c === GREEN) return layout.groups[g]?.permissive === true ? 'g' : 'G';
  return c === YELLOW ? 'y' : 'r';
}

/** The pedestrian display of a group, or null when it has none. */
export function pedDisplay(layout: Layout, g: number, p: number): PedDisplay | null {
  if ((layout.groups[g]?.walkMs ?? 0) === 0) return null;
  return p === WALK ? 'walk' : p === FLASHING_DONT_WALK ? 'flashing-dont-walk' : 'dont-walk';
}
