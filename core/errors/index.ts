/**
 * @module core/errors
 * Error classes shared by every part.
 */
export {
  ItsError,
  ValidationError,
  ConfigError,
  NotFoundError,
  FileFormatError,
  AuthError,
  ConflictError,
  UnsafeCommandError,
} from './errors.ts';
export type { ValidationIssue } from './errors.ts';
