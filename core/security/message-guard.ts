/**
 * @module core/security/message-guard
 * The message-level checks of issue 11 in one place: the device id inside a message must belong to
 * the identity that published it, and replayed or stale messages are refused. Every refusal is
 * counted by reason. Pure: the caller supplies the identity (from the broker, or from the topic a
 * Mosquitto ACL binds to it) and the clock.
 */
import type { Clock } from '../clock/index.ts';
import type { BindingOptions, BoundIdentity } from './device-binding.ts';
import { checkDeviceBinding } from './device-binding.ts';
import type { ReplayEnvelope, ReplayReason, ReplayWindowOptions } from './replay-window.ts';
import { ReplayWindow } from './replay-window.ts';

/** Why the guard refused a message. */
export type GuardReason = 'unknown-identity' | 'identity-mismatch' | ReplayReason;

/** Outcome of {@link MessageGuard.check}. */
export type GuardVerdict =
  { readonly ok: true } | { readonly ok: false; readonly reason: GuardReason; readonly detail: string };

/** Options of a {@link MessageGuard}. */
export type MessageGuardOptions = ReplayWindowOptions &
  BindingOptions & {
    readonly clock: Clock;
    /**
     * Check the identity binding. False where the transport cannot tell the publisher (a subscriber
     * on MQTT 3.1.1): then the broker enforces it, and `who` is ignored. Default true.
     */
    readonly bindIdentity?: boolean;
  };

/** Counters of a {@link MessageGuard}. */
export type GuardStats = {
  readonly accepted: number;
  readonly refused: number;
  readonly refusedByReason: Readonly<Partial<Record<GuardReason, number>>>;
};

/** Identity binding plus anti-replay, with counters. */
export class MessageGuard {
  readonly #o: MessageGuardOptions;
  readonly #window: ReplayWindow;
  readonly #refusedByReason: Partial<Record<GuardReason, number>> = {};
  #accepted = 0;
  #refused = 0;

  constructor(options: MessageGuardOptions) {
    this.#o = { ...options };
    this.#window = new ReplayWindow(options);
  }

  /** Check a message published by `who` (undefined: not known). Accepted messages are remembered. */
  check(who: BoundIdentity | undefined, envelope: ReplayEnvelope): GuardVerdict {
    if (this.#o.bindIdentity ?? true) {
      const b = checkDeviceBinding(who, envelope.deviceId, this.#o);
      if (!b.ok) return this.#refuse(b.reason, b.detail);
    }
    const r = this.#window.check(envelope, this.#o.clock.now());
    if (!r.ok) {
      return this.#refuse(
        r.reason,
        `${envelope.deviceId} seq ${envelope.seq} at ${new Date(envelope.ts).toISOString()}: ${r.reason}`,
      );
    }
    this.#accepted++;
    return { ok: true };
  }

  /** Counters so far. */
  stats(): GuardStats {
    return {
      accepted: this.#accepted,
      refused: this.#refused,
      refusedByReason: { ...this.#refusedByReason },
    };
  }

  #refuse(reason: GuardReason, detail: string): GuardVerdict {
    this.#refused++;
    this.#refusedByReason[reason] = (this.#refusedByReason[reason] ?? 0) + 1;
    return { ok: false, reason, detail };
  }
}
