/**
 * @module simulator/sumo
 * SUMO import: `.net.xml` networks with their `tlLogic` programs and `.rou.xml` demand.
 */
export { readSumoNet } from './net.ts';
export type {
  SumoNet,
  SumoEdge,
  SumoLane,
  SumoJunction,
  SumoConnection,
  SumoTlLogic,
  SumoPhase,
} from './net.ts';
export { readSumoRoutes } from './routes.ts';
export type { SumoRoutes, SumoVType, SumoDemandItem } from './routes.ts';
export { sumoNetToSpec, movementIdOf } from './convert-net.ts';
export { sumoTlsToIntersections } from './convert-tls.ts';
export type { TlsConversionOptions, ConvertedTls } from './convert-tls.ts';
export { sumoRoutesToDemand } from './convert-demand.ts';
export type { SumoDemandResult } from './convert-demand.ts';
export { entityIdOf } from './ids.ts';
export { utmToLonLat } from './utm.ts';
