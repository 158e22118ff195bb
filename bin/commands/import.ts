/**
 * @module bin/commands/import
 * `its import gtfs <dir> [--out <file>]`: turn a GTFS feed into the `transit` section of a scenario,
 * written as JSON to the file (or stdout), with a summary of what was imported on stderr.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { importGtfs } from '../../core/gtfs/index.ts';
import type { GtfsImportSummary } from '../../core/gtfs/index.ts';

/** The import summary as a few lines for a terminal. */
export function gtfsSummaryText(dir: string, s: GtfsImportSummary): string {
  const skipped = Object.entries(s.skipped)
    .filter(([, n]) => n > 0)
    .map(([why, n]) => `${n} ${why.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)}`);
  return [
    `${dir}: ${s.agencies} agencies, ${s.routes} routes, ${s.stops} stops, ${s.trips} trips, ${s.stopTimes} stop times`,
    `  ${s.shapes} shapes (${s.shapePoints} points), ${s.frequencies} frequencies, ${s.services} service calendars`,
    ...(skipped.length > 0 ? [`  not imported: ${skipped.join('; ')}`] : []),
  ].join('\n');
}

export function register(program: Command): void {
  const importCmd = program.command('import').description('import outside data into scenario sections');
  importCmd
    .command('gtfs')
    .description('turn a GTFS feed directory into the transit section of a scenario (JSON)')
    .argument('<dir>', 'directory holding agency.txt, stops.txt, routes.txt, trips.txt, stop_times.txt, ...')
    .option('--out <file>', 'write the JSON here instead of stdout')
    .action((dir: string, opts: { out?: string }) => {
      const { transit, summary } = importGtfs(dir);
      const json = `${JSON.stringify(transit, null, 2)}\n`;
      if (opts.out === undefined) process.stdout.write(json);
      else writeFileSync(opts.out, json);
      process.stderr.write(`${gtfsSummaryText(dir, summary)}\n`);
      if (opts.out !== undefined) process.stderr.write(`  wrote ${opts.out}\n`);
    });
}
