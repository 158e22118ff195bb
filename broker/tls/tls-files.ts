/**
 * @module broker/tls/tls-files
 * Certificates for a TLS listener, read from files once at start. A missing or unreadable file is a
 * configuration error naming the option, never a crash with a stack.
 */
import { readFileSync } from 'node:fs';
import type { SecureContextOptions } from 'node:tls';
import { ConfigError } from '../../core/index.ts';

/** Where a TLS listener's certificates live. */
export type TlsFiles = {
  /** Server certificate (PEM), optionally followed by its chain. */
  readonly certFile: string;
  /** Server private key (PEM). */
  readonly keyFile: string;
  /** CA certificates (PEM) that client certificates must chain to. */
  readonly caFile?: string;
};

function read(field: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new ConfigError(field, `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, {
      cause: err,
    });
  }
}

/** Read the files into Node TLS context options. */
export function readTlsFiles(files: TlsFiles, fieldPrefix = 'tls'): SecureContextOptions {
  return {
    cert: read(`${fieldPrefix}.certFile`, files.certFile),
    key: read(`${fieldPrefix}.keyFile`, files.keyFile),
    ...(files.caFile === undefined ? {} : { ca: read(`${fieldPrefix}.caFile`, files.caFile) }),
  };
}
