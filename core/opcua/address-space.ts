/**
 * @module core/opcua/address-space
 * The OPC UA address-space contract of a signal controller process, shared by the controllers, the
 * edge (client) and the firmware bridge. Modelled on NTCIP 1202 (Actuated Signal Controller object
 * definitions): an intersection holds its phases (NEMA) or stages, signal groups with state and
 * timing, detector inputs, and unit status (mode, plan, cycle second, fault); methods carry the
 * NTCIP 1202 phase control group commands (hold, force-off, vehicle call, omit) and plan selection.
 *
 * Every node has a string NodeId in the namespace {@link OPCUA_NAMESPACE_URI}: `ns=<i>;s=<path>`,
 * where `<i>` is looked up from the server's namespace array and `<path>` comes from {@link opcuaPath}.
 * Browse names are the last path segment.
 */

/** Namespace URI of the controller address space. */
export const OPCUA_NAMESPACE_URI = 'urn:its:signal-controller';

/** Role a user needs for writes and method calls; anonymous sessions may only browse, read, subscribe. */
export const OPCUA_OPERATOR_ROLE = 'operator';

/**
 * Security modes of the channels an operator may sign in on. On `None` nothing protects a session's
 * commands from being altered or injected on the way, so every server refuses operators there;
 * anonymous and observer sessions may read over it.
 */
export const OPCUA_OPERATOR_SECURITY_MODES = ['Sign', 'SignAndEncrypt'] as const;

/** Whether an operator may sign in on a channel of this security mode (its OPC UA name). */
export function operatorMaySignIn(securityMode: string | undefined): boolean {
  return (OPCUA_OPERATOR_SECURITY_MODES as readonly (string | undefined)[]).includes(securityMode);
}

/** Dotted path of each node; `unit` is a NEMA phase number or a stage id, `group` a signal group number. */
export const opcuaPath = {
  /** Folder under Objects holding one object per intersection. */
  intersections: 'Intersections',
  intersection: (id: string): string => `Intersections.${id}`,
  /** String: fixed | actuated | coordinated | external | flash (NTCIP 1202 unitControlStatus). */
  mode: (id: string): string => `Intersections.${id}.Mode`,
  /** String: the mode restored when external control ends. */
  localMode: (id: string): string => `Intersections.${id}.LocalMode`,
  /** String: current timing plan id (NTCIP 1202 coordPatternStatus). */
  planId: (id: string): string => `Intersections.${id}.PlanId`,
  /** String[]: plan ids known to the controller. */
  planIds: (id: string): string => `Intersections.${id}.PlanIds`,
  /** Double: seconds into the cycle, -1 when no cycle is timed (NTCIP 1202 coordCycleStatus). */
  cycleSecond: (id: string): string => `Intersections.${id}.CycleSecond`,
  /** String: latched conflict-monitor fault, empty when none (NTCIP 1202 unitAlarmStatus). */
  fault: (id: string): string => `Intersections.${id}.Fault`,
  /** String[]: units (phases or stages) timing green now. */
  activeUnits: (id: string): string => `Intersections.${id}.ActiveUnits`,
  /** Folder of units: `Phases` for NEMA, `Stages` for stage control. */
  units: (id: string): string => `Intersections.${id}.Units`,
  unit: (id: string, unit: string | number): string => `Intersections.${id}.Units.${unit}`,
  /** Boolean: the unit is green now (NTCIP 1202 phaseStatusGroupGreens). */
  unitActive: (id: string, unit: string | number): string => `Intersections.${id}.Units.${unit}.Active`,
  /** Booleans: NTCIP 1202 phaseControlGroupHold / Omit / VehCall status. */
  unitHold: (id: string, unit: string | number): string => `Intersections.${id}.Units.${unit}.Hold`,
  unitOmit: (id: string, unit: string | number): string => `Intersections.${id}.Units.${unit}.Omit`,
  unitCall: (id: string, unit: string | number): string => `Intersections.${id}.Units.${unit}.Call`,
  groups: (id: string): string => `Intersections.${id}.SignalGroups`,
  group: (id: string, group: number): string => `Intersections.${id}.SignalGroups.${group}`,
  /** String: G | g | y | r (SUMO letters; `r` also in flash). */
  groupState: (id: string, group: number): string => `Intersections.${id}.SignalGroups.${group}.State`,
  /** String: walk | flashing-dont-walk | dont-walk, empty without a pedestrian signal. */
  groupPed: (id: string, group: number): string => `Intersections.${id}.SignalGroups.${group}.Ped`,
  /** Doubles: epoch ms of the earliest / latest / likely end of the current state, -1 unknown (J2735). */
  groupMinEnd: (id: string, group: number): string => `Intersections.${id}.SignalGroups.${group}.MinEndTime`,
  groupMaxEnd: (id: string, group: number): string => `Intersections.${id}.SignalGroups.${group}.MaxEndTime`,
  groupLikelyEnd: (id: string, group: number): string =>
    `Intersections.${id}.SignalGroups.${group}.LikelyTime`,
  /** Doubles, seconds, writable by an operator (NTCIP 1202 phaseMinimumGreen, phaseMaximum1, ...). */
  groupTiming: (id: string, group: number, field: OpcuaTimingField): string =>
    `Intersections.${id}.SignalGroups.${group}.Timing.${field}`,
  detectors: (id: string): string => `Intersections.${id}.Detectors`,
  /** Boolean: presence (NTCIP 1202 vehicleDetectorStatusGroupActive). */
  detectorOccupied: (id: string, detectorId: string): string =>
    `Intersections.${id}.Detectors.${detectorId}.Occupied`,
  method: (id: string, name: OpcuaMethodName): string => `Intersections.${id}.${name}`,
} as const;

/** Writable timing variables of a signal group, seconds. */
export const OPCUA_TIMING_FIELDS = ['MinGreen', 'MaxGreen', 'Passage', 'Yellow', 'RedClear'] as const;
export type OpcuaTimingField = (typeof OPCUA_TIMING_FIELDS)[number];

/** One input argument of a method. */
export type OpcuaArgument = {
  readonly name: string;
  readonly dataType: 'String' | 'Boolean';
  readonly description: string;
};

/** Methods on each intersection object and their input arguments (no outputs). */
export const OPCUA_METHODS = {
  Hold: [
    { name: 'unit', dataType: 'String', description: 'phase number or stage id' },
    { name: 'on', dataType: 'Boolean', description: 'true to hold, false to release' },
  ],
  ForceOff: [{ name: 'unit', dataType: 'String', description: 'phase number or stage id, now green' }],
  Call: [{ name: 'unit', dataType: 'String', description: 'phase number or stage id' }],
  Omit: [
    { name: 'unit', dataType: 'String', description: 'phase number or stage id' },
    { name: 'on', dataType: 'Boolean', description: 'true to omit, false to restore' },
  ],
  SetPlan: [{ name: 'planId', dataType: 'String', description: 'a plan id from PlanIds' }],
  LoadPlan: [
    {
      name: 'plan',
      dataType: 'String',
      description: 'JSON of a core SignalPlan; replaces a plan of that id',
    },
  ],
  SetMode: [{ name: 'mode', dataType: 'String', description: 'fixed | actuated | coordinated | external' }],
  Heartbeat: [],
  ResetFault: [],
} as const satisfies Record<string, readonly OpcuaArgument[]>;
export type OpcuaMethodName = keyof typeof OPCUA_METHODS;

/**
 * Status codes the server answers with, and what they mean here (OPC UA Part 4 §7.34 names).
 * Every Bad answer leaves the controller unchanged.
 */
export const OPCUA_STATUS_MEANING = {
  Good: 'done',
  BadUserAccessDenied: 'anonymous or non-operator session tried to write or call',
  BadNotFound: 'unknown phase, stage or plan',
  BadInvalidArgument: 'wrong number or type of arguments, or an unknown mode',
  BadOutOfRange: 'a timing value outside the safe range (e.g. min green below the safe minimum)',
  BadInvalidState: 'the command cannot apply now (force-off of a unit that is not green, no fault to reset)',
  BadConfigurationError: 'the change would make a plan unsafe (a split below minimum, rings off the barrier)',
  BadTypeMismatch: 'a write of the wrong data type',
} as const;
export type OpcuaStatusName = keyof typeof OPCUA_STATUS_MEANING;
