/**
 * @module controllers/adapters/opcua/nodes
 * Builds one intersection's part of the address space (core/opcua contract, NTCIP 1202 ideas):
 * status variables, units (phases or stages) with command status, signal groups with state, end
 * times and writable timing, detectors. Values are read from the controller when sampled, so
 * subscriptions see live state without any per-step work here.
 */
import { DataType, StatusCodes, Variant, type Namespace, type UAObject, type StatusCode } from 'node-opcua';
import { OPCUA_TIMING_FIELDS, opcuaPath, type OpcuaTimingField } from '../../../core/opcua/index.ts';
import type { SignalController } from '../../firmware/index.ts';
import { statusOf } from './status.ts';

type Scalar = 'String' | 'Double' | 'Boolean';

function variant(type: Scalar, value: unknown, array = false): Variant {
  return new Variant({ dataType: DataType[type], value, ...(array ? { arrayType: 1 } : {}) });
}

/** Add a read-only variable sampled from `get`. */
function readOnly(
  ns: Namespace,
  parent: UAObject,
  path: string,
  type: Scalar,
  get: () => unknown,
  array = false,
): void {
  ns.addVariable({
    componentOf: parent,
    nodeId: `s=${path}`,
    browseName: path.slice(path.lastIndexOf('.') + 1),
    dataType: type,
    ...(array ? { valueRank: 1, arrayDimensions: [0] } : {}),
    minimumSamplingInterval: 100,
    value: { get: () => variant(type, get(), array) },
  });
}

function folder(ns: Namespace, parent: UAObject, path: string): UAObject {
  return ns.addObject({
    componentOf: parent,
    nodeId: `s=${path}`,
    browseName: path.slice(path.lastIndexOf('.') + 1),
  });
}

/** Add the nodes of one controller under `root` (the Intersections folder); returns its object. */
export function addIntersectionNodes(ns: Namespace, root: UAObject, c: SignalController): UAObject {
  const id = c.intersectionId;
  const obj = ns.addObject({ organizedBy: root, nodeId: `s=${opcuaPath.intersection(id)}`, browseName: id });
  readOnly(ns, obj, opcuaPath.mode(id), 'String', () => c.mode);
  readOnly(ns, obj, opcuaPath.localMode(id), 'String', () => c.localMode);
  readOnly(ns, obj, opcuaPath.planId(id), 'String', () => c.planId);
  readOnly(ns, obj, opcuaPath.planIds(id), 'String', () => c.planIds, true);
  readOnly(ns, obj, opcuaPath.cycleSecond(id), 'Double', () => c.cycleSecond ?? -1);
  readOnly(ns, obj, opcuaPath.fault(id), 'String', () => c.fault ?? '');
  readOnly(ns, obj, opcuaPath.activeUnits(id), 'String', () => c.activeUnits().map(String), true);

  const units = folder(ns, obj, opcuaPath.units(id));
  for (const u of c.units) {
    const unit = folder(ns, units, opcuaPath.unit(id, u));
    readOnly(ns, unit, opcuaPath.unitActive(id, u), 'Boolean', () => c.activeUnits().includes(u));
    readOnly(ns, unit, opcuaPath.unitHold(id, u), 'Boolean', () => c.commandState(u).hold);
    readOnly(ns, unit, opcuaPath.unitOmit(id, u), 'Boolean', () => c.commandState(u).omit);
    readOnly(ns, unit, opcuaPath.unitCall(id, u), 'Boolean', () => c.commandState(u).call);
  }

  const groups = folder(ns, obj, opcuaPath.groups(id));
  c.signalGroupStates().forEach((initial, k) => {
    const n = initial.signalGroup;
    const state = (): (typeof initial)[] => c.signalGroupStates() as (typeof initial)[];
    const group = folder(ns, groups, opcuaPath.group(id, n));
    readOnly(ns, group, opcuaPath.groupState(id, n), 'String', () => state()[k]?.color ?? 'r');
    readOnly(ns, group, opcuaPath.groupPed(id, n), 'String', () => state()[k]?.ped ?? '');
    readOnly(ns, group, opcuaPath.groupMinEnd(id, n), 'Double', () => state()[k]?.minEndMs ?? -1);
    readOnly(ns, group, opcuaPath.groupMaxEnd(id, n), 'Double', () => state()[k]?.maxEndMs ?? -1);
    readOnly(ns, group, opcuaPath.groupLikelyEnd(id, n), 'Double', () => state()[k]?.likelyEndMs ?? -1);
    const timing = folder(ns, group, `${opcuaPath.group(id, n)}.Timing`);
    for (const field of OPCUA_TIMING_FIELDS) addTiming(ns, timing, c, n, field);
  });

  const detectors = folder(ns, obj, opcuaPath.detectors(id));
  for (const d of c.layout.detectorIndex.keys()) {
    const det = folder(ns, detectors, `${opcuaPath.detectors(id)}.${d}`);
    readOnly(ns, det, opcuaPath.detectorOccupied(id, d), 'Boolean', () => c.detectorOccupied(d));
  }
  return obj;
}

/** A writable timing variable: operators only (role permissions), validated whole by the controller. */
function addTiming(
  ns: Namespace,
  parent: UAObject,
  c: SignalController,
  group: number,
  field: OpcuaTimingField,
): void {
  const path = opcuaPath.groupTiming(c.intersectionId, group, field);
  ns.addVariable({
    componentOf: parent,
    nodeId: `s=${path}`,
    browseName: field,
    dataType: 'Double',
    minimumSamplingInterval: 1000,
    accessLevel: 'CurrentRead | CurrentWrite',
    userAccessLevel: 'CurrentRead | CurrentWrite',
    value: {
      get: () => variant('Double', c.groupTiming(group, field)),
      set: (v: Variant): StatusCode => {
        if (v.dataType !== DataType.Double && v.dataType !== DataType.Float)
          return StatusCodes.BadTypeMismatch;
        try {
          c.setGroupTiming(group, field, Number(v.value));
          return StatusCodes.Good;
        } catch (err) {
          return statusOf(err);
        }
      },
    },
  });
}
