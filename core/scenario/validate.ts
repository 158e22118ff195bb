/**
 * @module core/scenario/validate
 * Validate a scenario: first its shape (the zod schema), then the references between its parts and the
 * engineering rules (NEMA rings and barriers, splits against clearances, stop times in order, ...).
 * Every problem is collected, and all are thrown together in one ValidationError, each with a path such
 * as `intersections[3].control.phases[1].movements[0]`.
 */
import type { z } from 'zod';
import { ValidationError } from '../errors/index.ts';
import type { ValidationIssue } from '../errors/index.ts';
import { scenarioSchema } from './schema.ts';
import type { Scenario } from './schema.ts';
import { IssueList, buildContext } from './checks/context.ts';
import { checkDemand } from './checks/demand.ts';
import { checkDevices } from './checks/devices.ts';
import { checkEvents } from './checks/events.ts';
import { checkDetectors, checkNetwork } from './checks/network.ts';
import { checkIntersections } from './checks/signals.ts';
import { checkTransit } from './checks/transit.ts';

/** `['intersections', 3, 'control']` -> `intersections[3].control`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** A short rendering of an offending value for a message. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** zod issues as scenario issues; a missing field says so plainly, a wrong value shows what it got. */
function schemaIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => {
    const path = formatPath(issue.path);
    if (issue.code === 'invalid_type' && issue.input === undefined)
      return { path, message: `missing required field (expected ${issue.expected})` };
    if ((issue.code === 'invalid_value' || issue.code === 'invalid_type') && issue.input !== undefined)
      return { path, message: `${issue.message}, got ${shown(issue.input)}` };
    return { path, message: issue.message };
  });
}

/** Run the referential and engineering checks on a scenario that has the right shape. */
export function checkScenario(scenario: Scenario): ValidationIssue[] {
  const issues = new IssueList();
  const ctx = buildContext(scenario, issues);
  checkNetwork(ctx);
  checkDetectors(ctx);
  checkIntersections(ctx);
  checkTransit(ctx);
  checkDevices(ctx);
  checkDemand(ctx);
  checkEvents(ctx);
  return issues.issues;
}

/**
 * Validate a decoded scenario document. Returns the scenario with defaults applied, or throws one
 * ValidationError (subject `source`) listing every problem found.
 */
export function validateScenario(value: unknown, source: string): Scenario {
  const parsed = scenarioSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw new ValidationError(source, schemaIssues(parsed.error));
  const issues = checkScenario(parsed.data);
  if (issues.length > 0) throw new ValidationError(source, issues);
  return parsed.data;
}
