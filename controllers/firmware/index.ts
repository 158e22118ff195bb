/**
 * @module controllers/firmware
 * The controller "firmware": pure, allocation-free per step, driven by `step(nowMs)`.
 */
export { SignalController, createController } from './controller.ts';
export type { LocalMode } from './modes.ts';
export type { UnitKey } from './commands.ts';
export type { ControllerOptions, ControllerEvent } from './options.ts';
export { DEFAULT_CONTROLLER_OPTIONS } from './options.ts';
export type { SignalColor, SignalGroupState, PedDisplay } from './outputs.ts';
export type { Layout, GroupDef, StageDef } from './layout.ts';
export type { Sequencer, StepContext, EndTimes } from './sequencer.ts';
export { RED, YELLOW, GREEN, DONT_WALK, WALK, FLASHING_DONT_WALK } from './sequencer.ts';
export { compilePlan } from './plan.ts';
export type { CompiledPlan, PlanResult } from './plan.ts';
export { buildLayout } from './layout.ts';
export { ConflictMonitor } from './monitor.ts';
export { compatibilityOf } from './compatibility.ts';
export type { Compatibility } from './compatibility.ts';
export { iteYellowS, iteRedClearS } from './timing.ts';
export { RingSequencer } from './ring-sequencer.ts';
export { StageSequencer } from './stage-sequencer.ts';
