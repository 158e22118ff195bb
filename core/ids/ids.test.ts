/**
 * @module core/ids/ids.test
 * Message ids are UUIDv7-shaped, unique, time-ordered, and reproducible from a seed; entity ids follow
 * the topic-safe pattern.
 */
import { describe, expect, test } from 'vitest';
import { ENTITY_ID_PATTERN, newId, seededIdFactory } from './index.ts';
import { messageId } from '../messages/index.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newId', () => {
  test('has the UUIDv7 layout (version 7, RFC 9562 variant)', () => {
    for (let i = 0; i < 100; i++) expect(newId()).toMatch(UUID_V7);
  });

  test('carries the creation time in its first 48 bits', () => {
    const ms = Date.UTC(2026, 10, 26, 8, 30, 0, 123);
    const id = newId(ms);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(ms);
  });

  test('10,000 ids in the same millisecond are all different', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 10_000; i++) ids.add(newId(1_700_000_000_000));
    expect(ids.size).toBe(10_000);
  });

  test('sorts by creation time as text', () => {
    const earlier = newId(1_700_000_000_000);
    const later = newId(1_700_000_000_001);
    expect(earlier < later).toBe(true);
  });

  test('is accepted as a message id', () => {
    expect(messageId.safeParse(newId()).success).toBe(true);
  });
});

describe('seededIdFactory', () => {
  test('the same seed gives the same ids in the same order', () => {
    const a = seededIdFactory(42);
    const b = seededIdFactory(42);
    const times = [0, 1000, 1000, 2000].map((t) => 1_700_000_000_000 + t);
    expect(times.map((t) => a(t))).toEqual(times.map((t) => b(t)));
  });

  test('different seeds give different ids', () => {
    expect(seededIdFactory(1)(1_700_000_000_000)).not.toBe(seededIdFactory(2)(1_700_000_000_000));
  });

  test('seed 0 still produces varied random bits', () => {
    const next = seededIdFactory(0);
    const ids = new Set(Array.from({ length: 1000 }, () => next(1_700_000_000_000)));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(UUID_V7);
  });
});

describe('ENTITY_ID_PATTERN', () => {
  test.each(['gn-101', 'L.12_3', 'A', '146', 'x'.repeat(64)])('accepts %s', (id) => {
    expect(ENTITY_ID_PATTERN.test(id)).toBe(true);
  });

  test.each(['', '-lead', '.dot', 'a/b', 'a b', '+', '#', 'x'.repeat(65), '가나'])('rejects %j', (id) => {
    expect(ENTITY_ID_PATTERN.test(id)).toBe(false);
  });
});
