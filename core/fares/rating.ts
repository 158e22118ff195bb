/**
 * @module core/fares/rating
 * What rating a tap or a toll pass produces: the charge, split into lines that say which journey and
 * leg the money belongs to, who pays (a card purse, an OBU purse, a plate to bill) and which operator
 * carried it. The ledger posts lines; the clearing house apportions journeys from them.
 */
import type { TransitMode } from '../messages/index.ts';

/** Why a line was charged. */
export type ChargeReason =
  | 'base'
  | 'transfer'
  | 'distance'
  | 'missing-tap-out'
  | 'taxi'
  | 'toll-closed'
  | 'toll-open'
  | 'toll-missing-entry';

/** One line of a charge. Lines of a journey share `journeyId`; a leg is `(journeyId, legNo)`. */
export type ChargeLine = {
  /** Id of the journey (its first tap or pass) the money belongs to. */
  readonly journeyId: string;
  /** Local service day of the journey's start, `YYYY-MM-DD`. */
  readonly day: string;
  /** 1-based leg within the journey. */
  readonly legNo: number;
  readonly operatorId: string;
  readonly mode: TransitMode | 'toll';
  readonly routeId: string | null;
  /** The leg's own base fare (won), used to apportion transfer trips by base-fare ratio. */
  readonly legBaseKrw: number;
  /** The leg's distance in metres as far as known (0 until its tap-out). */
  readonly legM: number;
  /** Account that pays: `card:<id>`, `obu:<id>` or `plate:<plate>` (billed later). */
  readonly payer: string;
  readonly reason: ChargeReason;
  /** Integer won, never negative. */
  readonly amountKrw: number;
};

/** Outcome of rating one tap or pass. */
export type Rating = {
  /** Id of the rated message. */
  readonly messageId: string;
  /** Sum of the lines' amounts. */
  readonly chargeKrw: number;
  readonly lines: readonly ChargeLine[];
  /** Set when the message charged nothing for a reason worth counting, e.g. `tap-out-without-tap-in`. */
  readonly note?: string;
};

/** A rating with its lines summed. */
export function ratingOf(messageId: string, lines: readonly ChargeLine[], note?: string): Rating {
  let chargeKrw = 0;
  for (const l of lines) chargeKrw += l.amountKrw;
  return note === undefined ? { messageId, chargeKrw, lines } : { messageId, chargeKrw, lines, note };
}

/** Fields that order a holder's messages. `tap` is present on card taps only. */
export type Orderable = {
  readonly ts: number;
  readonly deviceId: string;
  readonly seq: number;
  readonly id: string;
  readonly tap?: 'in' | 'out';
};

/**
 * Order in which a holder's messages are rated: device time; at the same millisecond a tap-out before
 * a tap-in (alighting precedes boarding); then device, sequence and id, so the order is total.
 */
export function compareMessages(a: Orderable, b: Orderable): number {
  if (a.ts !== b.ts) return a.ts - b.ts;
  if (a.tap !== b.tap && a.tap !== undefined && b.tap !== undefined) return a.tap === 'out' ? -1 : 1;
  if (a.deviceId !== b.deviceId) return a.deviceId < b.deviceId ? -1 : 1;
  if (a.seq !== b.seq) return a.seq - b.seq;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
