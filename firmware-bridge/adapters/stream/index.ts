/**
 * @module firmware-bridge/adapters/stream
 * Door of the stream byte sources.
 */
export type { ByteSource } from './byte-source.ts';
export { fileSource, stdinSource } from './file-source.ts';
