/**
 * @module bin/commands/validate
 * `its validate <scenario>`: check a scenario (a directory with `scenario.json`, or the file) and print
 * a one-screen summary (exit 0), or every problem, one per line as `path: message` (exit 2).
 */
import type { Command } from 'commander';
import { ValidationError } from '../../core/errors/index.ts';
import { linkLengthM, loadScenario, scenarioFileOf } from '../../core/scenario/index.ts';
import type { Scenario } from '../../core/scenario/index.ts';

/** A one-screen summary of a valid scenario. */
export function scenarioSummary(s: Scenario, file: string): string {
  const nodes = new Map(s.network.nodes.map((n) => [n.id, n]));
  let roadKm = 0;
  let laneKm = 0;
  for (const link of s.network.links) {
    const km = linkLengthM(link, nodes) / 1000;
    roadKm += km;
    laneKm += km * link.lanes;
  }
  const t = s.transit;
  const nema = s.intersections.filter((i) => i.control.type === 'nema').length;
  const byRegion = (items: readonly { region: string }[], id: string): number =>
    items.filter((x) => x.region === id).length;
  const rows: [string, number, string][] = [
    ['regions', s.regions.length, s.regions.map((r) => r.id).join(', ')],
    [
      'nodes',
      s.network.nodes.length,
      `${s.network.nodes.filter((n) => n.type === 'signalized').length} signalized`,
    ],
    ['links', s.network.links.length, `${roadKm.toFixed(1)} km of road, ${laneKm.toFixed(1)} lane-km`],
    ['movements', s.network.movements.length, ''],
    ['intersections', s.intersections.length, `${nema} NEMA, ${s.intersections.length - nema} stage`],
    ['detectors', s.detectors.length, ''],
    ['routes', t?.routes.length ?? 0, t === undefined ? 'no transit section' : ''],
    ['stops', t?.stops.length ?? 0, ''],
    ['trips', t?.trips.length ?? 0, t?.frequencies.length ? `${t.frequencies.length} frequency entries` : ''],
    ['fare readers', s.fareReaders.length, ''],
    ['toll roads', s.tollRoads.length, ''],
    ['toll gantries', s.tollGantries.length, ''],
    ['flows', s.demand.flows.length, s.demand.od.length > 0 ? `${s.demand.od.length} OD entries` : ''],
    ['events', s.events.length, [...new Set(s.events.map((e) => e.type))].join(', ')],
  ];
  const lines = [
    `${file}: valid`,
    `scenario ${s.id}: ${s.name}`,
    `starts ${s.startTime} (${s.timezone}), runs ${(s.durationS / 3600).toFixed(2)} h`,
    ...rows.map(
      ([name, n, note]) => `  ${name.padEnd(14)}${String(n).padStart(6)}${note ? `  ${note}` : ''}`,
    ),
  ];
  for (const r of s.regions) {
    const parts = [
      `${byRegion(s.intersections, r.id)} intersections`,
      `${byRegion(s.detectors, r.id)} detectors`,
      `${byRegion(s.fareReaders, r.id)} readers`,
      `${byRegion(s.tollGantries, r.id)} gantries`,
    ];
    lines.push(`  region ${r.id} (${r.name}): ${parts.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

export function register(program: Command): void {
  program
    .command('validate')
    .description('check a scenario (directory with scenario.json, or the file) and summarize it')
    .argument('<scenario>', 'scenario directory or JSON file')
    .action((path: string) => {
      const file = scenarioFileOf(path);
      let scenario: Scenario;
      try {
        scenario = loadScenario(file);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        const n = err.issues.length;
        process.stderr.write(`${file}: ${n} problem${n === 1 ? '' : 's'}\n`);
        for (const issue of err.issues) process.stderr.write(`${issue.path || '(root)'}: ${issue.message}\n`);
        process.exitCode = 2;
        return;
      }
      process.stdout.write(scenarioSummary(scenario, file));
    });
}
