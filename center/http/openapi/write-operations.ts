/**
 * @module center/http/openapi/write-operations
 * The operator writes and the admin read of the audit log (center/http/routes-write.ts), and sign-in
 * (center/operators/login-routes.ts), documented. Every write needs an operator (or admin) token and
 * is written to the audit log; the role is checked before the body or the id, so a refused caller
 * learns nothing about either.
 */
import { SAME_PLACE_M } from '../../incidents/index.ts';
import { jsonAnswer, type OperationDoc } from './operation-doc.ts';

const AUDITED = 'Recorded in the audit log (who, what, when).';

/** The write routes, the audit log and sign-in. */
export const WRITE_OPERATIONS: readonly OperationDoc[] = [
  {
    method: 'POST',
    pattern: '/api/v1/incidents',
    operationId: 'declareIncident',
    tag: 'incidents',
    summary: 'Declare an incident on a link',
    description: `${AUDITED} An unknown link, a lane the link lacks or a \`positionM\` beyond the link's length (the message names the length) is 400. A declaration at the same place on a link as an active incident declared by an operator is a duplicate: 409, with the nearest such incident's id in \`existingId\` (edit it with PATCH, or clear it first). The same place is within ${SAME_PLACE_M} m of it, or anywhere on the link when either has no \`positionM\`; separate incidents on one link (a crash at 300 m, a breakdown at 2,400 m) are both declared. Detected incidents on the link neither block a declaration nor are blocked by one.`,
    role: 'operator',
    body: 'DeclareIncident',
    answers: [
      jsonAnswer(
        201,
        'Declared',
        { ref: 'Incident' },
        {
          location: 'URL of the new incident (`/api/v1/incidents/<id>`).',
        },
      ),
    ],
    errors: [400, 401, 403, 409, 413],
  },
  {
    method: 'PATCH',
    pattern: '/api/v1/incidents/:id',
    operationId: 'editIncident',
    tag: 'incidents',
    summary: 'Edit an incident (lanes, position, kind, severity, description)',
    description: `${AUDITED} A lane the link lacks or a \`positionM\` beyond the link's length is 400. Moving an active operator-declared incident (a new \`positionM\`, null included) onto the place of another, as for a declaration, is 409 naming the nearest in \`existingId\`.`,
    role: 'operator',
    params: { id: 'Incident id.' },
    body: 'EditIncident',
    answers: [jsonAnswer(200, 'The edited incident', { ref: 'Incident' })],
    errors: [400, 401, 403, 404, 409, 413],
  },
  {
    method: 'DELETE',
    pattern: '/api/v1/incidents/:id',
    operationId: 'clearIncident',
    tag: 'incidents',
    summary: 'Clear an incident (it is kept with status `cleared`)',
    description: AUDITED,
    role: 'operator',
    params: { id: 'Incident id.' },
    answers: [jsonAnswer(200, 'The cleared incident', { ref: 'Incident' })],
    errors: [401, 403, 404],
  },
  {
    method: 'POST',
    pattern: '/api/v1/signs/:id/messages',
    operationId: 'publishSignMessage',
    tag: 'signs',
    summary: 'Publish an operator message on a variable message sign',
    description: `${AUDITED} Operator messages outrank every automatic one; within a source the higher priority wins, then the newer.`,
    role: 'operator',
    params: { id: 'Sign id.' },
    body: 'PublishSignMessage',
    answers: [jsonAnswer(201, 'Queued', { ref: 'SignMessage' })],
    errors: [400, 401, 403, 404, 413],
  },
  {
    method: 'DELETE',
    pattern: '/api/v1/signs/:id/messages/:mid',
    operationId: 'withdrawSignMessage',
    tag: 'signs',
    summary: 'Withdraw a sign message',
    description: AUDITED,
    role: 'operator',
    params: {
      id: 'Sign id.',
      mid: 'The part of the message id after `<sign id>/` (a message id is `<sign id>/<suffix>`).',
    },
    answers: [jsonAnswer(200, 'Withdrawn', { ref: 'SignMessageDeleted' })],
    errors: [401, 403, 404],
  },
  {
    method: 'POST',
    pattern: '/api/v1/signals/:id/commands',
    operationId: 'commandSignal',
    tag: 'signals',
    summary: 'Send a plan and/or a strategy to an intersection through its edge',
    description: `${AUDITED} An intersection the scenario lacks is 404; a plan it lacks, or a strategy not among the strategies an edge runs (the \`strategy\` enum), is 400 before anything is published. The command is published to the edge (MQTT \`signal.command\`); the edge may still refuse it (its controller unreachable, or it does not run the intersection); follow its outcome at \`/api/v1/commands/<commandId>\` or as a \`command\` delta on the \`signals\` channel.`,
    role: 'operator',
    params: { id: 'Intersection id.' },
    body: 'SignalCommand',
    answers: [
      jsonAnswer(202, 'Accepted for delivery; the edge answers later', { ref: 'SignalCommandAccepted' }),
    ],
    errors: [400, 401, 403, 404, 413],
  },
  {
    method: 'GET',
    pattern: '/api/v1/audit',
    operationId: 'readAuditLog',
    tag: 'access',
    summary: 'The latest accepted writes and sign-ins, oldest first',
    role: 'admin',
    query: [
      {
        name: 'limit',
        description: 'How many entries; outside (0, 10000] is 400.',
        schema: { type: 'number', exclusiveMinimum: 0, maximum: 10_000, default: 100 },
      },
    ],
    answers: [jsonAnswer(200, 'Audit entries', { arrayOf: 'AuditEntry' })],
    errors: [400, 401, 403],
  },
  {
    method: 'POST',
    pattern: '/api/v1/login',
    operationId: 'login',
    tag: 'access',
    summary: 'Sign in as an operator: a bearer token with its role and expiry',
    description:
      'Sign-ins, failures and lockouts are audited (passwords never). After repeated failures the username is locked: 429 with `retry-after`.',
    body: 'LoginRequest',
    answers: [jsonAnswer(200, 'Signed in', { ref: 'LoginAnswer' })],
    errors: [400, 401, 413],
    mountedWhen: 'the center runs with operator accounts (`its center --operators <file>`)',
  },
  {
    method: 'POST',
    pattern: '/api/v1/logout',
    operationId: 'logout',
    tag: 'access',
    summary: 'End the session of the presented token',
    description:
      'Only a session token from `/api/v1/login` can be logged out; a configured API token is 401.',
    role: 'session',
    answers: [jsonAnswer(200, 'Signed out', { ref: 'LogoutAnswer' })],
    errors: [401],
    mountedWhen: 'the center runs with operator accounts (`its center --operators <file>`)',
  },
];
