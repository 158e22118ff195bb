/**
 * @module center/state/testing
 * Test support for state stores: the shared contract suite and sample records. Imported by tests
 * only, so production code never loads vitest.
 */
export { runStateStoreContract, eventually } from './state-store-contract.ts';
export type { StateStoreContractOptions } from './state-store-contract.ts';
export {
  sampleLink,
  sampleVehicle,
  sampleStop,
  sampleIncident,
  sampleSignMessage,
  sampleSegmentTime,
} from './sample-records.ts';
