/**
 * @module firmware-bridge/ntcip/opcua-commands
 * Maps a method call on the OPC UA controller contract (core/opcua OPCUA_METHODS) to an NTCIP 1202
 * phase command, or to the status code the contract assigns (OPCUA_STATUS_MEANING). Pure.
 */
import type { OpcuaMethodName } from '../../core/opcua/index.ts';
import type { PhaseCommand } from './phase-control.ts';

/** Status names this mapping answers with (core/opcua names, plus BadNotSupported). */
export type CommandStatus = 'BadInvalidArgument' | 'BadNotFound' | 'BadNotSupported';

/** What a method call asks of an NTCIP controller. */
export type MethodOutcome =
  | { readonly ok: true; readonly command: PhaseCommand | null }
  | { readonly ok: false; readonly status: CommandStatus; readonly why: string };

function phaseArg(value: unknown, maxPhases: number): number | MethodOutcome {
  if (typeof value !== 'string' || !/^\d{1,3}$/.test(value)) {
    return { ok: false, status: 'BadInvalidArgument', why: 'unit must be a phase number as text' };
  }
  const phase = Number(value);
  if (phase < 1 || phase > maxPhases) return { ok: false, status: 'BadNotFound', why: `no phase ${phase}` };
  return phase;
}

/**
 * Translate a call. Heartbeat is accepted and does nothing (an NTCIP controller has no edge
 * watchdog); plan, mode and fault methods have no NTCIP 1202 phase-control equivalent here and
 * answer BadNotSupported, leaving the controller unchanged.
 */
export function methodToCommand(
  name: OpcuaMethodName,
  args: readonly unknown[],
  maxPhases: number,
): MethodOutcome {
  switch (name) {
    case 'Heartbeat':
      return { ok: true, command: null };
    case 'Hold':
    case 'Omit': {
      const phase = phaseArg(args[0], maxPhases);
      if (typeof phase !== 'number') return phase;
      if (typeof args[1] !== 'boolean')
        return { ok: false, status: 'BadInvalidArgument', why: 'on must be Boolean' };
      return { ok: true, command: { kind: name === 'Hold' ? 'hold' : 'omit', phase, on: args[1] } };
    }
    case 'ForceOff':
    case 'Call': {
      const phase = phaseArg(args[0], maxPhases);
      if (typeof phase !== 'number') return phase;
      return { ok: true, command: { kind: name === 'Call' ? 'call' : 'force-off', phase } };
    }
    case 'SetPlan':
    case 'LoadPlan':
    case 'SetMode':
    case 'ResetFault':
      return { ok: false, status: 'BadNotSupported', why: `${name} is not bridged to NTCIP 1202` };
    default: {
      const never: never = name;
      return { ok: false, status: 'BadNotSupported', why: `unknown method ${String(never)}` };
    }
  }
}
