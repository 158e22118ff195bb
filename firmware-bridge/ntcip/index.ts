/**
 * @module firmware-bridge/ntcip
 * Door of the NTCIP 1202 logic: OIDs, phase status decoding, volume/occupancy sequence tracking and
 * the mapping to our messages. Pure; the SNMP transport is `adapters/snmp`.
 */
export * from './oids.ts';
export { decodePhaseStatus } from './phase-status.ts';
export type { PhaseColour, PhaseStatus, PhaseStatusGroup, PhaseStatusProblem } from './phase-status.ts';
export { VolumeOccupancyTracker, OCCUPANCY_FAULTS } from './volume-occupancy.ts';
export type {
  DetectorInterval,
  VolumeOccupancyCounters,
  VolumeOccupancyObservation,
  VolumeOccupancySample,
} from './volume-occupancy.ts';
export { detectorReports, spatFromPhases } from './ntcip-messages.ts';
export type { NtcipMessageContext } from './ntcip-messages.ts';
export { NtcipController } from './ntcip-controller.ts';
export type { NtcipControllerOptions, NtcipPoll, NtcipPollOutcome } from './ntcip-controller.ts';
export { PhaseControlState } from './phase-control.ts';
export type { PhaseCommand, PhaseCommandProblem, PhaseControlWrite } from './phase-control.ts';
export { methodToCommand } from './opcua-commands.ts';
export type { CommandStatus, MethodOutcome } from './opcua-commands.ts';
