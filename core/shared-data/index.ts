/**
 * @module core/shared-data
 * Locating the public reference data beside the repository.
 */
export { sharedDataDir, sharedDataPath, sharedDataCandidates } from './shared-data.ts';
