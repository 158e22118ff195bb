/**
 * @module scenarios/demo-city/generate
 * Writes `scenario.json` beside this file: `node --import tsx scenarios/demo-city/generate.ts`.
 * The output is validated (schema, references and engineering checks: `validateScenario`) and
 * formatted with Prettier, so the committed file is exactly what the generator makes.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { validateScenario } from '../../core/index.ts';
import { buildScenario } from './scenario.ts';

/** Path of the generated scenario file. */
export const SCENARIO_PATH = fileURLToPath(new URL('./scenario.json', import.meta.url));

/** The scenario as the committed file holds it: Prettier-formatted JSON. */
export async function renderScenario(): Promise<string> {
  const scenario = buildScenario();
  validateScenario(scenario, 'demo-city generator');
  return format(JSON.stringify(scenario), { parser: 'json', printWidth: 110 });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await renderScenario();
  writeFileSync(SCENARIO_PATH, text);
  process.stdout.write(`wrote ${SCENARIO_PATH} (${text.length} bytes)\n`);
}
