/**
 * @module core/gtfs
 * GTFS Schedule import: a feed directory into the `transit` section of a scenario, and the CSV reader
 * it uses.
 */
export { importGtfs } from './import.ts';
export type { GtfsImport, GtfsImportSummary } from './import.ts';
export { parseCsv } from './csv.ts';
export type { CsvRecord } from './csv.ts';
