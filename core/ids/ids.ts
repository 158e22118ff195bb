/**
 * @module core/ids/ids
 * Message and entity ids. Field messages carry a UUIDv7-style id (time-ordered, 122 bits of which 74
 * random) so ids sort roughly by creation and money can be made idempotent on them (BRIEF: contracts).
 */
import { randomBytes } from 'node:crypto';

/** A time-ordered unique id in UUID text form (RFC 9562 version 7 layout). */
export function newId(nowMs: number = Date.now(), random: Uint8Array = randomBytes(10)): string {
  const b = new Uint8Array(16);
  let t = Math.floor(nowMs);
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  b.set(random.subarray(0, 10), 6);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x70;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Buffer.from(b).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A deterministic id generator for simulation: same seed and sequence, same ids. Uses a 32-bit
 * xorshift for the random part so a simulator run is reproducible byte for byte.
 */
export function seededIdFactory(seed: number): (nowMs: number) => string {
  let s = seed >>> 0 || 0x9e3779b9;
  return (nowMs: number) => {
    const r = new Uint8Array(10);
    for (let i = 0; i < 10; i++) {
      s ^= s << 13;
      s >>>= 0;
      s ^= s >>> 17;
      s ^= s << 5;
      s >>>= 0;
      r[i] = s & 0xff;
    }
    return newId(nowMs, r);
  };
}

/** Pattern of ids of things named in scenarios and topics: letters, digits, `-`, `_`, `.`. */
export const ENTITY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
