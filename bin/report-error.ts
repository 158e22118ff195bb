/**
 * @module bin/report-error
 * The one place where the `its` command turns errors into what a user reads and an exit code
 * (STYLE.md §12): our own errors print their message; anything else prints its stack.
 */
import { ItsError } from '../core/errors/index.ts';

/** Print an error for a terminal user and return the process exit code to use. */
export function reportFatal(err: unknown): number {
  if (err instanceof ItsError) {
    process.stderr.write(`its: ${err.name}: ${err.message}\n`);
    return 2;
  }
  process.stderr.write(
    `its: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  return 1;
}
