/**
 * @module center/commands/command-routes
 * `GET /api/v1/commands/<commandId>`: an operator signal command and whether its edge took it
 * (`pending`, `accepted`, or `rejected` with a reason). 404 for an id this instance does not know.
 */
import { NotFoundError } from '../../core/index.ts';
import { json, type RouteRegistrar } from '../http/index.ts';
import type { CommandLog } from './command-log.ts';

/** Route registrar for command status. */
export function commandRoutes(log: CommandLog): RouteRegistrar {
  return (router) => {
    router.on('GET', '/api/v1/commands/:id', async (req) => {
      const id = req.params['id'] ?? '';
      const view = log.get(id);
      if (view === undefined) throw new NotFoundError('command', id);
      return json(200, view);
    });
  };
}
