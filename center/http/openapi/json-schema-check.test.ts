/**
 * @module center/http/openapi/json-schema-check.test
 * The small JSON Schema checker: each keyword of the subset accepts and refuses what draft 2020-12
 * says, and it agrees with zod on schemas converted by `z.toJSONSchema`.
 */
import { expect, test } from 'vitest';
import { z } from 'zod';
import { busProgressItem, signalStateItem } from '../../../core/index.ts';
import { checkJsonSchema, unsupportedKeywords } from './json-schema-check.ts';

const ok = (value: unknown, schema: Record<string, unknown>, root?: unknown): boolean =>
  checkJsonSchema(value, schema, root ?? schema).length === 0;

test('checks types, with integer as a whole number and type lists', () => {
  expect(ok(3, { type: 'integer' })).toBe(true);
  expect(ok(3.5, { type: 'integer' })).toBe(false);
  expect(ok(null, { type: ['number', 'null'] })).toBe(true);
  expect(ok('x', { type: ['number', 'null'] })).toBe(false);
  expect(ok([], { type: 'object' })).toBe(false);
});

test('checks enum, const, bounds, lengths in code points and patterns', () => {
  expect(ok('b', { enum: ['a', 'b'] })).toBe(true);
  expect(ok('c', { enum: ['a', 'b'] })).toBe(false);
  expect(ok({ a: [1] }, { const: { a: [1] } })).toBe(true);
  expect(ok(5, { minimum: 5, maximum: 5 })).toBe(true);
  expect(ok(5, { exclusiveMinimum: 5 })).toBe(false);
  expect(ok(5, { exclusiveMaximum: 5 })).toBe(false);
  expect(ok('곧 도착', { maxLength: 4 })).toBe(true);
  expect(ok('곧 도착!', { maxLength: 4 })).toBe(false);
  expect(ok('L-1', { pattern: '^[A-Z]-\\d$' })).toBe(true);
  expect(ok('l-1', { pattern: '^[A-Z]-\\d$' })).toBe(false);
});

test('checks objects: required, additionalProperties, propertyNames, minProperties', () => {
  const s = { type: 'object', properties: { a: { type: 'number' } }, required: ['a'] };
  expect(ok({ a: 1, b: 2 }, s)).toBe(true);
  expect(ok({ a: 1, b: 2 }, { ...s, additionalProperties: false })).toBe(false);
  expect(ok({ b: 2 }, s)).toBe(false);
  expect(ok({ a: 1, b: 'x' }, { ...s, additionalProperties: { type: 'number' } })).toBe(false);
  expect(ok({ ab: 1 }, { propertyNames: { maxLength: 1 } })).toBe(false);
  expect(ok({}, { minProperties: 1 })).toBe(false);
});

test('checks arrays: items, prefixItems, min and max items', () => {
  const pair = {
    type: 'array',
    prefixItems: [{ type: 'number' }, { type: 'number' }],
    minItems: 2,
    maxItems: 2,
  };
  expect(ok([1, 2], pair)).toBe(true);
  expect(ok([1, 'x'], pair)).toBe(false);
  expect(ok([1, 2, 3], pair)).toBe(false);
  expect(ok([1, 'x'], { items: { type: 'number' } })).toBe(false);
});

test('checks anyOf, oneOf, allOf and follows local $refs', () => {
  const root = { components: { schemas: { N: { type: 'number' } } } };
  const ref = { $ref: '#/components/schemas/N' };
  expect(ok(1, ref, root)).toBe(true);
  expect(ok('x', ref, root)).toBe(false);
  expect(ok(1, { $ref: '#/components/schemas/Missing' }, root)).toBe(false);
  expect(ok(null, { anyOf: [ref, { type: 'null' }] }, root)).toBe(true);
  expect(ok(1, { oneOf: [{ type: 'number' }, { type: 'integer' }] })).toBe(false);
  expect(ok(1, { allOf: [{ type: 'number' }, { minimum: 2 }] })).toBe(false);
});

test('names the path of each violation', () => {
  const s = { type: 'object', properties: { xs: { type: 'array', items: { type: 'string' } } } };
  expect(checkJsonSchema({ xs: ['a', 2] }, s)).toEqual([
    { path: '/xs/1', message: 'expected string, got number' },
  ]);
});

test('refuses keywords outside its subset instead of passing them', () => {
  expect(checkJsonSchema(1, { multipleOf: 2 })).toEqual([
    { path: '', message: 'unsupported keyword multipleOf' },
  ]);
  expect(unsupportedKeywords({ properties: { if: { type: 'string' } }, then: {} })).toEqual(['then']);
});

test('agrees with zod on converted uplink schemas', () => {
  const schema = z.toJSONSchema(signalStateItem) as Record<string, unknown>;
  expect(unsupportedKeywords(schema)).toEqual([]);
  const good = {
    type: 'signal-state',
    intersectionId: 'GN-01',
    mode: 'fixed',
    strategy: 'webster',
    planId: null,
    cycleS: 90,
    lastSplitsS: { '2': 30 },
    greenGroups: [2, 6],
    fault: null,
    online: true,
  };
  const bad = [
    { ...good, mode: 'party' },
    { ...good, greenGroups: [0] },
    { ...good, extra: 1 },
    { ...good, cycleS: '9' },
  ];
  for (const v of [good, ...bad]) expect(ok(v, schema)).toBe(signalStateItem.safeParse(v).success);
  const bus = z.toJSONSchema(busProgressItem) as Record<string, unknown>;
  expect(ok({ type: 'bus-progress', vehicleId: '-x' }, bus)).toBe(false);
});
