/**
 * @module center/operators/operator-store
 * Operator accounts in a JSON file (mode 0600): usernames, roles and scrypt hashes, never passwords.
 * Written atomically (temporary file, then rename), so a crash mid-write leaves the old file whole.
 * A running center sees changes made by `its operators` (another process) without a restart: the
 * file is re-read when it changed, checked at most once per `reloadEveryMs`, so a disabled account's
 * sessions stop working within that time.
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
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

/** Options of {@link FileOperatorStore}. */
export type FileOperatorStoreOptions = {
  readonly scrypt?: ScryptParams;
  /** Check the file for changes at most this often, ms; 0 on every look-up. Default 1000. */
  readonly reloadEveryMs?: number;
  /** Wall clock for the reload check. Default `Date.now`. */
  readonly now?: () => number;
  /** Told when a changed file cannot be read; the accounts read before stay in force. */
  readonly onReloadError?: (err: Error) => void;
};

/** What identifies one version of the file: a rename gives a new inode. */
function stampOf(path: string): string {
  if (!existsSync(path)) return 'missing';
  const st = statSync(path);
  return `${st.ino}:${st.size}:${st.mtimeMs}`;
}

function readAccounts(path: string): OperatorAccount[] {
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
  return parsed.data.operators;
}

/** Operator accounts backed by a file. */
export class FileOperatorStore {
  readonly #path: string;
  #accounts = new Map<string, OperatorAccount>();
  readonly #params: ScryptParams | undefined;
  readonly #reloadEveryMs: number;
  readonly #now: () => number;
  readonly #onReloadError: ((err: Error) => void) | undefined;
  #stamp = 'missing';
  #checkedAt = 0;

  /** Open `path`; a missing file is an empty store, created on the first write. */
  constructor(path: string, options: FileOperatorStoreOptions = {}) {
    this.#path = path;
    this.#params = options.scrypt;
    this.#reloadEveryMs = options.reloadEveryMs ?? 1000;
    this.#now = options.now ?? Date.now;
    this.#onReloadError = options.onReloadError;
    this.#load();
  }

  /** The account of a username, or undefined. */
  find(username: string): OperatorAccount | undefined {
    this.#refresh();
    return this.#accounts.get(username);
  }

  /** Every account (hashes included: for the process, never for the API). */
  list(): OperatorAccount[] {
    this.#refresh();
    return [...this.#accounts.values()];
  }

  /** Read the file as it is now (throws on a broken file). */
  #load(): void {
    const stamp = stampOf(this.#path);
    const accounts = stamp === 'missing' ? [] : readAccounts(this.#path);
    this.#accounts = new Map(accounts.map((a) => [a.username, a]));
    this.#stamp = stamp;
    this.#checkedAt = this.#now();
  }

  /** Re-read the file if it changed since it was read, at most once per `reloadEveryMs`. */
  #refresh(force = false): void {
    const now = this.#now();
    if (!force && now - this.#checkedAt < this.#reloadEveryMs) return;
    this.#checkedAt = now;
    if (stampOf(this.#path) === this.#stamp) return;
    try {
      this.#load();
    } catch (err) {
      this.#onReloadError?.(err as Error);
    }
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
    // What another process wrote since is kept: re-read, then change one account.
    this.#refresh(true);
    this.#accounts.set(username, account);
    this.#save();
    return account;
  }

  /** Disable (or re-enable) an account; its live sessions stop working at once. */
  setDisabled(username: string, disabled: boolean): boolean {
    this.#refresh(true);
    const a = this.#accounts.get(username);
    if (a === undefined) return false;
    this.#accounts.set(username, { ...a, disabled });
    this.#save();
    return true;
  }

  #save(): void {
    const tmp = `${this.#path}.${process.pid}.tmp`;
    writeFileSync(
      tmp,
      `${JSON.stringify({ version: 1, operators: [...this.#accounts.values()] }, null, 2)}\n`,
      {
        mode: 0o600,
      },
    );
    renameSync(tmp, this.#path);
    this.#stamp = stampOf(this.#path);
  }
}
