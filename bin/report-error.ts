/**
 * @module bin/report-error
 * The one place where the `its` command turns errors into what a user reads and an exit code
 * (STYLE.md §12): our own errors print their message; an operating-system error (a file that cannot
 * be written, a broker that refuses the connection) prints Node's one line, which names the path or
 * address; anything else prints its stack.
 */
import { ItsError } from '../core/errors/index.ts';

/** Node's system errors (`ENOENT`, `ECONNREFUSED`, ...) carry a `syscall` and an `E...` code. */
function isSystemError(err: unknown): err is NodeJS.ErrnoException {
  if (!(err instanceof Error)) return false;
  const e = err as NodeJS.ErrnoException;
  return typeof e.syscall === 'string' && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code);
}

/** Print an error for a terminal user and return the process exit code to use. */
export function reportFatal(err: unknown): number {
  if (err instanceof ItsError) {
    process.stderr.write(`its: ${err.name}: ${err.message}\n`);
    return 2;
  }
  if (isSystemError(err)) {
    process.stderr.write(`its: ${err.message}\n`);
    return 1;
  }
  process.stderr.write(
    `its: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  return 1;
}
