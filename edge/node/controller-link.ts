/**
 * @module edge/node/controller-link
 * The edge's view of one signal controller: its last known state and a way to send commands. Live it
 * is an OPC UA client (edge/adapters/opcua); in tests and the simulator it wraps the in-process
 * controller.
 */
import type { ControllerMode } from '../../core/index.ts';
import type { CommandableController, ControllerSnapshot, SignalCommand, UnitKey } from '../adaptive/index.ts';
import { applyCommand } from '../adaptive/index.ts';

/** One controller as the edge node uses it. */
export interface ControllerLink {
  readonly intersectionId: string;
  /** Last known state; `online: false` while the connection is down. */
  snapshot(): ControllerSnapshot;
  /** Send commands in order; failures are reported through the link's own alarms, never thrown. */
  send(commands: readonly SignalCommand[]): void;
  /** Latched fault text, or null. */
  fault(): string | null;
}

/** What the in-process link reads from a controller (the controllers' `SignalController` fits). */
export type InProcessController = CommandableController & {
  readonly mode: ControllerMode;
  readonly planId: string;
  readonly cycleSecond: number | null;
  readonly fault: string | null;
  activeUnits(): UnitKey[];
};

/** A link to a controller in the same process; `online` can be switched off to play a lost link. */
export class InProcessControllerLink implements ControllerLink {
  readonly intersectionId: string;
  readonly #controller: InProcessController;
  online = true;

  constructor(intersectionId: string, controller: InProcessController) {
    this.intersectionId = intersectionId;
    this.#controller = controller;
  }

  snapshot(): ControllerSnapshot {
    const c = this.#controller;
    return {
      online: this.online,
      mode: c.mode,
      planId: c.planId,
      cycleSecond: c.cycleSecond,
      activeUnits: this.online ? c.activeUnits() : [],
    };
  }

  send(commands: readonly SignalCommand[]): void {
    if (!this.online) return;
    for (const command of commands) {
      try {
        applyCommand(this.#controller, command);
      } catch {
        // A refused command (unknown unit, unsafe plan) changes nothing; the strategy tries again.
      }
    }
  }

  fault(): string | null {
    return this.#controller.fault;
  }
}
