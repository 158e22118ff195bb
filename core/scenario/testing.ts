/**
 * @module core/scenario/testing
 * Helpers for tests that start from the `mini.json` fixture and break one thing: a fresh copy of the
 * document, dotted-path edits, and the issues validation reports.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ValidationError } from '../errors/index.ts';
import type { ValidationIssue } from '../errors/index.ts';
import { validateScenario } from './validate.ts';

/** Absolute path of the small valid scenario fixture (one signalized intersection at Gangnam Station). */
export const MINI_SCENARIO_PATH = fileURLToPath(new URL('./fixtures/mini.json', import.meta.url));

/** A JSON object being edited. */
export type JsonObject = Record<string, unknown>;

/** A dotted path into a document (numbers index arrays) and the value to put there; undefined deletes. */
export type DocEdit = readonly [path: string, value: unknown];

/** A fresh, unvalidated copy of the mini scenario document. */
export function miniScenarioDoc(): JsonObject {
  return JSON.parse(readFileSync(MINI_SCENARIO_PATH, 'utf8')) as JsonObject;
}

/** Apply edits to a document in place and return it. */
export function editDoc<T>(doc: T, edits: readonly DocEdit[]): T {
  for (const [path, value] of edits) {
    const keys = path.split('.');
    const last = keys.pop() ?? '';
    let target = doc as JsonObject;
    for (const k of keys) target = target[k] as JsonObject;
    if (value === undefined) delete target[last];
    else target[last] = value;
  }
  return doc;
}

/** The issues validating a document reports; empty when it is valid. */
export function scenarioIssues(doc: unknown): ValidationIssue[] {
  try {
    validateScenario(doc, 'test');
  } catch (err) {
    if (err instanceof ValidationError) return [...err.issues];
    throw err;
  }
  return [];
}
