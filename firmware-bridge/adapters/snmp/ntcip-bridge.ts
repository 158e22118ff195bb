/**
 * @module firmware-bridge/adapters/snmp/ntcip-bridge
 * Polls one NTCIP controller on a clock and publishes what changed: a `spat` each poll, `det.report`
 * messages for each new volume/occupancy period. Failed polls are counted by reason and retried on the
 * next tick; a poll still in flight when the next is due is skipped, not stacked.
 */
import type { Clock, TimerHandle } from '../../../core/clock/index.ts';
import type { ControllerMode } from '../../../core/messages/index.ts';
import { TOPIC_POLICY, topicForMessage } from '../../../core/topics/index.ts';
import type { MessageSink } from '../../avl/index.ts';
import { NtcipController } from '../../ntcip/index.ts';
import type { NtcipPollOutcome } from '../../ntcip/index.ts';
import type { NtcipPoller, PollFailure } from './ntcip-poller.ts';

/** Options of {@link NtcipBridge}. */
export type NtcipBridgeOptions = {
  readonly poller: NtcipPoller;
  readonly controllerId: string;
  readonly region: string;
  readonly mode?: ControllerMode;
  readonly clock: Clock;
  readonly newId: (nowMs: number) => string;
  readonly sink: MessageSink;
  readonly onOutcome?: (outcome: NtcipPollOutcome) => void;
};

/** Counters of the bridge. */
export type NtcipBridgeCounters = {
  polls: number;
  skippedBusy: number;
  failures: Record<PollFailure, number>;
  published: number;
};

/** The poll loop of one controller. */
export class NtcipBridge {
  readonly controller: NtcipController;
  readonly counters: NtcipBridgeCounters = {
    polls: 0,
    skippedBusy: 0,
    failures: { timeout: 0, 'no-such-object': 0, 'bad-type': 0, transport: 0 },
    published: 0,
  };
  readonly #o: NtcipBridgeOptions;
  #timer: TimerHandle | null = null;
  #busy = false;

  constructor(options: NtcipBridgeOptions) {
    this.#o = Object.freeze({ ...options });
    this.controller = new NtcipController({
      controllerId: options.controllerId,
      mode: options.mode ?? 'actuated',
      newId: options.newId,
    });
  }

  /** Poll once and publish; resolves with the outcome, or null when the poll failed or was skipped. */
  async pollOnce(): Promise<NtcipPollOutcome | null> {
    if (this.#busy) {
      this.counters.skippedBusy++;
      return null;
    }
    this.#busy = true;
    try {
      this.counters.polls++;
      const result = await this.#o.poller.poll();
      if (!result.ok) {
        this.counters.failures[result.reason]++;
        return null;
      }
      const outcome = this.controller.apply(result.poll, this.#o.clock.now());
      const messages = [...(outcome.spat === null ? [] : [outcome.spat]), ...outcome.detectorReports];
      for (const m of messages) {
        const kind = m.kind === 'spat' ? 'spat' : 'det';
        const { qos, retain } = TOPIC_POLICY[kind];
        this.#o.sink.publish(topicForMessage(this.#o.region, m), JSON.stringify(m), { qos, retain });
        this.counters.published++;
      }
      this.#o.onOutcome?.(outcome);
      return outcome;
    } finally {
      this.#busy = false;
    }
  }

  /** Poll every `periodMs` on the injected clock. */
  start(periodMs: number): void {
    this.stop();
    this.#timer = this.#o.clock.setInterval(() => void this.pollOnce(), periodMs);
  }

  stop(): void {
    if (this.#timer !== null) this.#o.clock.clear(this.#timer);
    this.#timer = null;
  }
}
