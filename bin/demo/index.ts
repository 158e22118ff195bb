/**
 * @module bin/demo
 * Door of the demo composition (`its demo`, `npm start`): the whole system in one process.
 */
export { startDemo } from './demo-system.ts';
export type { DemoOptions, DemoSystem, DemoEndpoints } from './demo-system.ts';
export { ScaledClock } from '../../core/index.ts';
export { ensureDemoSecrets } from './demo-secrets.ts';
export type { DemoSecrets, DemoOperators } from './demo-secrets.ts';
export { choosePort } from './free-port.ts';
export { startStandaloneSimulator } from './standalone-simulator.ts';
export type { StandaloneSimulator, StandaloneSimulatorOptions } from './standalone-simulator.ts';
