/**
 * @module simulator/signals/controller-heads
 * Signal heads backed by one controller per intersection, created through a factory — in production
 * the controllers' public door (`controllers/index.ts`), so the simulator runs the very code the
 * field runs (BRIEF: one algorithm, two harnesses).
 */
import { ConfigError } from '../../core/errors/index.ts';
import type { Intersection } from '../../core/index.ts';
import type { SignalColor, SignalHeads, SimNet } from '../engine/index.ts';

/** One signal group's display, as a controller reports it for SPaT. */
export type GroupDisplay = {
  readonly signalGroup: number;
  readonly color: SignalColor;
  readonly flashing: boolean;
  readonly minEndMs: number | null;
  readonly maxEndMs: number | null;
  readonly likelyEndMs: number | null;
};

/** What the simulator needs of a controller (and, for SPaT, what it may report). */
export type MovementController = {
  step(nowMs: number): void;
  movementState(movementId: string): SignalColor;
  setDetector?(detectorId: string, occupied: boolean): void;
  signalGroupStates?(): readonly GroupDisplay[];
  readonly mode?: string;
  readonly planId?: string;
  readonly cycleSecond?: number | null;
  readonly fault?: string | null;
};

/** Builds a controller for an intersection. */
export type ControllerFactory = (intersection: Intersection) => MovementController;

/** Heads for every signal of `net`, one controller per intersection. */
export function createControllerHeads(
  net: SimNet,
  intersections: readonly Intersection[],
  factory: ControllerFactory,
): SignalHeads & { readonly controllers: ReadonlyMap<string, MovementController> } {
  const controllers = new Map<string, MovementController>();
  for (const x of intersections) controllers.set(x.id, factory(x));
  const bySignal = net.signals.map((s, i) => {
    const c = controllers.get(s.intersectionId);
    if (c === undefined)
      throw new ConfigError(`signals[${i}]`, `no controller for intersection ${s.intersectionId}`);
    return c;
  });
  const movement = net.signals.map((s) => s.movementId);
  const detectorOwners = new Map<string, MovementController[]>();
  for (const x of intersections) {
    const ids =
      x.control.type === 'nema'
        ? x.control.phases.flatMap((p) => p.detectorIds)
        : x.control.groups.flatMap((g) => g.detectorIds);
    for (const d of new Set(ids)) {
      const list = detectorOwners.get(d) ?? [];
      list.push(controllers.get(x.id)!);
      detectorOwners.set(d, list);
    }
  }
  const all = [...controllers.values()];
  return {
    controllers,
    step(nowMs) {
      for (const c of all) c.step(nowMs);
    },
    stateOf(i) {
      return bySignal[i]!.movementState(movement[i]!);
    },
    setDetector(id, occupied) {
      for (const c of detectorOwners.get(id) ?? []) c.setDetector?.(id, occupied);
    },
  };
}
