/**
 * @module center/http/routes-write
 * Operator writes: declare, edit and clear incidents; publish and withdraw sign messages; send a
 * plan or strategy to an intersection. Each needs an operator (or admin) token and is written to the
 * audit log with who, what and when. Admins read the audit log. A refused write (400 bad input, 404
 * unknown id, 409 a duplicate incident: declared, or moved by an edit, onto the place of an active
 * one) is counted by status with every other request and not audited.
 */
import { z } from 'zod';
import { NotFoundError, STRATEGY_NAMES, ValidationError, newId } from '../../core/index.ts';
import { IncidentDeclarations, clearIncident, parseBody } from '../incidents/index.ts';
import { newSignMessage, publishSignBody } from '../signs/index.ts';
import type { ApiContext } from './api-context.ts';
import type { Principal } from './auth.ts';
import { json, jsonBody, numberParam } from './responses.ts';
import type { RouteRequest, Router } from './router.ts';

async function audited(
  ctx: ApiContext,
  who: Principal,
  action: string,
  target: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await ctx.audit.append({ at: ctx.clock.now(), actor: who.name, role: who.role, action, target, detail });
  ctx.metrics.inc('its_center_writes_total', 'Accepted operator writes', { action });
}

/** The 400 issue of a strategy name not in the list: what was sent (cut to 64 characters) and the names. */
const unknownStrategy = (input: unknown): string =>
  `unknown strategy ${typeof input === 'string' ? JSON.stringify(input.slice(0, 64)) : `(a ${typeof input})`}; use one of ${STRATEGY_NAMES.join(', ')}`;

/**
 * Body of `POST /api/v1/signals/:id/commands`: a plan and/or a strategy for the intersection (exported
 * for the OpenAPI document). The strategy must be one of core's `STRATEGY_NAMES`, refused here with
 * 400 naming them rather than accepted (202) and rejected later by the edge. The `signal.command`
 * message itself keeps any name: an edge of another release may know other strategies, and answers
 * `unknown-strategy` for a name it lacks.
 */
export const signalCommandBody = z
  .strictObject({
    planId: z.string().min(1).max(64).optional(),
    strategy: z.enum(STRATEGY_NAMES, { error: (issue) => unknownStrategy(issue.input) }).optional(),
  })
  .refine((b) => b.planId !== undefined || b.strategy !== undefined, 'planId or strategy is required');

const operator = (ctx: ApiContext, req: RouteRequest): Principal =>
  ctx.tokens.require(req.headers['authorization'], 'operator');

/** Register the write routes. */
export function registerWriteRoutes(router: Router, ctx: ApiContext): void {
  const declarations = new IncidentDeclarations({ network: ctx.network, store: ctx.store, clock: ctx.clock });
  router.on('POST', '/api/v1/incidents', async (req) => {
    const who = operator(ctx, req);
    const body = jsonBody(req.body);
    const incident = await declarations.declare(body);
    await audited(ctx, who, 'incident.declare', `incident/${incident.id}`, { request: body });
    return json(201, incident, { location: `/api/v1/incidents/${incident.id}` });
  });
  router.on('PATCH', '/api/v1/incidents/:id', async (req) => {
    const who = operator(ctx, req);
    const id = req.params['id'] ?? '';
    const existing = await ctx.store.get('incident', id);
    if (existing === null) throw new NotFoundError('incident', id);
    const body = jsonBody(req.body);
    const updated = await declarations.edit(existing, body);
    await audited(ctx, who, 'incident.edit', `incident/${id}`, { request: body });
    return json(200, updated);
  });
  router.on('DELETE', '/api/v1/incidents/:id', async (req) => {
    const who = operator(ctx, req);
    const id = req.params['id'] ?? '';
    const existing = await ctx.store.get('incident', id);
    if (existing === null) throw new NotFoundError('incident', id);
    const cleared = clearIncident(existing, ctx.clock.now());
    await ctx.store.put('incident', [cleared]);
    await audited(ctx, who, 'incident.clear', `incident/${id}`, {});
    return json(200, cleared);
  });
  router.on('POST', '/api/v1/signs/:id/messages', async (req) => {
    const who = operator(ctx, req);
    const signId = req.params['id'] ?? '';
    if (!ctx.network.signs.has(signId)) throw new NotFoundError('sign', signId);
    const body = parseBody(publishSignBody, jsonBody(req.body), 'sign message');
    const message = newSignMessage(signId, body, 'operator', ctx.clock.now());
    await ctx.store.put('sign', [message]);
    await audited(ctx, who, 'sign.publish', `sign/${signId}`, { messageId: message.id, textKo: body.textKo });
    return json(201, message);
  });
  router.on('DELETE', '/api/v1/signs/:id/messages/:mid', async (req) => {
    const who = operator(ctx, req);
    const id = `${req.params['id'] ?? ''}/${req.params['mid'] ?? ''}`;
    if (!(await ctx.store.delete('sign', id))) throw new NotFoundError('sign message', id);
    await audited(ctx, who, 'sign.withdraw', `sign/${req.params['id'] ?? ''}`, { messageId: id });
    return json(200, { deleted: id });
  });
  router.on('POST', '/api/v1/signals/:id/commands', async (req) => {
    const who = operator(ctx, req);
    const id = req.params['id'] ?? '';
    const ix = ctx.network.scenario.intersections.find((i) => i.id === id);
    if (ix === undefined) throw new NotFoundError('intersection', id);
    const body = parseBody(signalCommandBody, jsonBody(req.body), 'signal command');
    if (body.planId !== undefined && !ix.plans.some((p) => p.id === body.planId)) {
      throw new ValidationError('signal command', [
        { path: 'planId', message: `intersection ${id} has no plan ${body.planId}` },
      ]);
    }
    const now = ctx.clock.now();
    const command = {
      commandId: newId(now),
      region: ix.region,
      intersectionId: id,
      planId: body.planId ?? null,
      strategy: body.strategy ?? null,
      issuedBy: who.name,
      at: now,
    };
    const delivered = ctx.commands === undefined ? false : await ctx.commands(command);
    await audited(ctx, who, 'signal.command', `intersection/${id}`, {
      ...body,
      commandId: command.commandId,
      delivered,
    });
    return json(202, { ...command, delivered });
  });
  router.on('GET', '/api/v1/audit', async (req) => {
    ctx.tokens.require(req.headers['authorization'], 'admin');
    return json(200, await ctx.audit.recent(numberParam(req.query, 'limit', 100, 10_000)));
  });
}
