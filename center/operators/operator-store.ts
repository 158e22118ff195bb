/**
 * @module center/operators/operator-store
 * Operator accounts in a JSON file (mode 0600): usernames, roles and scrypt hashes, never passwords.
 * Written atomically (temporary file, then rename), so a crash mid-write leaves the old file whole.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { FileFormatError, ValidationError } from '../../core/index.ts';
import type { OperatorAccount, OperatorRole, ScryptParams } from '../../core/security/index.ts';
import { hashOperatorPassword, OPERATOR_ROLES } from '../../core/security/index.ts';

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const fileSchema = z.strictObject({
  version: z.literal(1),
  operators: z.array(
    z.strictObject({
      username: z.string().regex(USERNAME),
      role: z.enum(OPERATOR_ROLES),
      passwordHash: z.string().startsWith('scrypt$'),
      disabled: z.boolean().optional(),
    }),
  ),
});

/** Shortest operator password accepted. */
export const MIN_PASSWORD_LENGTH = 12;

/** Operator accounts backed by a file. */
export class FileOperatorStore {
  readonly #path: string;
  readonly #accounts = new Map<string, OperatorAccount>();
  readonly #params: ScryptParams | undefined;

  /** Open `path`; a missing file is an empty store, created on the first write. */
  constructor(path: string, options: { readonly scrypt?: ScryptParams } = {}) {
    this.#path = path;
    this.#params = options.scrypt;
    if (!existsSync(path)) return;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new FileFormatError(path, null, 'is not JSON', { cause: err });
    }
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new FileFormatError(path, null, `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
    }
    for (const a of parsed.data.operators) this.#accounts.set(a.username, a);
  }

  /** The account of a username, or undefined. */
  find(username: string): OperatorAccount | undefined {
    return this.#accounts.get(username);
  }

  /** Every account (hashes included: for the process, never for the API). */
  list(): OperatorAccount[] {
    return [...this.#accounts.values()];
  }

  /** Add or replace an account with a new password; persisted before it resolves. */
  async set(username: string, role: OperatorRole, password: string): Promise<OperatorAccount> {
    if (!USERNAME.test(username)) {
      throw new ValidationError('operator', [
        { path: 'username', message: 'must be 1-64 of A-Z a-z 0-9 . _ -' },
      ]);
    }
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new ValidationError('operator', [
        { path: 'password', message: `must be at least ${MIN_PASSWORD_LENGTH} characters` },
      ]);
    }
    const account: OperatorAccount = {
      username,
      role,
      passwordHash: await hashOperatorPassword(password, this.#params),
    };
    this.#accounts.set(username, account);
    this.#save();
    return account;
  }

  /** Disable (or re-enable) an account; its live sessions stop working at once. */
  setDisabled(username: string, disabled: boolean): boolean {
    const a = this.#accounts.get(username);
    if (a === undefined) return false;
    this.#accounts.set(username, { ...a, disabled });
    this.#save();
    return true;
  }

  #save(): void {
    const tmp = `${this.#path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ version: 1, operators: this.list() }, null, 2)}\n`, {
      mode: 0o600,
    });
    renameSync(tmp, this.#path);
  }
}
