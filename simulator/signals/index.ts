/**
 * @module simulator/signals
 * Signal heads driven by the controllers of `controllers/`.
 */
export { createControllerHeads } from './controller-heads.ts';
export type { ControllerFactory, MovementController, GroupDisplay } from './controller-heads.ts';
