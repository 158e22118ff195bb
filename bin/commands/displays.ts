/**
 * @module bin/commands/displays
 * `its displays build [--force] [--out <dir>]`: build the browser pages (control room, bus-stop sign,
 * VMS, driver map) with Vite. The center builds them on start when they are out of date, so this is
 * for packaging and for checking a change to the pages.
 */
import type { Command } from 'commander';
import { buildDisplays, ensureDisplaysBuilt } from '../../displays/index.ts';

type BuildOpts = { force?: boolean; out?: string };

export function register(program: Command): void {
  const displays = program.command('displays').description('browser pages: control room, signs, driver map');
  displays
    .command('build')
    .description('build the pages into displays/dist (skipped when up to date unless --force)')
    .option('--force', 'build even when the output matches the sources')
    .option('--out <dir>', 'output folder (default displays/dist)')
    .action(async (opts: BuildOpts) => {
      const options = opts.out === undefined ? {} : { outDir: opts.out };
      const r = opts.force === true ? await buildDisplays(options) : await ensureDisplaysBuilt(options);
      process.stdout.write(
        `${r.built ? 'built' : 'up to date'}: ${r.outDir} (${(r.durationMs / 1000).toFixed(1)} s)\n`,
      );
    });
}
