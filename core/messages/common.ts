/**
 * @module core/messages/common
 * Field shapes shared by every message schema: the envelope every field message carries (BRIEF:
 * contracts) — a unique id, the device id, a per-device sequence number and the device's timestamp.
 */
import { z } from 'zod';
import { ENTITY_ID_PATTERN } from '../ids/index.ts';

/** An entity id as used in topics and scenarios. */
export const entityId = z
  .string()
  .regex(ENTITY_ID_PATTERN, 'must be 1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit');

/** A message id: 8-128 characters, usually a UUIDv7 from `newId`. */
export const messageId = z.string().min(8, 'message id must be at least 8 characters').max(128);

/** Epoch milliseconds, after 2000-01-01 and representable exactly. */
export const epochMs = z
  .number()
  .int('must be an integer number of epoch milliseconds')
  .min(946_684_800_000, 'must be after 2000-01-01 (epoch milliseconds)')
  .max(Number.MAX_SAFE_INTEGER);

export const latitude = z.number().min(-90, 'latitude must be >= -90').max(90, 'latitude must be <= 90');
export const longitude = z
  .number()
  .min(-180, 'longitude must be >= -180')
  .max(180, 'longitude must be <= 180');
export const percent = z.number().min(0, 'must be >= 0%').max(100, 'must be <= 100%');
export const nonNegativeInt = z.number().int().min(0);

/**
 * Envelope fields of every field message. `seq` counts up by one per device message (reset only on a
 * device restart, which its status message announces), so a gap reveals loss and a repeat a replay.
 */
export const envelope = {
  id: messageId,
  deviceId: entityId,
  seq: nonNegativeInt,
  ts: epochMs,
} as const;
