/**
 * @module core/workers
 * Worker threads on our TypeScript modules.
 */
export { startTsWorker } from './ts-worker.ts';
