/**
 * @module firmware-bridge/ntcip/oids
 * Object identifiers of NTCIP 1202 (Actuated Signal Controller) used by the bridge, under the ASC
 * node 1.3.6.1.4.1.1206.4.2.1 (nema.transportation.devices.asc).
 */

/** asc: 1.3.6.1.4.1.1206.4.2.1 */
export const ASC = '1.3.6.1.4.1.1206.4.2.1';

/** phase (asc 1): maxPhases, phaseTable, maxPhaseGroups, phaseStatusGroupTable. */
export const PHASE = `${ASC}.1`;
export const MAX_PHASES = `${PHASE}.1.0`;
export const MAX_PHASE_GROUPS = `${PHASE}.3.0`;
/** phaseStatusGroupEntry: 1.3.6.1.4.1.1206.4.2.1.1.4.1.<column>.<group> */
export const PHASE_STATUS_GROUP_ENTRY = `${PHASE}.4.1`;

/** Columns of phaseStatusGroupEntry (NTCIP 1202 §2.2.4), each an 8-bit mask of 8 phases. */
export const PHASE_STATUS_COLUMNS = {
  reds: 2,
  yellows: 3,
  greens: 4,
  dontWalks: 5,
  pedClears: 6,
  walks: 7,
  vehCalls: 8,
  pedCalls: 9,
  phaseOns: 10,
  phaseNexts: 11,
} as const;
export type PhaseStatusColumn = keyof typeof PHASE_STATUS_COLUMNS;

/** detector (asc 2): volumeOccupancyReport (2.5). */
export const DETECTOR = `${ASC}.2`;
export const MAX_VEHICLE_DETECTORS = `${DETECTOR}.1.0`;
/** volumeOccupancySequence: increments (mod 256) each completed collection period. */
export const VOLUME_OCCUPANCY_SEQUENCE = `${DETECTOR}.5.1.0`;
/** volumeOccupancyPeriod: the collection period in seconds. */
export const VOLUME_OCCUPANCY_PERIOD = `${DETECTOR}.5.2.0`;
/** activeVolumeOccupancyDetectors: rows in volumeOccupancyTable. */
export const ACTIVE_VOLUME_OCCUPANCY_DETECTORS = `${DETECTOR}.5.3.0`;
/** volumeOccupancyEntry: .1 detectorVolume, .2 detectorOccupancy, indexed by detector number. */
export const VOLUME_OCCUPANCY_ENTRY = `${DETECTOR}.5.4.1`;

/** OID of one phase status group column. */
export function phaseStatusOid(column: PhaseStatusColumn, group: number): string {
  return `${PHASE_STATUS_GROUP_ENTRY}.${PHASE_STATUS_COLUMNS[column]}.${group}`;
}

/** OIDs of one detector's volume and occupancy. */
export function volumeOccupancyOids(detector: number): { volume: string; occupancy: string } {
  return {
    volume: `${VOLUME_OCCUPANCY_ENTRY}.1.${detector}`,
    occupancy: `${VOLUME_OCCUPANCY_ENTRY}.2.${detector}`,
  };
}

/**
 * phaseControlGroupEntry (NTCIP 1202 §2.2.5): 1.3.6.1.4.1.1206.4.2.1.1.5.1.<column>.<group>, each a
 * read-write 8-phase mask; the controller acts on the bits while they are set.
 */
export const PHASE_CONTROL_GROUP_ENTRY = `${PHASE}.5.1`;
export const PHASE_CONTROL_COLUMNS = {
  phaseOmit: 2,
  pedOmit: 3,
  hold: 4,
  forceOff: 5,
  vehCall: 6,
  pedCall: 7,
} as const;
export type PhaseControlColumn = keyof typeof PHASE_CONTROL_COLUMNS;

/** OID of one phase control group column. */
export function phaseControlOid(column: PhaseControlColumn, group: number): string {
  return `${PHASE_CONTROL_GROUP_ENTRY}.${PHASE_CONTROL_COLUMNS[column]}.${group}`;
}

/** maxVehicleDetectorStatusGroups and vehicleDetectorStatusGroupActive (8 detectors a group). */
export const MAX_VEHICLE_DETECTOR_STATUS_GROUPS = `${DETECTOR}.3.0`;
export const VEHICLE_DETECTOR_STATUS_GROUP_ENTRY = `${DETECTOR}.4.1`;
export function detectorStatusActiveOid(group: number): string {
  return `${VEHICLE_DETECTOR_STATUS_GROUP_ENTRY}.2.${group}`;
}
