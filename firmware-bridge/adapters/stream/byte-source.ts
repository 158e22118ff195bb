/**
 * @module firmware-bridge/adapters/stream/byte-source
 * The byte sources a bridge reads: a file, stdin, a TCP socket or a serial port. Each delivers
 * chunks as they come (any boundaries) and says when its input has ended for good.
 */

/** A source of device bytes. */
export interface ByteSource {
  /** Start delivering chunks; resolves when the input has ended (never, for live sources, until `stop`). */
  run(onData: (chunk: Buffer) => void): Promise<void>;
  /** Stop reading and release the device. */
  stop(): void;
}
