/**
 * @module center/node/testing/incident-response
 * What every incident on a detour-capable link must produce, asserted once for the tests that make
 * one (synthetic link states, or the simulator in the loop): a detour avoiding the link, automatic
 * sign texts, the bus route named as affected, and a GTFS-realtime DETOUR alert.
 */
import { expect } from 'vitest';
import { decodeFeed } from '../../adapters/gtfs-rt/index.ts';
import type { CenterNode } from '../center-node.ts';

/** Assert the incident's response over the node's API; returns its sign ids. */
export async function expectDetourSignsAndAlert(
  node: CenterNode,
  incidentId: string,
  linkId: string,
  routeId: string,
): Promise<readonly string[]> {
  await node.incidents.settled();
  const base = `http://127.0.0.1:${node.port}`;
  const response = node.incidents.response(incidentId);
  expect(response?.detour?.linkIds.length).toBeGreaterThan(0);
  expect(response?.detour?.linkIds).not.toContain(linkId);
  expect(response?.signIds.length).toBeGreaterThan(0);
  const sign = (await (await fetch(`${base}/api/v1/signs/${response?.signIds[0]}`)).json()) as {
    displayed: { source: string; textKo: string };
  };
  expect(sign.displayed).toMatchObject({ source: 'auto' });
  expect(sign.displayed.textKo.length).toBeGreaterThan(0);
  expect(response?.affectedRoutes).toContain(routeId);
  const feed = decodeFeed(new Uint8Array(await (await fetch(`${base}/gtfs-rt/alerts`)).arrayBuffer()));
  expect(JSON.stringify(feed)).toContain('DETOUR');
  return response?.signIds ?? [];
}
