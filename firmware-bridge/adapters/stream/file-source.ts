/**
 * @module firmware-bridge/adapters/stream/file-source
 * Byte sources over Node streams: a log file (read once to its end) and stdin.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { ByteSource } from './byte-source.ts';

function readAll(stream: Readable, onData: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on('data', (chunk: Buffer | string) =>
      onData(typeof chunk === 'string' ? Buffer.from(chunk) : chunk),
    );
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', reject);
  });
}

/** A log file, read once from start to end. */
export function fileSource(path: string): ByteSource {
  let stream: Readable | null = null;
  return {
    run: (onData) => {
      stream = createReadStream(path);
      return readAll(stream, onData);
    },
    stop: () => stream?.destroy(),
  };
}

/** The process's standard input (or any readable stream, for tests). */
export function stdinSource(input: Readable = process.stdin): ByteSource {
  return {
    run: (onData) => readAll(input, onData),
    stop: () => input.destroy(),
  };
}
