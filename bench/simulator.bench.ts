/**
 * @module bench/simulator.bench
 * Simulator throughput: vehicle updates per wall second (sum over steps of running vehicles / wall
 * time) on generated signalized grids — 10x10 at ~24,000 veh/h and 4x4 — with fixed-time controllers
 * from `controllers/`, and the memory the vehicle state takes per 10,000 vehicles. SUMO 1.15 on this
 * kind of machine: ~265,000 updates/s (10x10) and 355,000-376,000 (4x4); target 3x.
 */
import { gridScenario, prepareRun, runToEnd } from '../simulator/index.ts';
import type { BenchFigure, Benchmark } from './types.ts';

const SUMO_10X10 = 265_000;
const SUMO_4X4 = 365_000;

function measure(rows: number, vehPerHour: number, durationS: number, stepS: number) {
  const scenario = gridScenario({ rows, cols: rows, vehPerHour, durationS, spacingM: 200, lanes: 2 });
  const run = prepareRun({ kind: 'scenario', scenario }, { tls: 'static', stepS, seed: 1 });
  let peak = 0;
  run.sim.observe((st) => {
    if (st.veh.running > peak) peak = st.veh.running;
  });
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const k = runToEnd(run);
  const heapAfter = process.memoryUsage().heapUsed;
  const veh = run.sim.state.veh;
  const stateBytesPerVehicle = veh.bytes() / veh.capacity;
  return { k, peak, stateBytesPerVehicle, heapDelta: heapAfter - heapBefore };
}

export const benchmark: Benchmark = {
  name: 'simulator',
  async run({ quick }) {
    const figures: BenchFigure[] = [];
    const durationS = quick ? 600 : 1800;
    for (const [rows, vph, sumo] of [
      [10, 24_000, SUMO_10X10],
      [4, 9_600, SUMO_4X4],
    ] as const) {
      const r = measure(rows, vph, durationS, 1);
      const ups = r.k.vehicleUpdatesPerSecond;
      figures.push({
        name: `vehicle updates/s (${rows}x${rows} grid, ${vph} veh/h, 1 s step, ${durationS} s)`,
        value: ups,
        unit: 'updates/s',
        target: `>= ${3 * sumo} (3x SUMO 1.15)`,
        reference: { name: 'SUMO 1.15 (issue 3)', value: sumo },
        ratio: Math.round((ups / sumo) * 100) / 100,
        met: ups >= 3 * sumo,
        note: `${r.k.vehiclesInserted} inserted, peak ${r.peak} running, mean travel ${r.k.meanTravelTimeS} s`,
      });
      if (rows === 10) {
        figures.push({
          name: 'vehicle state per 10,000 vehicles (typed arrays)',
          value: Math.round(((r.stateBytesPerVehicle * 10_000) / 1024 / 1024) * 100) / 100,
          unit: 'MiB',
        });
        figures.push({
          name: `heap growth during the 10x10 run per 10,000 peak vehicles`,
          value: Math.round((((r.heapDelta / Math.max(1, r.peak)) * 10_000) / 1024 / 1024) * 100) / 100,
          unit: 'MiB',
          note: 'includes routes, trip records and per-intersection series',
        });
      }
    }
    const half = measure(10, 24_000, quick ? 300 : 900, 0.5);
    figures.push({
      name: 'vehicle updates/s (10x10 grid, 0.5 s step, the default)',
      value: half.k.vehicleUpdatesPerSecond,
      unit: 'updates/s',
      reference: { name: 'SUMO 1.15 (issue 3)', value: SUMO_10X10 },
      ratio: Math.round((half.k.vehicleUpdatesPerSecond / SUMO_10X10) * 100) / 100,
    });
    return figures;
  },
};
