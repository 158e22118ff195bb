/**
 * @module simulator
 * Public door of `simulator/` (STYLE.md §2): the microscopic traffic simulator — engine, scenario
 * compilation, signal heads over the controllers, and generators. Other parts import only this file.
 */
export * from './engine/index.ts';
export * from './scenario/index.ts';
export * from './signals/index.ts';
export * from './generators/index.ts';
export * from './sumo/index.ts';
export * from './devices/index.ts';
export * from './run/index.ts';
export * from './report/index.ts';
export * from './live/index.ts';
