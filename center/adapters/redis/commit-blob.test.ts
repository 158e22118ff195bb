/**
 * @module center/adapters/redis/commit-blob.test
 * The packed argument is the same bytes whatever path a field takes (copied by hand when short ASCII,
 * `buf.write` otherwise): each field its 4-byte big-endian UTF-8 length and its UTF-8 bytes.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { packChanges } from './commit-blob.ts';

/** The layout written plainly: per change seen, ttl, the ops' byte length, then each op field. */
function reference(changes: readonly (readonly (string | number)[])[]): Buffer {
  const field = (a: string | number | undefined): Buffer => {
    const bytes = Buffer.from(typeof a === 'string' ? a : String(a ?? ''), 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(bytes.length);
    return Buffer.concat([len, bytes]);
  };
  const out: Buffer[] = [];
  for (const args of changes) {
    out.push(field(args[0]), field(args[1]));
    const ops = Buffer.concat(args.slice(3).map(field));
    const len = Buffer.alloc(4);
    len.writeUInt32BE(ops.length);
    out.push(len, ops);
  }
  return Buffer.concat(out);
}

test('a change of ASCII keys, numbers, non-ASCII text and long JSON packs as the plain layout', () => {
  const json = JSON.stringify({ vehicleId: 'bus-1', name: '강남역', note: 'x'.repeat(300), emoji: '🚌' });
  const changes = [
    [
      'its:seen:b-1',
      600000,
      0,
      'H',
      'its:latest:vehicle',
      'bus-1',
      json,
      '{"op":"put","id":"bus-1","value":',
    ],
    ['', 1, 0, 'G', 'its:geo:vehicle', 127.0276, 37.4979, 'bus-1'],
    // Short fields with a non-ASCII character last, first and in the middle: copied by hand up to
    // it, then written again from the field's start.
    ['seen:정류장', 5, 0, 'H', '강남', 'a'.repeat(63) + 'é', '', 'ü' + 'b'.repeat(10)],
    // Around the hand-copy limit (64).
    ['s', 2, 0, 'X', 'k'.repeat(64), 'k'.repeat(65), 'k'.repeat(63) + '🚌'],
  ];
  expect(packChanges(changes).equals(reference(changes))).toBe(true);
});

test('any strings and numbers pack as the plain layout', () => {
  const value = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.double({ noNaN: true }),
    fc.integer(),
  );
  const change = fc
    .tuple(
      fc.oneof(fc.constant(''), fc.string({ maxLength: 70 })),
      fc.nat(),
      fc.array(value, { maxLength: 12 }),
    )
    .map(([seen, ttl, ops]) => [seen, ttl, ops.length, ...ops]);
  fc.assert(
    fc.property(fc.array(change, { maxLength: 6 }), (changes) => {
      expect(packChanges(changes).equals(reference(changes))).toBe(true);
    }),
    { numRuns: 500 },
  );
});
