/**
 * @module controllers/adapters/opcua/status
 * The one place this process turns errors into OPC UA status codes (STYLE.md §12), with the
 * meanings of core/opcua `OPCUA_STATUS_MEANING`.
 */
import { StatusCodes, type StatusCode } from 'node-opcua';
import { AuthError, NotFoundError, UnsafeCommandError, ValidationError } from '../../../core/index.ts';

/** Map an error thrown by a controller command to its Bad status code. */
export function statusOf(err: unknown): StatusCode {
  if (err instanceof NotFoundError) return StatusCodes.BadNotFound;
  if (err instanceof ValidationError) return StatusCodes.BadOutOfRange;
  if (err instanceof UnsafeCommandError) return StatusCodes.BadConfigurationError;
  if (err instanceof AuthError) return StatusCodes.BadUserAccessDenied;
  return StatusCodes.BadInternalError;
}
