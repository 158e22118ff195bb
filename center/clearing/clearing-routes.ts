/**
 * @module center/clearing/clearing-routes
 * The clearing report over HTTP, for the center to mount with its other routes:
 * `GET /api/v1/clearing/days`, `GET /api/v1/clearing/:day?policy=base-fare|distance` (JSON, the same
 * shape `its settle report --json` prints) and `GET /api/v1/clearing/:day/page` (an HTML page).
 */
import { ValidationError } from '../../core/errors/index.ts';
import { json, type RouteRegistrar, type RouteRequest } from '../http/index.ts';
import type { ApportionPolicy } from './apportion.ts';
import { APPORTION_POLICIES } from './apportion.ts';
import type { ClearingHouse } from './clearing-house.ts';
import { clearingReportHtml } from './html.ts';

/** Whether `YYYY-MM-DD` names a day of the calendar (month 1-12, day within the month). */
function isCalendarDay(day: string): boolean {
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === day;
}

function dayAndPolicy(req: RouteRequest): [string, ApportionPolicy] {
  const day = req.params.day ?? '';
  // A calendar day: '2026-13-45' has the form but no day (it was answered 200 with an empty report).
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !isCalendarDay(day))
    throw new ValidationError('clearing day', [{ path: 'day', message: 'must be YYYY-MM-DD' }]);
  const policy = req.query.get('policy') ?? 'base-fare';
  if (!(APPORTION_POLICIES as readonly string[]).includes(policy))
    throw new ValidationError('clearing policy', [
      { path: 'policy', message: `must be one of ${APPORTION_POLICIES.join(', ')}` },
    ]);
  return [day, policy as ApportionPolicy];
}

/** Route registrar serving a clearing house's reports. */
export function clearingRoutes(house: ClearingHouse): RouteRegistrar {
  return (router) => {
    router.on('GET', '/api/v1/clearing/days', async () => json(200, { days: house.days() }));
    router.on('GET', '/api/v1/clearing/:day', async (req) => json(200, house.report(...dayAndPolicy(req))));
    router.on('GET', '/api/v1/clearing/:day/page', async (req) => ({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
      body: clearingReportHtml(house.report(...dayAndPolicy(req))),
    }));
  };
}
