/**
 * @module bin/cli
 * Front end of the `its` command. Each subcommand lives in `bin/commands/<name>.ts` and exports
 * `register(program)`; they are discovered here so parts add commands without editing this file. A
 * command's file is named after the command (`its sim` → `bin/commands/sim.ts`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { reportFatal } from './report-error.ts';

type CommandModule = { register: (program: Command) => void };

const here = dirname(fileURLToPath(import.meta.url));
const { version } = JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8')) as { version: string };
const program = new Command('its')
  .description('Intelligent Transport System: simulator, controllers, edge, center, displays')
  .version(version, '-V, --version', "print its version (package.json's)")
  .showHelpAfterError();

// Load only the module of the command being run (node-opcua and friends are slow to import and some
// print warnings on load); `its --help` and unknown commands load them all to list every subcommand.
const all = readdirSync(join(here, 'commands'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .sort();
const requested = `${process.argv[2] ?? ''}.ts`;
const files = all.includes(requested) ? [requested] : all;
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
