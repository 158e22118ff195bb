/**
 * @module center/network
 * The scenario indexed for the center: links, stops, route stop patterns, signs.
 */
export { buildCenterNetwork, patternForVehicle } from './center-network.ts';
export type { CenterNetwork, CenterLink, StopPattern, CenterSign } from './center-network.ts';
