/**
 * @module firmware-bridge/adapters/snmp/simulated-controller-agent
 * An SNMP agent (net-snmp's agent API) serving a simulated NTCIP 1202 controller on a free UDP port
 * of 127.0.0.1, for integration tests and demos. Tests set phase masks and complete volume/occupancy
 * periods; the agent answers the poller exactly as a cabinet would.
 */
import { createSocket } from 'node:dgram';
import * as snmp from 'net-snmp';
import type { Agent, Mib } from 'net-snmp';
import {
  ACTIVE_VOLUME_OCCUPANCY_DETECTORS,
  DETECTOR,
  MAX_PHASE_GROUPS,
  MAX_PHASES,
  MAX_VEHICLE_DETECTOR_STATUS_GROUPS,
  PHASE_CONTROL_COLUMNS,
  PHASE_CONTROL_GROUP_ENTRY,
  PHASE_STATUS_COLUMNS,
  VEHICLE_DETECTOR_STATUS_GROUP_ENTRY,
  PHASE_STATUS_GROUP_ENTRY,
  VOLUME_OCCUPANCY_ENTRY,
  VOLUME_OCCUPANCY_PERIOD,
  VOLUME_OCCUPANCY_SEQUENCE,
} from '../../ntcip/index.ts';
import type { PhaseControlColumn, PhaseStatusColumn } from '../../ntcip/index.ts';

/** A running simulated controller. */
export type SimulatedController = {
  readonly port: number;
  /** Set one phase status column mask of a group (1-based). */
  setPhaseMask(column: PhaseStatusColumn, group: number, mask: number): void;
  /** Complete `periods` collection periods (advancing the sequence) with these detector counts. */
  completePeriods(periods: number, detectors: readonly { volume: number; occupancy: number }[]): void;
  /** Set the presence mask of a detector status group (1-based, 8 detectors a group). */
  setDetectorActive(group: number, mask: number): void;
  /** The phase control mask a manager last wrote (SetRequest) to a group. */
  phaseControl(column: PhaseControlColumn, group: number): number;
  close(): Promise<void>;
};

/** A UDP port free right now (net-snmp's agent maps port 0 to 161, so ask the OS first). */
function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createSocket('udp4');
    s.once('error', reject);
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const RO = (): number => snmp.MaxAccess['read-only'];

function scalar(mib: Mib, name: string, instanceOid: string, value: number): void {
  mib.registerProvider({
    name,
    type: snmp.MibProviderType.Scalar,
    oid: instanceOid.replace(/\.0$/, ''),
    scalarType: snmp.ObjectType.Integer,
    maxAccess: RO(),
  });
  mib.setScalarValue(name, value);
}

/** Start a simulated controller with `phaseGroups` groups (8 phases each) and `detectors` detectors. */
export async function startSimulatedController(
  options: { phaseGroups?: number; detectors?: number; periodS?: number; community?: string } = {},
): Promise<SimulatedController> {
  const groups = options.phaseGroups ?? 2;
  const detectors = options.detectors ?? 4;
  const port = await freeUdpPort();
  const agent: Agent = snmp.createAgent({ port, address: '127.0.0.1', transport: 'udp4' }, () => undefined);
  agent.getAuthorizer().addCommunity(options.community ?? 'public');
  const mib = agent.getMib();
  scalar(mib, 'maxPhases', MAX_PHASES, groups * 8);
  scalar(mib, 'maxPhaseGroups', MAX_PHASE_GROUPS, groups);
  scalar(mib, 'volumeOccupancySequence', VOLUME_OCCUPANCY_SEQUENCE, 0);
  scalar(mib, 'volumeOccupancyPeriod', VOLUME_OCCUPANCY_PERIOD, options.periodS ?? 30);
  scalar(mib, 'activeVolumeOccupancyDetectors', ACTIVE_VOLUME_OCCUPANCY_DETECTORS, detectors);
  const columns = Object.entries(PHASE_STATUS_COLUMNS) as [PhaseStatusColumn, number][];
  mib.registerProvider({
    name: 'phaseStatusGroupTable',
    type: snmp.MibProviderType.Table,
    oid: PHASE_STATUS_GROUP_ENTRY,
    maxAccess: snmp.MaxAccess['not-accessible'],
    tableColumns: [
      { number: 1, name: 'phaseStatusGroupNumber', type: snmp.ObjectType.Integer, maxAccess: RO() },
      ...columns.map(([name, number]) => ({ number, name, type: snmp.ObjectType.Integer, maxAccess: RO() })),
    ],
    tableIndex: [{ columnName: 'phaseStatusGroupNumber' }],
  });
  for (let g = 1; g <= groups; g++) mib.addTableRow('phaseStatusGroupTable', [g, ...columns.map(() => 0)]);
  mib.registerProvider({
    name: 'vehicleDetectorTable',
    type: snmp.MibProviderType.Table,
    oid: `${DETECTOR}.2.1`,
    maxAccess: snmp.MaxAccess['not-accessible'],
    tableColumns: [
      { number: 1, name: 'vehicleDetectorNumber', type: snmp.ObjectType.Integer, maxAccess: RO() },
    ],
    tableIndex: [{ columnName: 'vehicleDetectorNumber' }],
  });
  mib.registerProvider({
    name: 'volumeOccupancyTable',
    type: snmp.MibProviderType.Table,
    oid: VOLUME_OCCUPANCY_ENTRY,
    maxAccess: snmp.MaxAccess['not-accessible'],
    tableColumns: [
      { number: 1, name: 'detectorVolume', type: snmp.ObjectType.Integer, maxAccess: RO() },
      { number: 2, name: 'detectorOccupancy', type: snmp.ObjectType.Integer, maxAccess: RO() },
    ],
    tableIndex: [{ columnName: 'vehicleDetectorNumber', foreign: 'vehicleDetectorTable' }],
  });
  for (let d = 1; d <= detectors; d++) {
    mib.addTableRow('vehicleDetectorTable', [d]);
    mib.addTableRow('volumeOccupancyTable', [d, 0, 0]);
  }
  const controlColumns = Object.entries(PHASE_CONTROL_COLUMNS) as [PhaseControlColumn, number][];
  mib.registerProvider({
    name: 'phaseControlGroupTable',
    type: snmp.MibProviderType.Table,
    oid: PHASE_CONTROL_GROUP_ENTRY,
    maxAccess: snmp.MaxAccess['not-accessible'],
    tableColumns: [
      { number: 1, name: 'phaseControlGroupNumber', type: snmp.ObjectType.Integer, maxAccess: RO() },
      ...controlColumns.map(([name, number]) => ({
        number,
        name,
        type: snmp.ObjectType.Integer,
        maxAccess: snmp.MaxAccess['read-write'],
      })),
    ],
    tableIndex: [{ columnName: 'phaseControlGroupNumber' }],
  });
  for (let g = 1; g <= groups; g++)
    mib.addTableRow('phaseControlGroupTable', [g, ...controlColumns.map(() => 0)]);
  const detectorGroups = Math.ceil(detectors / 8);
  scalar(mib, 'maxVehicleDetectorStatusGroups', MAX_VEHICLE_DETECTOR_STATUS_GROUPS, detectorGroups);
  mib.registerProvider({
    name: 'vehicleDetectorStatusGroupTable',
    type: snmp.MibProviderType.Table,
    oid: VEHICLE_DETECTOR_STATUS_GROUP_ENTRY,
    maxAccess: snmp.MaxAccess['not-accessible'],
    tableColumns: [
      { number: 1, name: 'vehicleDetectorStatusGroupNumber', type: snmp.ObjectType.Integer, maxAccess: RO() },
      { number: 2, name: 'vehicleDetectorStatusGroupActive', type: snmp.ObjectType.Integer, maxAccess: RO() },
    ],
    tableIndex: [{ columnName: 'vehicleDetectorStatusGroupNumber' }],
  });
  for (let g = 1; g <= detectorGroups; g++) mib.addTableRow('vehicleDetectorStatusGroupTable', [g, 0]);
  let sequence = 0;
  return {
    port,
    setPhaseMask: (column, group, mask) =>
      mib.setTableSingleCell('phaseStatusGroupTable', PHASE_STATUS_COLUMNS[column], [group], mask),
    completePeriods: (periods, counts) => {
      sequence = (sequence + periods) % 256;
      counts.forEach((c, i) => {
        mib.setTableSingleCell('volumeOccupancyTable', 1, [i + 1], c.volume);
        mib.setTableSingleCell('volumeOccupancyTable', 2, [i + 1], c.occupancy);
      });
      mib.setScalarValue('volumeOccupancySequence', sequence);
    },
    setDetectorActive: (group, mask) =>
      mib.setTableSingleCell('vehicleDetectorStatusGroupTable', 2, [group], mask),
    phaseControl: (column, group) =>
      Number(mib.getTableSingleCell('phaseControlGroupTable', PHASE_CONTROL_COLUMNS[column], [group])),
    close: () => new Promise<void>((resolve) => agent.close(() => resolve())),
  };
}
