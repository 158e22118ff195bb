/**
 * @module bin/commands/tsp-rule
 * `--tsp-min-late <s|any>`, read alike by `its edge`, `its demo`, `its sim run` and `its evaluate`:
 * how late a bus must be for transit priority, seconds against its timetable or, on a headway-based
 * trip, against its headway (edge/bus-tracking headway lateness), or `any` for every approaching
 * bus. One default for the live edge and the evaluation: edge/node `DEFAULT_TSP_MIN_LATE_S`.
 */
import { ConfigError } from '../../core/index.ts';
import { DEFAULT_TSP_MIN_LATE_S } from '../../edge/node/index.ts';

/** The option's help text. */
export const TSP_MIN_LATE_HELP =
  `with priority: how late a bus must be for it, s, against its timetable or on a headway trip its ` +
  `headway (may be negative); 'any' = every approaching bus (default ${DEFAULT_TSP_MIN_LATE_S})`;

/** Parse `--tsp-min-late`: seconds, or `any` (-Infinity); absent = undefined (the default). */
export function parseTspMinLate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (text.trim() === 'any') return -Infinity;
  const s = Number(text);
  if (text.trim() === '' || !Number.isFinite(s))
    throw new ConfigError('--tsp-min-late', `must be a number of seconds or 'any'; got '${text}'`);
  return s;
}

/** The rule in words, for banners and tables: `any bus` or `late >= 60 s`. */
export function describeTspRule(minLateS: number = DEFAULT_TSP_MIN_LATE_S): string {
  return minLateS === -Infinity ? 'any bus' : `late >= ${minLateS} s`;
}
