/**
 * @module edge/adaptive/apply-command
 * Send a {@link SignalCommand} to anything with the controller's external interface: the in-process
 * controller (simulator) or an OPC UA client proxy (live edge).
 */
import type { SignalCommand, UnitKey } from './types.ts';

/** The controller's external command interface (controllers/README.md). */
export type CommandableController = {
  hold(unit: UnitKey, on?: boolean): void;
  forceOff(unit: UnitKey): boolean | void;
  call(unit: UnitKey): void;
  omit(unit: UnitKey, on?: boolean): void;
  setPlan(planId: string): void;
  setMode(mode: 'fixed' | 'actuated' | 'coordinated' | 'external'): void;
  heartbeat(): void;
};

/** Apply one command. */
export function applyCommand(controller: CommandableController, command: SignalCommand): void {
  switch (command.type) {
    case 'hold':
      controller.hold(command.unit, command.on);
      return;
    case 'force-off':
      controller.forceOff(command.unit);
      return;
    case 'call':
      controller.call(command.unit);
      return;
    case 'omit':
      controller.omit(command.unit, command.on);
      return;
    case 'set-plan':
      controller.setPlan(command.planId);
      return;
    case 'set-mode':
      controller.setMode(command.mode);
      return;
    case 'heartbeat':
      controller.heartbeat();
      return;
    default: {
      const never: never = command;
      throw new Error(`unknown command ${JSON.stringify(never)}`);
    }
  }
}
