/**
 * @module center/routing
 * Routing with live travel times: binary heap, CSR graph, A*, route planner and detours.
 */
export { BinaryHeap } from './binary-heap.ts';
export { buildRoutingGraph, nearestNode } from './routing-graph.ts';
export type { RoutingGraph, RoutingLinkInput, RoutingNodeInput } from './routing-graph.ts';
export { PathSearch, pathCost } from './shortest-path.ts';
export type { PathResult } from './shortest-path.ts';
export { RoutePlanner } from './route-planner.ts';
export { computeLandmarks, altBound } from './landmarks.ts';
export type { Landmarks } from './landmarks.ts';
export type { PlannedRoute, RouteAnswer, LinkBlockage, RoutableNetwork } from './route-planner.ts';
export { SegmentIndex } from './segment-index.ts';
export type { NearestLine } from './segment-index.ts';
export { gridNetwork } from './grid-network.ts';
