/**
 * @module simulator/report/table
 * The KPI table printed on a terminal.
 */
import type { RunKpis } from '../run/index.ts';

/** Plain-text table of the key figures. */
export function kpiTable(k: RunKpis): string {
  const rows: [string, string][] = [
    ['vehicles inserted', String(k.vehiclesInserted)],
    ['vehicles arrived', String(k.vehiclesArrived)],
    ['vehicles running', String(k.vehiclesRunning)],
    ['waiting to insert', String(k.vehiclesWaitingToInsert)],
    ['mean travel time', `${k.meanTravelTimeS.toFixed(1)} s`],
    ['mean time loss', `${k.meanTimeLossS.toFixed(1)} s`],
    ['mean waiting time', `${k.meanWaitingTimeS.toFixed(1)} s`],
    ['mean stops', k.meanStops.toFixed(2)],
    ['vehicle updates/s', k.vehicleUpdatesPerSecond.toLocaleString('en-US')],
    ['simulated / wall', `${k.simulatedS} s / ${k.wallS} s`],
  ];
  const w = Math.max(...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `  ${a.padEnd(w)}  ${b}`).join('\n');
}
