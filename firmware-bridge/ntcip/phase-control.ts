/**
 * @module firmware-bridge/ntcip/phase-control
 * The edge's commands (hold, force-off, call, omit) as NTCIP 1202 phase control group masks. The
 * bridge keeps the masks it has set, so a command changes one bit and rewrites the group's mask.
 * Force-off and call are pulses: set now, cleared by the caller after the controller has seen them.
 */
import type { PhaseControlColumn } from './oids.ts';

/** A command on one phase. */
export type PhaseCommand =
  | { readonly kind: 'hold' | 'omit'; readonly phase: number; readonly on: boolean }
  | { readonly kind: 'force-off' | 'call'; readonly phase: number };

/** One mask to write. */
export type PhaseControlWrite = {
  readonly column: PhaseControlColumn;
  readonly group: number;
  readonly mask: number;
};

/** Why a command was refused. */
export type PhaseCommandProblem = 'unknown-phase';

const COLUMN_OF: Readonly<Record<PhaseCommand['kind'], PhaseControlColumn>> = {
  hold: 'hold',
  omit: 'phaseOmit',
  'force-off': 'forceOff',
  call: 'vehCall',
};

/** The masks the bridge has written, per column and group. */
export class PhaseControlState {
  readonly #masks = new Map<string, number>();
  readonly #maxPhases: number;

  constructor(maxPhases: number) {
    this.#maxPhases = maxPhases;
  }

  /** Current mask of a column and group. */
  mask(column: PhaseControlColumn, group: number): number {
    return this.#masks.get(`${column}.${group}`) ?? 0;
  }

  /** Turn a command into the mask write it needs (and remember it), or the reason it cannot apply. */
  apply(
    command: PhaseCommand,
  ): { ok: true; write: PhaseControlWrite } | { ok: false; problem: PhaseCommandProblem } {
    const { phase } = command;
    if (!Number.isInteger(phase) || phase < 1 || phase > this.#maxPhases)
      return { ok: false, problem: 'unknown-phase' };
    const group = Math.floor((phase - 1) / 8) + 1;
    const bit = 1 << ((phase - 1) % 8);
    const column = COLUMN_OF[command.kind];
    const on = command.kind === 'hold' || command.kind === 'omit' ? command.on : true;
    const mask = on ? this.mask(column, group) | bit : this.mask(column, group) & ~bit;
    this.#masks.set(`${column}.${group}`, mask);
    return { ok: true, write: { column, group, mask } };
  }

  /** The write that ends a pulse (force-off, call) of a phase. */
  release(command: Extract<PhaseCommand, { kind: 'force-off' | 'call' }>): PhaseControlWrite | null {
    const r = this.apply({ ...command, kind: command.kind === 'call' ? 'call' : 'force-off' });
    if (!r.ok) return null;
    const bit = 1 << ((command.phase - 1) % 8);
    const mask = r.write.mask & ~bit;
    this.#masks.set(`${r.write.column}.${r.write.group}`, mask);
    return { ...r.write, mask };
  }
}
