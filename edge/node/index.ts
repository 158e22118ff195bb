/**
 * @module edge/node
 * The edge node of one region, technology-free: ingest, detectors, bus tracking, adaptive signals
 * with transit priority, and summaries for the uplink.
 */
export { EdgeNode } from './edge-node.ts';
export type { EdgeNodeOptions, EdgeNodeStats, UplinkSink } from './edge-node-options.ts';
export { InProcessControllerLink } from './controller-link.ts';
export { DetectorSignals } from './detector-signals.ts';
export { SignalTimingTracker } from './signal-timing.ts';
export type { ControllerLink, InProcessController } from './controller-link.ts';
export { DEFAULT_TSP_MIN_LATE_S, SignalSupervisor } from './signal-supervisor.ts';
export type { StepTimer } from './signal-supervisor.ts';
export { TspLocator } from './tsp-locator.ts';
export type { BusOnRoad, LocatedRequest } from './tsp-locator.ts';
export { OperatorCommands } from './operator-commands.ts';
export type {
  CommandDropReason,
  OperatorCommandStats,
  OperatorCommandsOptions,
} from './operator-commands.ts';
export { SwitchableStrategy } from './switchable-strategy.ts';
