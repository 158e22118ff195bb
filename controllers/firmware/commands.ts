/**
 * @module controllers/firmware/commands
 * The commands an external (adaptive) layer may give, and nothing else (BRIEF: "the edge only asks
 * it to hold, force off, call, omit or change plan"): NTCIP 1202 phase control groups (hold,
 * force-off, vehicle call, phase omit), addressed by NEMA phase number or stage id. Every command is
 * a heartbeat and puts the controller in external mode; none can shorten a minimum or a clearance,
 * because the sequencer applies them only where its own rules allow.
 */
import { NotFoundError } from '../../core/index.ts';
import type { Layout } from './layout.ts';
import { unitIndex } from './plan.ts';
import type { UnitCommands } from './sequencer.ts';

/** A phase number (NEMA) or stage id (stage control). */
export type UnitKey = number | string;

/** Command handling shared by the controller facade. */
export abstract class ControllerCommands {
  readonly #layout: Layout;
  readonly #commands: UnitCommands;

  protected constructor(layout: Layout, commands: UnitCommands) {
    this.#layout = layout;
    this.#commands = commands;
  }

  /** Record a heartbeat of the external layer (enters external mode). */
  abstract heartbeat(): void;

  /** Units (phase numbers or stage ids) now timing green. */
  abstract activeUnits(): UnitKey[];

  /** Addressable units: NEMA phase numbers or stage ids, in configuration order. */
  get units(): UnitKey[] {
    return this.#layout.kind === 'nema'
      ? this.#layout.groups.map((g) => g.number)
      : this.#layout.stages.map((s) => s.id);
  }

  /** The key of a unit index. */
  protected unitKey(u: number): UnitKey {
    return this.#layout.kind === 'nema'
      ? (this.#layout.groups[u]?.number ?? u)
      : (this.#layout.stages[u]?.id ?? u);
  }

  /** Index of a unit key; throws NotFoundError for an unknown phase or stage. */
  unitIndexOf(unit: UnitKey): number {
    const u = unitIndex(this.#layout, unit);
    if (u < 0) throw new NotFoundError(this.#layout.kind === 'nema' ? 'phase' : 'stage', String(unit));
    return u;
  }

  /** Hold (or release) a unit's green: it will not end while held (NTCIP 1202 phase hold). */
  hold(unit: UnitKey, on = true): void {
    const u = this.unitIndexOf(unit);
    this.heartbeat();
    this.#commands.hold[u] = on ? 1 : 0;
  }

  /**
   * Force off a unit's green: it ends as soon as its minimum green and pedestrian clearance allow
   * (NTCIP 1202 phase force-off). Returns false, changing nothing, when the unit is not green.
   */
  forceOff(unit: UnitKey): boolean {
    const u = this.unitIndexOf(unit);
    const key = this.unitKey(u);
    if (!this.activeUnits().includes(key)) return false;
    this.heartbeat();
    this.#commands.forceOff[u] = 1;
    this.#commands.hold[u] = 0;
    return true;
  }

  /** Place a call on a unit, kept until it is served (NTCIP 1202 vehicle call). */
  call(unit: UnitKey): void {
    const u = this.unitIndexOf(unit);
    this.heartbeat();
    this.#commands.call[u] = 1;
  }

  /** Omit (or restore) a unit: it is not selected while omitted (NTCIP 1202 phase omit). */
  omit(unit: UnitKey, on = true): void {
    const u = this.unitIndexOf(unit);
    this.heartbeat();
    this.#commands.omit[u] = on ? 1 : 0;
  }

  /** Whether a unit is held, omitted, called or has a pending force-off. */
  commandState(unit: UnitKey): { hold: boolean; omit: boolean; call: boolean; forceOff: boolean } {
    const u = this.unitIndexOf(unit);
    const c = this.#commands;
    return {
      hold: c.hold[u] === 1,
      omit: c.omit[u] === 1,
      call: c.call[u] === 1,
      forceOff: c.forceOff[u] === 1,
    };
  }

  /** Drop every external command (on return to local control). */
  protected clearCommands(): void {
    this.#commands.hold.fill(0);
    this.#commands.forceOff.fill(0);
    this.#commands.omit.fill(0);
    this.#commands.call.fill(0);
  }
}
