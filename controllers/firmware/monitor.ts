/**
 * @module controllers/firmware/monitor
 * The conflict monitor (NEMA TS 2 §6 MMU; the cabinet's last line of safety), independent of the
 * sequencer: it sees only the displayed colours each step. It trips on conflicting green, yellow or
 * walk (its own compatibility matrix), a yellow change or red clearance shorter than configured, a
 * green shorter than its minimum, a green to red without yellow, a flashing don't walk shorter than
 * configured, and a walk without its green. A trip latches until {@link ConflictMonitor.reset}.
 */
import type { Compatibility, MonitoredGroup } from './compatibility.ts';
import * as sequencer from './sequencer.ts';
// Hot path: bind once, not through a module getter on every use.
const { DONT_WALK, FLASHING_DONT_WALK, GREEN, RED, WALK, YELLOW } = sequencer;

/** The monitor of one intersection. */
export class ConflictMonitor {
  readonly #compat: Compatibility;
  /** The monitor's own copy of the enforced timing, reprogrammed only through {@link reprogram}. */
  readonly #groups: MonitoredGroup[];
  readonly #color: Uint8Array;
  readonly #ped: Uint8Array;
  readonly #since: Float64Array;
  readonly #pedSince: Float64Array;
  /** When the group last turned red (end of its yellow), ms; -Infinity when never green. */
  readonly #redSince: Float64Array;
  /** Whether the group's current green began after monitoring started (its length is known). */
  readonly #known: Uint8Array;
  #fault: string | null = null;

  constructor(compat: Compatibility) {
    this.#compat = compat;
    this.#groups = [...compat.groups];
    const n = compat.groups.length;
    this.#color = new Uint8Array(n);
    this.#ped = new Uint8Array(n);
    this.#since = new Float64Array(n);
    this.#pedSince = new Float64Array(n);
    this.#redSince = new Float64Array(n).fill(-Infinity);
    this.#known = new Uint8Array(n);
  }

  /** Programme new timing for a group (as a cabinet's MMU is reprogrammed with the controller). */
  reprogram(g: number, timing: Omit<MonitoredGroup, 'number'>): void {
    const def = this.#groups[g];
    if (def !== undefined) this.#groups[g] = { number: def.number, ...timing };
  }

  /** The latched fault, or null. */
  get fault(): string | null {
    return this.#fault;
  }

  /** Clear the fault and forget history; every group is taken as red since long ago. */
  reset(): void {
    this.#fault = null;
    this.#color.fill(RED);
    this.#ped.fill(DONT_WALK);
    this.#redSince.fill(-Infinity);
    this.#known.fill(0);
  }

  /** Check the displays of one step. Returns the latched fault (null when all is well). */
  check(nowMs: number, color: Uint8Array, ped: Uint8Array): string | null {
    if (this.#fault !== null) return this.#fault;
    const groups = this.#groups;
    const n = groups.length;
    for (let g = 0; g < n; g++) {
      const was = this.#color[g] ?? RED;
      const is = color[g] ?? RED;
      if (is !== was) {
        const fault = this.#transition(g, was, is, nowMs, color);
        if (fault !== null) return this.#trip(fault);
        this.#color[g] = is;
        this.#since[g] = nowMs;
      }
      const pedFault = this.#pedTransition(g, ped[g] ?? DONT_WALK, is, nowMs);
      if (pedFault !== null) return this.#trip(pedFault);
    }
    const pairs = this.#compat.conflictPairs;
    for (let k = 0; k < pairs.length; k += 2) {
      const i = pairs[k] ?? 0;
      const j = pairs[k + 1] ?? 0;
      const iOn = color[i] !== RED || ped[i] !== DONT_WALK;
      const jOn = color[j] !== RED || ped[j] !== DONT_WALK;
      if (iOn && jOn)
        return this.#trip(`conflict: groups ${groups[i]?.number} and ${groups[j]?.number} shown together`);
    }
    return null;
  }

  #transition(g: number, was: number, is: number, nowMs: number, color: Uint8Array): string | null {
    const def = this.#groups[g];
    if (def === undefined) return null;
    const shown = nowMs - (this.#since[g] ?? 0);
    const name = `group ${def.number}`;
    if (was === GREEN && is === RED) return `${name}: green to red without yellow`;
    if (was === RED && is === YELLOW) return `${name}: red to yellow`;
    if (was === YELLOW && is === GREEN) return `${name}: yellow back to green`;
    if (was === GREEN && this.#known[g] === 1 && shown < def.minGreenMs)
      return `${name}: green ${shown} ms shorter than the minimum ${def.minGreenMs} ms`;
    if (was === YELLOW && shown < def.yellowMs)
      return `${name}: yellow ${shown} ms shorter than ${def.yellowMs} ms`;
    if (is === RED) this.#redSince[g] = nowMs;
    if (is === GREEN) {
      this.#known[g] = 1;
      const n = this.#groups.length;
      for (let c = 0; c < n; c++) {
        if (this.#compat.conflicts[g * n + c] !== 1 || color[c] !== RED) continue;
        const cleared = nowMs - (this.#redSince[c] ?? -Infinity);
        const need = this.#groups[c]?.redClearMs ?? 0;
        if (cleared < need)
          return `${name}: green ${cleared} ms after conflicting group ${this.#groups[c]?.number} turned red, red clearance is ${need} ms`;
      }
    }
    return null;
  }

  #pedTransition(g: number, is: number, colorNow: number, nowMs: number): string | null {
    const was = this.#ped[g] ?? DONT_WALK;
    const def = this.#groups[g];
    if (def === undefined) return null;
    if (is !== DONT_WALK && colorNow !== GREEN)
      return `group ${def.number}: pedestrian display without green`;
    if (is === was) return null;
    if (was === FLASHING_DONT_WALK && nowMs - (this.#pedSince[g] ?? 0) < def.pedClearMs)
      return `group ${def.number}: flashing don't walk shorter than ${def.pedClearMs} ms`;
    if (was === WALK && is === DONT_WALK && def.pedClearMs > 0)
      return `group ${def.number}: walk to don't walk without clearance`;
    this.#ped[g] = is;
    this.#pedSince[g] = nowMs;
    return null;
  }

  #trip(fault: string): string {
    this.#fault = fault;
    return fault;
  }
}
