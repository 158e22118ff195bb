/**
 * @module edge/adaptive
 * Adaptive signal timing: strategies behind one interface (static, Webster, actuated, cyclic
 * max-pressure, SCATS-like, schedule-driven), transit signal priority on top, and the
 * per-intersection control loop that turns their decisions into hold / force-off / call / omit / plan
 * commands.
 */
export type {
  UnitKey,
  UnitTiming,
  UnitState,
  ControllerSnapshot,
  TspRequest,
  ControlInput,
  UnitDirective,
  ControlDecision,
  SignalStrategy,
  SignalCommand,
} from './types.ts';
export { IntersectionControl } from './intersection-control.ts';
export type { ControlStep } from './intersection-control.ts';
export { CommandPlanner } from './command-planner.ts';
export { UnitTracker } from './unit-tracker.ts';
export type { DetectorSample } from './unit-tracker.ts';
export { unitLayout } from './unit-layout.ts';
export { splitGreens, criticalSum, lostTimeS } from './green-split.ts';
export type { GreenSplit } from './green-split.ts';
export { WebsterStrategy, websterCycleS, DEFAULT_WEBSTER_OPTIONS } from './webster.ts';
export type { WebsterOptions } from './webster.ts';
export { StaticStrategy, ActuatedStrategy } from './local-modes.ts';
export { MaxPressureStrategy, pressureOf, DEFAULT_MAX_PRESSURE_OPTIONS } from './max-pressure.ts';
export type { MaxPressureOptions } from './max-pressure.ts';
export { ScatsStrategy, CycleCoordinator, degreeOfSaturation, DEFAULT_SCATS_OPTIONS } from './scats.ts';
export type { ScatsOptions } from './scats.ts';
export { ScheduleDrivenStrategy } from './schedule-driven.ts';
export { DEFAULT_SCHEDULE_DRIVEN_OPTIONS } from './schedule-driven-options.ts';
export type { ScheduleDrivenOptions } from './schedule-driven-options.ts';
export { phaseGroups } from './schedule-driven-phases.ts';
export { NeighbourBoard, neighbourBoard, projectOutflow, arrivalClusters } from './neighbour-board.ts';
export type { OutflowInterval, BoardLink, GreenWindow } from './neighbour-board.ts';
export { searchSchedule } from './schedule-driven-search.ts';
export type { Schedule, ScheduleProblem, SchedulePhase, ScheduledCluster } from './schedule-driven-search.ts';
export { approachClusters, mergeParallel, DEFAULT_CLUSTER_OPTIONS } from './schedule-driven-clusters.ts';
export type { Cluster, ClusterOptions, ApproachDemand } from './schedule-driven-clusters.ts';
export {
  withTransitPriority,
  urgentRequest,
  tspRuleOptions,
  DEFAULT_TSP_OPTIONS,
} from './transit-priority.ts';
export type { TransitPriorityOptions, TspRule } from './transit-priority.ts';
export { createStrategy, STRATEGY_NAMES } from './strategies.ts';
export type { StrategyName, CreateStrategyOptions } from './strategies.ts';
export { applyCommand } from './apply-command.ts';
export type { CommandableController } from './apply-command.ts';
