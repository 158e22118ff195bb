/**
 * @module center/signs/sign-messages
 * Variable message sign texts with a priority scheme: an operator's message always outranks an
 * automatic one (operator rank = 1000 + priority); within a source the higher priority wins, then the
 * newer. Expired messages are never shown.
 */
import { z } from 'zod';
import { newId } from '../../core/index.ts';
import type { SignMessageRecord } from '../state/index.ts';
import { SIGN_FACE, signWidth } from './sign-face.ts';

/** Rank added to operator messages so they outrank every automatic one. */
export const OPERATOR_RANK = 1000;

/**
 * Why `text` would not show whole on the sign's face, or null when it would. The face shows three
 * lines of at most 26 Korean or 38 English characters ({@link SIGN_FACE}): text past them is cut off
 * by the sign, so the center refuses it instead of accepting what no driver will read.
 */
function signFitProblem(text: string, language: 'ko' | 'en'): string | null {
  if (signWidth(text, language) !== null) return null;
  const widest = (language === 'ko' ? SIGN_FACE.widthsKo : SIGN_FACE.widthsEn).at(-1) ?? 0;
  return (
    `does not fit the sign: at most ${SIGN_FACE.lines} lines of ${widest} characters ` +
    `(words wrap at spaces, ' / ' starts a new line)`
  );
}

/** Body of `POST /api/v1/signs/:id/messages`. */
export const publishSignBody = z
  .strictObject({
    textKo: z.string().min(1).max(200),
    textEn: z.string().max(200).default(''),
    priority: z.number().int().min(0).max(999).default(500),
    /** Seconds until the message expires; null for never. */
    ttlS: z
      .number()
      .int()
      .min(1)
      .max(7 * 86_400)
      .nullable()
      .default(3600),
  })
  .superRefine((body, ctx) => {
    for (const [field, language] of [
      ['textKo', 'ko'],
      ['textEn', 'en'],
    ] as const) {
      const problem = body[field] === '' ? null : signFitProblem(body[field], language);
      if (problem !== null) ctx.addIssue({ code: 'custom', path: [field], message: problem });
    }
  });
export type PublishSignBody = z.infer<typeof publishSignBody>;

/** Rank of a message: operator messages above all automatic ones. */
export function signRank(m: SignMessageRecord): number {
  return (m.source === 'operator' ? OPERATOR_RANK : 0) + m.priority;
}

/** The message a sign shows now, or null for a blank sign. */
export function displayedMessage(
  messages: readonly SignMessageRecord[],
  nowMs: number,
): SignMessageRecord | null {
  let best: SignMessageRecord | null = null;
  for (const m of messages) {
    if (m.expiresAt !== null && m.expiresAt <= nowMs) continue;
    if (
      best === null ||
      signRank(m) > signRank(best) ||
      (signRank(m) === signRank(best) && m.createdAt > best.createdAt)
    ) {
      best = m;
    }
  }
  return best;
}

/** A new sign message from a validated request or an automatic source. */
export function newSignMessage(
  signId: string,
  body: PublishSignBody,
  source: 'operator' | 'auto',
  nowMs: number,
  incidentId: string | null = null,
): SignMessageRecord {
  return {
    id: `${signId}/${newId(nowMs).slice(-12)}`,
    signId,
    textKo: body.textKo,
    textEn: body.textEn,
    priority: body.priority,
    source,
    incidentId,
    createdAt: nowMs,
    expiresAt: body.ttlS === null ? null : nowMs + body.ttlS * 1000,
  };
}
