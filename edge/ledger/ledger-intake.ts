/**
 * @module edge/ledger/ledger-intake
 * The live ledger's front door: every payload from the region's `tap` and `toll` topics is parsed once
 * (core/messages `parseMessage`), checked against its topic, and handed to the group committer; the
 * acknowledgement callback runs only once the commit holding the message returned. A payload that is
 * not a valid tap or toll pass for its topic is counted by reason, acknowledged (redelivering it would
 * not make it valid) and never written; valid messages beside it are unaffected (STYLE.md §11).
 */
import type { Clock } from '../../core/clock/index.ts';
import type { RejectReason } from '../../core/messages/index.ts';
import { parseMessage } from '../../core/messages/index.ts';
import { parseTopic } from '../../core/topics/index.ts';
import type { GroupCommitter } from './group-commit.ts';

/** Why the intake refused a payload: a parse reason, or a valid message of a kind that is not money. */
export type IntakeRejectReason = RejectReason | 'not-money';

/** Options of {@link LedgerIntake}. */
export type LedgerIntakeOptions = {
  readonly region: string;
  readonly clock: Clock;
  readonly committer: Pick<GroupCommitter, 'submit'>;
  /** Called once per refused payload (e.g. to log the first of each reason). */
  readonly onReject?: (reason: IntakeRejectReason, topic: string, detail: string) => void;
};

/** Parses, checks and submits taps and toll passes; counts what it refuses. */
export class LedgerIntake {
  readonly #options: LedgerIntakeOptions;
  /** Payloads refused, by reason. */
  readonly rejected = new Map<IntakeRejectReason, number>();
  /** Valid messages submitted for recording. */
  submitted = 0;

  constructor(options: LedgerIntakeOptions) {
    this.#options = options;
  }

  /**
   * Take one payload. `ack(null)` runs once it is durable (or right away when it is refused);
   * `ack(error)` when its commit failed, so the transport withholds the acknowledgement.
   */
  accept(topic: string, payload: Uint8Array, ack: (error: Error | null) => void): void {
    const parsed = parseMessage(payload, { nowMs: this.#options.clock.now() });
    if (!parsed.ok) {
      this.#reject(parsed.reason, topic, parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
      ack(null);
      return;
    }
    const message = parsed.message;
    if (message.kind !== 'tap' && message.kind !== 'toll.pass') {
      this.#reject('not-money', topic, `kind ${message.kind}`);
      ack(null);
      return;
    }
    const where = parseTopic(topic);
    const expectedKind = message.kind === 'tap' ? 'tap' : 'toll';
    if (
      where === null ||
      where.region !== this.#options.region ||
      where.kind !== expectedKind ||
      where.deviceId !== message.deviceId ||
      where.detail.length > 0
    ) {
      this.#reject('topic-mismatch', topic, `${message.kind} from ${message.deviceId}`);
      ack(null);
      return;
    }
    this.submitted += 1;
    this.#options.committer.submit(message, ack);
  }

  /** Payloads refused in all. */
  get rejectedTotal(): number {
    let n = 0;
    for (const v of this.rejected.values()) n += v;
    return n;
  }

  #reject(reason: IntakeRejectReason, topic: string, detail: string): void {
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + 1);
    this.#options.onReject?.(reason, topic, detail);
  }
}
