/**
 * @module center/node/testing/gtfs-rt-suite
 * The three GTFS-realtime feeds of a center, decoded with gtfs-realtime-bindings (the reference
 * protobuf bindings, here used directly, not through the center's own decoder), and their
 * `?format=json` views, after an edge reported a bus and an operator declared an incident. Run by
 * gtfs-rt.test.ts (in-process) and center-redis.int.test.ts (Redis and the real broker). Test-only.
 */
import GtfsRealtimeBindings from 'gtfs-realtime-bindings';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  getJson,
  OPERATOR,
  sendJson,
  SUITE_TOKENS,
  type CenterUnderTest,
  type StartCenter,
} from './center-under-test.ts';
import { busOn140 } from './mini-items.ts';

const { FeedMessage } = GtfsRealtimeBindings.transit_realtime;

type Feed = Record<string, unknown> & { entity?: Record<string, unknown>[] };

/** Define the shared GTFS-realtime tests; `start` gives the suite a fresh center. */
export function runGtfsRtSuite(options: { readonly start: StartCenter }): void {
  let c: CenterUnderTest;
  beforeAll(async () => {
    c = await options.start(SUITE_TOKENS);
    await c.publish([busOn140('bus-1')]);
  });
  afterAll(() => c?.close());

  const feed = async (path: string): Promise<Feed> => {
    const r = await fetch(`${c.base}${path}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/x-protobuf');
    const message = FeedMessage.decode(new Uint8Array(await r.arrayBuffer()));
    return FeedMessage.toObject(message, { enums: String, longs: Number }) as Feed;
  };
  const asJson = async (path: string): Promise<Feed> =>
    (await getJson(c.base, `${path}?format=json`)).body as Feed;

  test('vehicle positions decode with the bus position, next stop and occupancy; the JSON view agrees', async () => {
    const f = await feed('/gtfs-rt/vehicle-positions');
    expect(f['header']).toMatchObject({ gtfsRealtimeVersion: '2.0', incrementality: 'FULL_DATASET' });
    expect(f.entity?.[0]).toMatchObject({
      vehicle: {
        vehicle: { id: 'bus-1' },
        trip: { tripId: '140-0-0700', routeId: '140' },
        stopId: '22-202',
        currentStatus: 'IN_TRANSIT_TO',
        occupancyStatus: 'FEW_SEATS_AVAILABLE',
      },
    });
    const position = (f.entity?.[0]?.['vehicle'] as { position: { latitude: number; longitude: number } })
      .position;
    expect(position.latitude).toBeCloseTo(37.4979, 4);
    expect(position.longitude).toBeCloseTo(127.0277, 4);
    expect((await asJson('/gtfs-rt/vehicle-positions')).entity?.[0]).toMatchObject({
      vehicle: { vehicle: { id: 'bus-1' }, stopId: '22-202' },
    });
  });

  test('trip updates decode with predicted arrival times and uncertainty; the JSON view agrees', async () => {
    const f = await feed('/gtfs-rt/trip-updates');
    const tu = f.entity?.[0]?.['tripUpdate'] as {
      trip: unknown;
      vehicle: unknown;
      stopTimeUpdate: { stopId: string; arrival: { time: number; uncertainty: number } }[];
    };
    expect(tu.trip).toMatchObject({ tripId: '140-0-0700', routeId: '140' });
    expect(tu.stopTimeUpdate[0]?.stopId).toBe('22-202');
    expect(tu.stopTimeUpdate[0]?.arrival.time).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 60);
    expect(tu.stopTimeUpdate[0]?.arrival.uncertainty).toBeGreaterThan(0);
    expect((await asJson('/gtfs-rt/trip-updates')).entity?.[0]).toMatchObject({
      tripUpdate: { trip: { tripId: '140-0-0700' }, stopTimeUpdate: [{ stopId: '22-202' }] },
    });
  });

  test('an incident blocking lanes on a bus route gives an Alert with effect DETOUR, in Korean and English', async () => {
    const r = await sendJson(c.base, 'POST', '/api/v1/incidents', OPERATOR, {
      linkId: 'L-n-out',
      lanes: [0, 1],
      kind: 'crash',
    });
    expect(r.status).toBe(201);
    await c.node.incidents.settled();
    const f = await feed('/gtfs-rt/alerts');
    const alert = f.entity?.[0]?.['alert'] as Record<string, unknown>;
    expect(alert).toMatchObject({
      cause: 'ACCIDENT',
      effect: 'DETOUR',
      informedEntity: [{ routeId: '140' }],
    });
    expect(JSON.stringify(alert['headerText'])).toContain('"language":"ko"');
    expect(JSON.stringify(alert['headerText'])).toContain('"language":"en"');
    const view = await asJson('/gtfs-rt/alerts');
    expect(view.entity).toHaveLength(1);
    expect(view.entity?.[0]).toMatchObject({ id: f.entity?.[0]?.['id'] });
  });
}
