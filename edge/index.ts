/**
 * @module edge
 * Public door of `edge/` (STYLE.md §2). Other parts import only this file: the simulator embeds the
 * signal strategies and the edge node through it (the one planned shortcut, STYLE.md §3).
 */
export * from './ingest/index.ts';
export * from './detectors/index.ts';
export * from './bus-tracking/index.ts';
export * from './adaptive/index.ts';
export * from './uplink/index.ts';
export * from './node/index.ts';
