/**
 * @module core/scenario
 * The scenario file format and its validation.
 */
export * from './schema.ts';
