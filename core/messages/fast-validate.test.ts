/**
 * @module core/messages/fast-validate.test
 * The fast acceptance test agrees with zod: over generated messages near every bound, and over the
 * same messages mutated (a field replaced, removed or added), it accepts exactly what the schema
 * accepts, and what it accepts zod returns unchanged. `parseMessage` (fast path) and
 * `parseMessageValue` (zod) give the same verdict, reason and field-named issues.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compileFastCheck } from './fast-validate.ts';
import { busPositionSchema } from './field.ts';
import { parseMessage, parseMessageValue } from './parse.ts';
import { edgeBatchSchema, uplinkItemSchema } from './uplink.ts';

const NOW = Date.UTC(2026, 10, 27, 6, 0, 0);
const RUNS = 300;

/** Values at and just past the bounds the schemas use, and of every JSON type. */
const edgy = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    '',
    'a',
    '-x',
    'x'.repeat(64),
    'x'.repeat(65),
    'x'.repeat(129),
    'ok',
    'detector',
    'raised',
    -1,
    -0.5,
    0,
    0.5,
    1,
    7,
    90,
    90.000001,
    -180.5,
    255,
    256,
    300,
    359.999,
    360,
    600,
    600.5,
    3600,
    5000,
    7200,
    20_000,
    946_684_799_999,
    946_684_800_000,
    NOW,
    NOW + 0.5,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    [],
    {},
    [1],
  ),
  fc.string({ maxLength: 70 }),
  fc.double({ noNaN: true, min: -1e4, max: 1e13 }),
  fc.integer({ min: -10, max: 400 }),
);

const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(a, { nil: null });
const ms = fc.integer({ min: 946_684_800_000, max: NOW + 86_400_000 });
const num = (min: number, max: number): fc.Arbitrary<number> =>
  fc.oneof(fc.constantFrom(min, max), fc.double({ min, max, noNaN: true }));
const int = (min: number, max: number): fc.Arbitrary<number> =>
  fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max }));
const text = (min: number, max: number): fc.Arbitrary<string> =>
  fc.string({ minLength: min, maxLength: max });

const laneState = fc.record({ lane: int(0, 7), flowVph: num(0, 10_000), occupancyPct: num(0, 100) });
const linkState = fc.record(
  {
    type: fc.constant('link-state'),
    linkId: id,
    intervalStart: ms,
    intervalS: int(1, 3600),
    flowVph: num(0, 20_000),
    densityVpkm: num(0, 1000),
    speedKmh: maybe(num(0, 300)),
    occupancyPct: num(0, 100),
    source: fc.constantFrom('detector', 'probe', 'fused'),
    // The per-lane breakdown is optional: generated with and without it, up to its bound of 8 lanes.
    lanes: fc.array(laneState, { maxLength: 8 }),
  },
  {
    requiredKeys: [
      'type',
      'linkId',
      'intervalStart',
      'intervalS',
      'flowVph',
      'densityVpkm',
      'speedKmh',
      'occupancyPct',
      'source',
    ],
  },
);
const detectorHealth = fc.record({
  type: fc.constant('detector-health'),
  detectorId: id,
  health: fc.constantFrom('ok', 'stuck-on', 'stuck-off', 'chattering', 'silent'),
  since: ms,
});
const unitTiming = fc.record({
  unit: text(1, 64),
  green: fc.boolean(),
  elapsedS: maybe(num(0, 86_400)),
  minEndS: maybe(num(0, 600)),
  maxEndS: maybe(num(0, 600)),
  lastGreenS: maybe(num(0, 600)),
  lastRedS: maybe(num(0, 600)),
});
const signalState = fc.record(
  {
    type: fc.constant('signal-state'),
    intersectionId: id,
    mode: fc.constantFrom('fixed', 'actuated', 'coordinated', 'external', 'flash', 'off'),
    strategy: text(1, 64),
    planId: maybe(text(1, 64)),
    cycleS: maybe(num(0, 600)),
    lastSplitsS: fc.dictionary(fc.string({ maxLength: 4 }), num(0, 600), { maxKeys: 4 }),
    greenGroups: fc.array(int(1, 255), { maxLength: 4 }),
    fault: maybe(text(0, 200)),
    online: fc.boolean(),
    // The SPaT-like timing is optional: generated with and without it.
    timing: fc.record({ at: ms, units: fc.array(unitTiming, { maxLength: 3 }) }),
  },
  {
    requiredKeys: [
      'type',
      'intersectionId',
      'mode',
      'strategy',
      'planId',
      'cycleS',
      'lastSplitsS',
      'greenGroups',
      'fault',
      'online',
    ],
  },
);
const busProgress = fc.record({
  type: fc.constant('bus-progress'),
  vehicleId: id,
  routeId: id,
  tripId: maybe(text(1, 128)),
  at: ms,
  lat: num(-90, 90),
  lon: num(-180, 180),
  speedMps: num(0, 100),
  distanceM: num(0, 1e6),
  scheduleDeviationS: maybe(fc.double({ noNaN: true, noDefaultInfinity: true })),
  lastStopId: maybe(id),
  nextStopId: maybe(id),
  onRoute: fc.boolean(),
  passengers: maybe(int(0, 200)),
});
const stopEvent = fc.record({
  type: fc.constant('stop-event'),
  vehicleId: id,
  routeId: id,
  tripId: maybe(text(1, 128)),
  stopId: id,
  event: fc.constantFrom('arrive', 'depart'),
  at: ms,
});
const segmentTime = fc.record({
  type: fc.constant('segment-time'),
  routeId: id,
  fromStopId: id,
  toStopId: id,
  vehicleId: id,
  departedAt: ms,
  travelTimeS: num(0, 7200),
});
const alarm = fc.record({
  type: fc.constant('alarm'),
  alarmId: text(1, 128),
  state: fc.constantFrom('raised', 'cleared'),
  severity: fc.constantFrom('info', 'warning', 'major', 'critical'),
  sourceId: id,
  code: text(1, 64),
  message: text(0, 500),
  at: ms,
});
const item = fc.oneof(linkState, detectorHealth, signalState, busProgress, stopEvent, segmentTime, alarm);
const envelope = { id: text(8, 128), deviceId: id, seq: int(0, 1e9), ts: ms };
/** As a receiver sees a message: decoded from JSON text (plain objects, no undefined). */
const decoded = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<Json> =>
  a.map((v) => JSON.parse(JSON.stringify(v)) as Json);
const batch = decoded(
  fc.record({
    kind: fc.constant('edge.batch'),
    ...envelope,
    region: id,
    items: fc.array(item, { maxLength: 6 }),
  }),
);
const busPosition = decoded(
  fc.record({
    kind: fc.constant('bus.position'),
    ...envelope,
    vehicleId: id,
    routeId: maybe(id),
    tripId: maybe(text(1, 128)),
    lat: num(-90, 90),
    lon: num(-180, 180),
    speedMps: num(0, 100),
    headingDeg: maybe(fc.double({ min: 0, max: 359.99, noNaN: true })),
    fixQuality: int(0, 8),
    hdop: maybe(num(0, 99.99)),
    passengers: maybe(int(0, 500)),
  }),
);

type Json = Record<string, unknown>;

/** One change to a valid message: somewhere in it, a field replaced, removed or added. */
const mutation = fc.record({
  where: fc.nat(),
  field: fc.nat(),
  op: fc.constantFrom('replace', 'remove', 'add'),
  value: edgy,
  name: fc.oneof(fc.constantFrom('extra', '__proto__', 'type', 'kind'), fc.string({ maxLength: 6 })),
});

/** Apply a mutation to the message or to one of its nested objects, on a deep copy. */
function mutate(message: Json, m: MutationSpec): unknown {
  const copy = JSON.parse(JSON.stringify(message)) as Json;
  const targets: Json[] = [copy];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      targets.push(v as Json);
      Object.values(v).forEach(walk);
    }
  };
  Object.values(copy).forEach(walk);
  const target = targets[m.where % targets.length] ?? copy;
  const keys = Object.keys(target);
  const key = keys[m.field % Math.max(1, keys.length)] ?? 'kind';
  if (m.op === 'replace') target[key] = m.value;
  else if (m.op === 'remove') delete target[key];
  else Object.defineProperty(target, m.name, { value: m.value, enumerable: true, writable: true });
  return copy;
}
type MutationSpec = {
  readonly where: number;
  readonly field: number;
  readonly op: 'replace' | 'remove' | 'add';
  readonly value: unknown;
  readonly name: string;
};

/**
 * The fast test accepts a value exactly when zod accepts it and returns it unchanged (where zod would
 * change it, e.g. dropping a `__proto__` key from a record or copying a null-prototype object, the
 * value is left to zod, whose verdict then stands).
 */
function agrees(schema: Parameters<typeof compileFastCheck>[0], value: unknown): void {
  const fast = compileFastCheck(schema);
  expect(fast).not.toBeNull();
  const zod = schema.safeParse(value);
  expect(fast?.(value)).toBe(zod.success && isDeepStrictEqual(zod.data, value));
}

/** `parseMessage` (fast path) answers as `parseMessageValue` (zod only) does. */
function parsesAlike(value: unknown): void {
  const text = JSON.stringify(value);
  const options = { nowMs: NOW, maxFutureSkewMs: 30_000 };
  expect(parseMessage(Buffer.from(text), options)).toStrictEqual(
    parseMessageValue(JSON.parse(text), options),
  );
}

describe('compiled fast acceptance', () => {
  test('compiles the hot kinds (edge batch with every item type, bus position)', () => {
    for (const s of [edgeBatchSchema, uplinkItemSchema, busPositionSchema]) {
      expect(compileFastCheck(s)).not.toBeNull();
    }
  });

  test('accepts generated valid edge batches and bus positions, as zod does', () => {
    const fastBatch = compileFastCheck(edgeBatchSchema);
    const fastPosition = compileFastCheck(busPositionSchema);
    fc.assert(
      fc.property(batch, busPosition, (b, p) => {
        expect(edgeBatchSchema.safeParse(b).success).toBe(true);
        expect(fastBatch?.(b)).toBe(true);
        expect(busPositionSchema.safeParse(p).success).toBe(true);
        expect(fastPosition?.(p)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  test('accepts exactly what zod accepts: edge batches with one field replaced, removed or added', () => {
    fc.assert(
      fc.property(batch, mutation, (b, m) => agrees(edgeBatchSchema, mutate(b, m))),
      { numRuns: RUNS * 3 },
    );
  });

  test('accepts exactly what zod accepts: bus positions with one field replaced, removed or added', () => {
    fc.assert(
      fc.property(busPosition, mutation, (p, m) => agrees(busPositionSchema, mutate(p, m))),
      { numRuns: RUNS * 2 },
    );
  });

  test('accepts exactly what zod accepts: any value as a batch item', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything(), item), (v) => agrees(uplinkItemSchema, v)),
      {
        numRuns: RUNS,
      },
    );
  });

  test('parseMessage gives the verdict, reason and issues the zod-only parse gives', () => {
    fc.assert(
      fc.property(fc.oneof(batch, busPosition), mutation, fc.boolean(), (msg, m, keep) =>
        parsesAlike(keep ? msg : mutate(msg, m)),
      ),
      { numRuns: RUNS * 2 },
    );
  });

  test('a __proto__ key is left to zod, which refuses it by name', () => {
    const b = fc.sample(batch, { numRuns: 1, seed: 7 })[0]!;
    const text = JSON.stringify(b).replace('{"kind"', '{"__proto__":{"x":1},"kind"');
    const parsed = parseMessage(text, { nowMs: NOW });
    expect(parsed).toMatchObject({ ok: false, reason: 'schema' });
    expect(compileFastCheck(edgeBatchSchema)?.(JSON.parse(text))).toBe(false);
  });
});
