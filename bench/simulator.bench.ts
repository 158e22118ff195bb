/**
 * @module bench/simulator.bench
 * Simulator throughput: vehicle updates per wall second (sum over steps of running vehicles / wall
 * time) on generated signalized grids — 10x10 at ~24,000 veh/h and 4x4 — with fixed-time controllers
 * from `controllers/`, and the memory the vehicle state takes per 10,000 vehicles. SUMO 1.15 on this
 * kind of machine: ~265,000 updates/s (10x10) and 355,000-376,000 (4x4); target 3x.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gridScenario, prepareRun, runToEnd } from '../simulator/index.ts';
import type { BenchFigure, Benchmark } from './types.ts';
import { sharedDataPath } from '../core/shared-data/index.ts';

const SUMO_10X10 = 265_000;
const SUMO_4X4 = 365_000;

function measure(rows: number, vehPerHour: number, durationS: number, stepS: number) {
  const scenario = gridScenario({ rows, cols: rows, vehPerHour, durationS, spacingM: 200, lanes: 2 });
  const run = prepareRun({ kind: 'scenario', scenario }, { tls: 'static', stepS, seed: 1 });
  let peak = 0;
  run.sim.observe((st) => {
    if (st.veh.running > peak) peak = st.veh.running;
  });
  const cpu0 = process.cpuUsage();
  const k = runToEnd(run);
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const veh = run.sim.state.veh;
  const stateBytesPerVehicle = veh.bytes() / veh.capacity;
  // CPU time, not wall time: on a shared machine the wall clock counts other processes' work too.
  const perCpuS = Math.round(run.sim.state.counters.vehicleUpdates / cpuS);
  return { k, peak, stateBytesPerVehicle, perCpuS };
}

const RESCO = `${sharedDataPath('sumo', 'resco')}/`;

/** SUMO's mean trip duration on a resco scenario, or null when Debian's `sumo` is not installed. */
function sumoMeanDuration(name: string): number | null {
  const r = spawnSync(
    'sumo',
    [
      '-c',
      `${RESCO}${name}/${name}.sumocfg`,
      '--duration-log.statistics',
      '--no-step-log',
      '--end',
      '100000',
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, SUMO_HOME: process.env['SUMO_HOME'] ?? '/usr/share/sumo' },
    },
  );
  if (r.error !== undefined || r.status !== 0) return null;
  const m = /Statistics[\s\S]*?Duration: ([\d.]+)/.exec(r.stdout);
  return m === null ? null : Number(m[1]);
}

/** Fidelity: our mean travel time against SUMO's on the same network, program and trips. */
function fidelity(): BenchFigure[] {
  const out: BenchFigure[] = [];
  for (const name of ['cologne1', 'ingolstadt1']) {
    const sumo = sumoMeanDuration(name);
    const dir = `${RESCO}${name}/`;
    const run = prepareRun(
      {
        kind: 'sumo',
        netText: readFileSync(`${dir}${name}.net.xml`, 'utf8'),
        netFile: `${name}.net.xml`,
        routesText: readFileSync(`${dir}${name}.rou.xml`, 'utf8'),
        routesFile: `${name}.rou.xml`,
      },
      { tls: 'static', seed: 1 },
    );
    const ours = runToEnd(run).meanTravelTimeS;
    const exact = sumo === null ? undefined : ours / sumo;
    const ratio = exact === undefined ? undefined : Math.round(exact * 100) / 100;
    out.push({
      name: `mean travel time, ${name} (static program, same trips)`,
      value: ours,
      unit: 's',
      target: 'within 15% of SUMO',
      ...(sumo === null
        ? { note: 'sumo not installed: no comparison' }
        : { reference: { name: 'SUMO 1.15 run here', value: sumo } }),
      ...(ratio === undefined || exact === undefined ? {} : { ratio, met: Math.abs(exact - 1) <= 0.15 }),
    });
  }
  return out;
}

export const benchmark: Benchmark = {
  name: 'simulator',
  async run({ quick }) {
    const figures: BenchFigure[] = [];
    const durationS = quick ? 600 : 1800;
    // Warm the JIT up first so the first measured grid is not charged for compilation.
    measure(4, 9_600, 300, 1);
    for (const [rows, vph, sumo] of [
      [10, 24_000, SUMO_10X10],
      [4, 9_600, SUMO_4X4],
    ] as const) {
      const r = measure(rows, vph, durationS, 1);
      const ups = r.perCpuS;
      figures.push({
        name: `vehicle updates per CPU second (${rows}x${rows} grid, ${vph} veh/h, 1 s step, ${durationS} s)`,
        value: ups,
        unit: 'updates/s',
        target: `>= ${3 * sumo} (3x SUMO 1.15)`,
        reference: { name: 'SUMO 1.15 (issue 3)', value: sumo },
        ratio: Math.round((ups / sumo) * 100) / 100,
        met: ups >= 3 * sumo,
        note: `${r.k.vehicleUpdatesPerSecond} per wall second; ${r.k.vehiclesInserted} inserted, peak ${r.peak} running, mean travel ${r.k.meanTravelTimeS} s`,
      });
      if (rows === 10) {
        figures.push({
          name: 'vehicle state per 10,000 vehicles (typed arrays)',
          value: Math.round(((r.stateBytesPerVehicle * 10_000) / 1024 / 1024) * 100) / 100,
          unit: 'MiB',
        });
      }
    }
    const half = measure(10, 24_000, quick ? 300 : 900, 0.5);
    figures.push({
      name: 'vehicle updates per CPU second (10x10 grid, 0.5 s step, the default)',
      value: half.perCpuS,
      unit: 'updates/s',
      reference: { name: 'SUMO 1.15 (issue 3)', value: SUMO_10X10 },
      ratio: Math.round((half.perCpuS / SUMO_10X10) * 100) / 100,
    });
    figures.push(...fidelity());
    return figures;
  },
};
