/**
 * @module bin/cli
 * Front end of the `its` command. Each subcommand lives in `bin/commands/<name>.ts` and exports
 * `register(program)`; they are discovered here so parts add commands without editing this file.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { reportFatal } from './report-error.ts';

type CommandModule = { register: (program: Command) => void };

const here = dirname(fileURLToPath(import.meta.url));
const program = new Command('its')
  .description('Intelligent Transport System: simulator, controllers, edge, center, displays')
  .showHelpAfterError();

const files = readdirSync(join(here, 'commands'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .sort();
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, 'commands', file)).href)) as Partial<CommandModule>;
  if (typeof mod.register !== 'function') throw new Error(`bin/commands/${file} does not export register()`);
  mod.register(program);
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = reportFatal(err);
}
