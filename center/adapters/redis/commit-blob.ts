/**
 * @module center/adapters/redis/commit-blob
 * The changes of one commit-script call packed into one binary argument: each field is a 4-byte
 * big-endian byte length and its UTF-8 bytes, written straight into one buffer. Sent as thousands of
 * separate arguments instead, ioredis measured, concatenated and re-encoded every one (a third of
 * the center's Redis cost per message); the script reads the fields back with `struct.unpack`.
 *
 * Layout per change: `seen`, `ttl` (fields), the byte length of its ops (4 bytes, so a change whose
 * dedup id was seen is skipped in one step), then its op fields in order.
 */

/** Bytes a field can take at most: UTF-8 needs at most 3 bytes per UTF-16 unit; a number's text is short. */
const fieldBound = (a: string | number): number => 4 + (typeof a === 'string' ? 3 * a.length : 32);

/**
 * Pack changes given as `[seen, ttl, count, ...ops]` (the count is not sent: the ops' byte length
 * replaces it).
 */
export function packChanges(changes: readonly (readonly (string | number)[])[]): Buffer {
  let bound = 0;
  for (const args of changes) {
    bound += 4;
    for (const a of args) bound += fieldBound(a);
  }
  const buf = Buffer.allocUnsafe(bound);
  let at = 0;
  const put = (a: string | number | undefined): void => {
    const n = buf.write(typeof a === 'string' ? a : String(a ?? ''), at + 4, 'utf8');
    buf.writeUInt32BE(n, at);
    at += 4 + n;
  };
  for (const args of changes) {
    put(args[0]);
    put(args[1]);
    const opsAt = at;
    at += 4;
    for (let i = 3; i < args.length; i++) put(args[i]);
    buf.writeUInt32BE(at - opsAt - 4, opsAt);
  }
  return buf.subarray(0, at);
}
