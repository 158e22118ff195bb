/**
 * @module core/errors/errors
 * Error classes shared by every part (STYLE.md §12). Each has a `name`, typed fields and a `cause`; one
 * place per process turns them into log lines, HTTP statuses or OPC UA status codes.
 */

/** Base class of every error the system raises on purpose. */
export class ItsError extends Error {
  override readonly name: string = 'ItsError';
  /** Stable machine-readable code, e.g. `invalid-message`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** One problem found while validating input: where (a dotted path) and why. */
export type ValidationIssue = { readonly path: string; readonly message: string };

/** Input (a message, a file, a request) that does not satisfy its schema. */
export class ValidationError extends ItsError {
  override readonly name = 'ValidationError';
  readonly issues: readonly ValidationIssue[];
  /** What was being validated: a message kind, a file name, a request. */
  readonly subject: string;

  constructor(subject: string, issues: readonly ValidationIssue[], options?: { cause?: unknown }) {
    super(
      'invalid-input',
      `${subject}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
      options,
    );
    this.subject = subject;
    this.issues = issues;
  }
}

/** Bad configuration found at start: names the field and why (STYLE.md §11). */
export class ConfigError extends ItsError {
  override readonly name = 'ConfigError';
  readonly field: string;

  constructor(field: string, message: string, options?: { cause?: unknown }) {
    super('invalid-config', `${field}: ${message}`, options);
    this.field = field;
  }
}

/** A referenced entity (stop, link, intersection, device) does not exist. */
export class NotFoundError extends ItsError {
  override readonly name = 'NotFoundError';
  readonly entity: string;
  readonly entityId: string;

  constructor(entity: string, entityId: string, options?: { cause?: unknown }) {
    super('not-found', `${entity} ${JSON.stringify(entityId)} not found`, options);
    this.entity = entity;
    this.entityId = entityId;
  }
}

/** A parse failure in a text file, naming the file and line. */
export class FileFormatError extends ItsError {
  override readonly name = 'FileFormatError';
  readonly file: string;
  readonly line: number | null;

  constructor(file: string, line: number | null, message: string, options?: { cause?: unknown }) {
    super('bad-file', `${file}${line === null ? '' : `:${line}`}: ${message}`, options);
    this.file = file;
    this.line = line;
  }
}

/** The caller may not do this (missing or insufficient credentials). */
export class AuthError extends ItsError {
  override readonly name = 'AuthError';
  readonly status: 401 | 403;

  constructor(status: 401 | 403, message: string, options?: { cause?: unknown }) {
    super(status === 401 ? 'unauthenticated' : 'forbidden', message, options);
    this.status = status;
  }
}

/**
 * A request that would duplicate something that already exists (e.g. a second active incident
 * declared on a link): HTTP 409. `existingId` names the record already there, so a client can offer
 * to edit it instead.
 */
export class ConflictError extends ItsError {
  override readonly name = 'ConflictError';
  readonly entity: string;
  readonly existingId: string;

  constructor(entity: string, existingId: string, message: string, options?: { cause?: unknown }) {
    super('conflict', message, options);
    this.entity = entity;
    this.existingId = existingId;
  }
}

/** A request that conflicts with safety or current state (e.g. a plan that breaks a barrier). */
export class UnsafeCommandError extends ItsError {
  override readonly name = 'UnsafeCommandError';

  constructor(message: string, options?: { cause?: unknown }) {
    super('unsafe-command', message, options);
  }
}
