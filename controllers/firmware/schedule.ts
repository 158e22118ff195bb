/**
 * @module controllers/firmware/schedule
 * Time-of-day plan selection (NTCIP 1202 / 1201 time base: day plan of action entries). Entries are
 * local `HH:MM`; the plan of the latest entry at or before the local time of day applies, the
 * intersection's default plan before the first entry.
 */
import type { Intersection } from '../../core/index.ts';
import { mod } from './timing.ts';

const MINUTE_MS = 60_000;
const DAY_MIN = 1440;

/** A compiled day plan. */
export class PlanSchedule {
  readonly #fromMin: Int16Array;
  readonly #planIds: readonly string[];
  readonly #defaultPlanId: string;
  readonly #tzOffsetMs: number;

  constructor(intersection: Intersection, tzOffsetMs: number) {
    const entries = intersection.schedule
      .map((e) => ({ min: Number(e.from.slice(0, 2)) * 60 + Number(e.from.slice(3, 5)), planId: e.planId }))
      .sort((a, b) => a.min - b.min);
    this.#fromMin = Int16Array.from(entries.map((e) => e.min));
    this.#planIds = entries.map((e) => e.planId);
    this.#defaultPlanId = intersection.defaultPlanId;
    this.#tzOffsetMs = tzOffsetMs;
  }

  /** Local minute of the day at `nowMs`; changes once a minute, so callers re-check only then. */
  minuteOf(nowMs: number): number {
    return mod(Math.floor((nowMs + this.#tzOffsetMs) / MINUTE_MS), DAY_MIN);
  }

  /** The plan id that applies at a local minute of the day. */
  planAt(minuteOfDay: number): string {
    let id = this.#defaultPlanId;
    for (let i = 0; i < this.#fromMin.length; i++) {
      if ((this.#fromMin[i] ?? DAY_MIN) <= minuteOfDay) id = this.#planIds[i] ?? id;
    }
    return id;
  }
}
