/**
 * @module center/clearing/clearing-routes.test
 * The clearing report is served as JSON and as a page; a bad day or policy is a 400-class error.
 */
import { expect, test } from 'vitest';
import { VirtualClock } from '../../core/clock/index.ts';
import { ValidationError } from '../../core/errors/index.ts';
import { Router } from '../http/index.ts';
import type { ApiContext } from '../http/index.ts';
import { ClearingHouse, clearingRoutes } from './index.ts';

function get(router: Router, path: string, query = '') {
  const match = router.match('GET', path);
  if (match.kind !== 'found') throw new Error(`no route for ${path}`);
  return match.handler({
    method: 'GET',
    path,
    query: new URLSearchParams(query),
    headers: {},
    body: Buffer.alloc(0),
    remoteAddress: '127.0.0.1',
    params: match.params,
  });
}

test('serves the day report as JSON and as an HTML page', async () => {
  const router = new Router();
  clearingRoutes(new ClearingHouse({ centerId: 'c', clock: new VirtualClock(0) }))(router, {} as ApiContext);
  const report = await get(router, '/api/v1/clearing/2026-03-10', 'policy=distance');
  expect(report.status).toBe(200);
  expect(JSON.parse(String(report.body))).toMatchObject({ day: '2026-03-10', policy: 'distance' });
  const page = await get(router, '/api/v1/clearing/2026-03-10/page');
  expect(page.headers?.['content-type']).toContain('text/html');
  expect(String(page.body)).toContain('Reconciled to the won');
  expect(JSON.parse(String((await get(router, '/api/v1/clearing/days')).body))).toEqual({ days: [] });
  await expect(get(router, '/api/v1/clearing/yesterday')).rejects.toThrow(ValidationError);
  // The form of a day without a day: month 13, 30 February, day 00.
  for (const day of ['2026-13-45', '2026-02-30', '2026-03-00'])
    await expect(get(router, `/api/v1/clearing/${day}`), day).rejects.toThrow(ValidationError);
  expect((await get(router, '/api/v1/clearing/2028-02-29')).status).toBe(200);
  await expect(get(router, '/api/v1/clearing/2026-03-10', 'policy=mileage')).rejects.toThrow(ValidationError);
});
