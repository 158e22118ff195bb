/**
 * @module simulator/sumo/ids
 * SUMO ids may contain `#`, `:` and more than 64 characters; scenario entity ids may not. This maps a
 * SUMO id to a valid, stable entity id (characters replaced, long ids shortened with a hash suffix).
 */
import { createHash } from 'node:crypto';

/** A valid entity id for a SUMO id. */
export function entityIdOf(sumoId: string): string {
  let s = sumoId.replace(/[^A-Za-z0-9._-]/g, '_');
  if (!/^[A-Za-z0-9]/.test(s)) s = `x${s}`;
  if (s.length <= 64) return s;
  const h = createHash('sha1').update(sumoId).digest('hex').slice(0, 8);
  return `${s.slice(0, 55)}-${h}`;
}
