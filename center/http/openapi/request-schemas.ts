/**
 * @module center/http/openapi/request-schemas
 * The request bodies the API accepts, as the very zod schemas the handlers validate with; the login
 * body is the one copy (see {@link loginRequest}).
 */
import { z } from 'zod';
import { declareIncidentBody, editIncidentBody } from '../../incidents/index.ts';
import { publishSignBody } from '../../signs/index.ts';
import { signalCommandBody } from '../routes-write.ts';

export { declareIncidentBody, editIncidentBody, publishSignBody, signalCommandBody };

/**
 * Body of `POST /api/v1/login`. A copy of center/operators `loginBody`: importing it here would close
 * an import cycle (center/operators mounts its routes through center/http). The compiler checks the
 * two types agree (`schema-agreement.ts`) and `openapi-document.test.ts` that their JSON Schemas are
 * equal, bounds included.
 */
export const loginRequest = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});
