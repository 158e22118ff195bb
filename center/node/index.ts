/**
 * @module center/node
 * One wired center instance (store, ingest, prediction, API, web server).
 */
export { DEFAULT_MAX_IN_FLIGHT, DEFAULT_MIN_IN_FLIGHT, startCenterNode } from './center-node.ts';
export type { CenterNode, CenterNodeOptions } from './center-node.ts';
export { startWebServer } from './web-engine.ts';
export type { WebEngine } from './web-engine.ts';
