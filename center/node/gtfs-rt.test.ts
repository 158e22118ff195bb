/**
 * @module center/node/gtfs-rt.test
 * GTFS-realtime feeds served by a center, decoded with gtfs-realtime-bindings.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadScenario } from '../../core/index.ts';
import { decodeFeed } from '../adapters/gtfs-rt/index.ts';
import { busProgressItem, sampleBatch } from '../ingest/index.ts';
import { startCenterNode, type CenterNode } from './index.ts';

const OPERATOR = 'operator-token-0123456789';
let node: CenterNode;
let base: string;

beforeAll(async () => {
  node = await startCenterNode({
    scenario: loadScenario('core/scenario/fixtures/mini.json'),
    httpPort: 0,
    tokens: [{ name: 'ops', role: 'operator', token: OPERATOR }],
  });
  base = `http://127.0.0.1:${node.port}`;
  const b = sampleBatch({
    region: 'gangnam',
    edgeId: 'edge-gangnam',
    items: [
      busProgressItem('bus-1', Date.now(), {
        routeId: '140',
        tripId: '140-0-0700',
        lon: 127.0277,
        lat: 37.4979,
        lastStopId: '22-201',
        nextStopId: '22-202',
        passengers: 40,
      } as never),
    ],
  });
  await node.ingest.handle('its/v1/gangnam/edge/edge-gangnam/up', JSON.stringify(b));
});
afterAll(() => node.close());

const feed = async (
  path: string,
): Promise<Record<string, unknown> & { entity?: Record<string, unknown>[] }> => {
  const r = await fetch(`${base}${path}`);
  expect(r.headers.get('content-type')).toBe('application/x-protobuf');
  return decodeFeed(new Uint8Array(await r.arrayBuffer()));
};

test('vehicle positions decode with the bus position, next stop and occupancy', async () => {
  const f = await feed('/gtfs-rt/vehicle-positions');
  expect(f['header']).toMatchObject({ gtfsRealtimeVersion: '2.0', incrementality: 'FULL_DATASET' });
  expect(f.entity?.[0]).toMatchObject({
    vehicle: {
      vehicle: { id: 'bus-1' },
      stopId: '22-202',
      currentStatus: 'IN_TRANSIT_TO',
      occupancyStatus: 'FEW_SEATS_AVAILABLE',
    },
  });
});

test('trip updates decode with predicted arrival times and uncertainty', async () => {
  const f = await feed('/gtfs-rt/trip-updates');
  const tu = f.entity?.[0]?.['tripUpdate'] as {
    trip: unknown;
    stopTimeUpdate: { stopId: string; arrival: { time: number; uncertainty: number } }[];
  };
  expect(tu.trip).toMatchObject({ tripId: '140-0-0700', routeId: '140' });
  expect(tu.stopTimeUpdate[0]?.stopId).toBe('22-202');
  expect(tu.stopTimeUpdate[0]?.arrival.time).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 1);
  expect(tu.stopTimeUpdate[0]?.arrival.uncertainty).toBeGreaterThan(0);
});

test('an incident blocking lanes on a bus route gives an Alert with effect DETOUR, in Korean and English', async () => {
  const r = await fetch(`${base}/api/v1/incidents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
    body: JSON.stringify({ linkId: 'L-n-out', lanes: [0, 1], kind: 'crash' }),
  });
  expect(r.status).toBe(201);
  const f = await feed('/gtfs-rt/alerts');
  const alert = f.entity?.[0]?.['alert'] as Record<string, unknown>;
  expect(alert).toMatchObject({ cause: 'ACCIDENT', effect: 'DETOUR', informedEntity: [{ routeId: '140' }] });
  expect(JSON.stringify(alert['headerText'])).toContain('"language":"ko"');
  const asJson = (await (await fetch(`${base}/gtfs-rt/alerts?format=json`)).json()) as { entity: unknown[] };
  expect(asJson.entity).toHaveLength(1);
});
