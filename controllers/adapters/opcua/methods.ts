/**
 * @module controllers/adapters/opcua/methods
 * The intersection methods of the core/opcua contract: NTCIP 1202 phase control (hold, force-off,
 * call, omit), plan selection and loading, mode, heartbeat and fault reset. Only sessions with the
 * Operator role may call them (checked here as well as by the role permissions); a Bad status always
 * means nothing changed.
 */
import {
  DataType,
  StatusCodes,
  type ISessionContext,
  type Namespace,
  type StatusCode,
  type UAObject,
  type Variant,
} from 'node-opcua';
import { signalPlanSchema } from '../../../core/index.ts';
import { OPCUA_METHODS, opcuaPath, type OpcuaMethodName } from '../../../core/opcua/index.ts';
import type { SignalController } from '../../firmware/index.ts';
import { statusOf } from './status.ts';
import { isOperator } from './users.ts';

type Args = readonly (string | boolean)[];

/** What each method does to the controller; returns a Bad status for a command that cannot apply. */
function run(c: SignalController, name: OpcuaMethodName, a: Args): StatusCode {
  const s = (i: number): string => String(a[i]);
  const unit = (i: number): string | number => (c.layout.kind === 'nema' ? Number(s(i)) : s(i));
  switch (name) {
    case 'Hold':
      c.hold(unit(0), a[1] === true);
      return StatusCodes.Good;
    case 'ForceOff':
      return c.forceOff(unit(0)) ? StatusCodes.Good : StatusCodes.BadInvalidState;
    case 'Call':
      c.call(unit(0));
      return StatusCodes.Good;
    case 'Omit':
      c.omit(unit(0), a[1] === true);
      return StatusCodes.Good;
    case 'SetPlan':
      c.setPlan(s(0));
      return StatusCodes.Good;
    case 'LoadPlan': {
      let json: unknown;
      try {
        json = JSON.parse(s(0));
      } catch {
        return StatusCodes.BadInvalidArgument;
      }
      const plan = signalPlanSchema.safeParse(json);
      if (!plan.success) return StatusCodes.BadInvalidArgument;
      c.loadPlan(plan.data);
      return StatusCodes.Good;
    }
    case 'SetMode': {
      const mode = s(0);
      if (mode !== 'fixed' && mode !== 'actuated' && mode !== 'coordinated' && mode !== 'external')
        return StatusCodes.BadInvalidArgument;
      c.setMode(mode);
      return StatusCodes.Good;
    }
    case 'Heartbeat':
      c.heartbeat();
      return StatusCodes.Good;
    case 'ResetFault':
      return c.resetFault() ? StatusCodes.Good : StatusCodes.BadInvalidState;
    default: {
      const never: never = name;
      throw new Error(`unknown method ${String(never)}`);
    }
  }
}

/** Add every contract method to an intersection object. */
export function addIntersectionMethods(ns: Namespace, obj: UAObject, c: SignalController): void {
  for (const name of Object.keys(OPCUA_METHODS) as OpcuaMethodName[]) {
    const inputs = OPCUA_METHODS[name];
    const method = ns.addMethod(obj, {
      nodeId: `s=${opcuaPath.method(c.intersectionId, name)}`,
      browseName: name,
      inputArguments: inputs.map((i) => ({
        name: i.name,
        dataType: DataType[i.dataType],
        description: { text: i.description },
      })),
      outputArguments: [],
    });
    method.bindMethod(async (args: Variant[], context: ISessionContext) => {
      if (!isOperator(context.getCurrentUserRoles())) return { statusCode: StatusCodes.BadUserAccessDenied };
      if (args.length !== inputs.length) return { statusCode: StatusCodes.BadInvalidArgument };
      const values: (string | boolean)[] = [];
      for (let i = 0; i < inputs.length; i++) {
        const want = inputs[i]?.dataType === 'Boolean' ? DataType.Boolean : DataType.String;
        const arg = args[i];
        if (arg === undefined || arg.dataType !== want) return { statusCode: StatusCodes.BadInvalidArgument };
        values.push(arg.value as string | boolean);
      }
      try {
        return { statusCode: run(c, name, values) };
      } catch (err) {
        return { statusCode: statusOf(err) };
      }
    });
  }
}
