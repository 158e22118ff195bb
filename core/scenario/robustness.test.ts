/**
 * @module core/scenario/robustness.test
 * Bad input is data, not a crash: any value put anywhere in a valid scenario either validates or is
 * reported as a ValidationError; the checks never throw anything else.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { ValidationError } from '../errors/index.ts';
import { editDoc, miniScenarioDoc, validateScenario } from './index.ts';

/** Every dotted path in a JSON document. */
function pathsOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const path = prefix === '' ? k : `${prefix}.${k}`;
    out.push(path, ...pathsOf(v, path));
  }
  return out;
}

const PATHS = pathsOf(miniScenarioDoc());

test('a random edit anywhere either validates or throws a ValidationError', () => {
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('n-gangnam', 'L-s-in', 'm-s-th', 'det-n-sb-0', '22-201', '140', 'gangnam', 0, -1, 1e9),
  );
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.constantFrom(...PATHS), value), { minLength: 1, maxLength: 3 }),
      (edits) => {
        const doc = miniScenarioDoc();
        try {
          editDoc(doc, edits);
        } catch {
          return; // an edit below a value an earlier edit replaced: not a scenario, nothing to check
        }
        try {
          validateScenario(doc, 'fuzz');
        } catch (err) {
          expect(err).toBeInstanceOf(ValidationError);
        }
      },
    ),
    { numRuns: 300 },
  );
});
