/**
 * @module bin/tsp-rule
 * `--tsp-min-late <s|any|tiered:s>`, read alike by `its edge`, `its demo`, `its sim run` and `its
 * evaluate`: how late a bus must be for transit priority, seconds against its timetable or, on a
 * headway-based trip, against its headway (edge/bus-tracking headway lateness), `any` for every
 * approaching bus, or `tiered:<s>`: a green extension for every approaching bus, early green and
 * phase skip only for a bus at least s late (edge/adaptive `TransitPriorityOptions.tiered`). One
 * default for the live edge and the evaluation: edge/node `DEFAULT_TSP_MIN_LATE_S`.
 */
import { ConfigError } from '../core/index.ts';
import type { TspRule } from '../edge/adaptive/index.ts';
import { DEFAULT_TSP_MIN_LATE_S } from '../edge/node/index.ts';

/** The option's help text. */
export const TSP_MIN_LATE_HELP =
  `with priority: how late a bus must be for it, s, against its timetable or on a headway trip its ` +
  `headway (may be negative); 'any' = every approaching bus; 'tiered:<s>' = a green extension for ` +
  `every approaching bus, early green only from s late (default ${DEFAULT_TSP_MIN_LATE_S})`;

const TIERED = 'tiered:';

/** Parse `--tsp-min-late`: seconds, `any` (-Infinity) or `tiered:<s>`; absent = undefined (the default). */
export function parseTspMinLate(text: string | undefined): TspRule | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (t === 'any') return -Infinity;
  const tiered = t.startsWith(TIERED);
  const seconds = tiered ? t.slice(TIERED.length).trim() : t;
  const s = Number(seconds);
  if (seconds === '' || !Number.isFinite(s))
    throw new ConfigError(
      '--tsp-min-late',
      `must be a number of seconds, 'any' or 'tiered:<seconds>'; got '${text}'`,
    );
  return tiered ? { tiered: true, minLateS: s } : s;
}

/** The rule in words, for banners and tables: `any bus`, `late >= 60 s` or `extension any bus, early green late >= 0 s`. */
export function describeTspRule(rule: TspRule = DEFAULT_TSP_MIN_LATE_S): string {
  if (typeof rule !== 'number') return `extension any bus, early green late >= ${rule.minLateS} s`;
  return rule === -Infinity ? 'any bus' : `late >= ${rule} s`;
}
