/**
 * @module center/commands/command-results
 * What the center does with each `signal.command.result` an edge publishes on
 * `its/v1/<region>/edge/<edgeId>/cmd`, independent of the MQTT client: check the topic, validate once
 * with core `parseMessage`, and record the answer against the command in the {@link CommandLog}. Bad
 * input is counted by reason and never throws (STYLE.md §11); a valid answer beside it is unaffected.
 */
import {
  COMMAND_RESULT_DETAIL,
  TOPIC_ROOT,
  parseMessage,
  parseTopic,
  type Clock,
  type RejectReason,
} from '../../core/index.ts';
import type { Metrics } from '../metrics/index.ts';
import type { CommandLog, CommandStatusView } from './command-log.ts';

/** Subscription filter of every edge's command results (QoS 1). */
export const COMMAND_RESULT_FILTER = `${TOPIC_ROOT}/+/edge/+/${COMMAND_RESULT_DETAIL}`;

const RESULT_TOPIC_END = `/${COMMAND_RESULT_DETAIL}`;

/** Whether a topic is an edge's command-result topic. */
export function isCommandResultTopic(topic: string): boolean {
  // Every uplink batch passes here first: most topics are told apart by their end, without a parse.
  if (!topic.endsWith(RESULT_TOPIC_END)) return false;
  const t = parseTopic(topic);
  return t?.kind === 'edge' && t.detail.length === 1 && t.detail[0] === COMMAND_RESULT_DETAIL;
}

/**
 * Why a result was dropped: core's parse reasons; `topic-mismatch` (not a result topic, or the region
 * or edge differs from the topic); `unexpected-kind` (a valid message that is not a result);
 * `unknown-command` (not issued here, or evicted); `command-mismatch` (the result names another
 * intersection than the command); `duplicate` (the answer already recorded, resent by QoS 1).
 */
export type CommandResultRejectReason =
  RejectReason | 'topic-mismatch' | 'unexpected-kind' | 'unknown-command' | 'command-mismatch' | 'duplicate';

/** The fate of one result message. */
export type CommandResultOutcome =
  | { readonly status: 'recorded'; readonly view: CommandStatusView }
  | { readonly status: 'rejected'; readonly reason: CommandResultRejectReason; readonly detail: string };

/** Options of {@link CommandResults}. */
export type CommandResultsOptions = {
  readonly log: CommandLog;
  readonly clock: Clock;
  readonly metrics: Metrics;
  /** Called with each recorded answer (e.g. to push it to WebSocket clients). */
  readonly onAnswer?: (view: CommandStatusView) => void;
  /** Called once per reject reason the first time it happens (log it). */
  readonly onFirstReject?: (reason: CommandResultRejectReason, topic: string, detail: string) => void;
};

/** The center's handler of command results. */
export class CommandResults {
  readonly #o: CommandResultsOptions;
  readonly #rejected: Partial<Record<CommandResultRejectReason, number>> = {};
  #recorded = 0;

  constructor(options: CommandResultsOptions) {
    this.#o = { ...options };
  }

  /** Handle one message; never throws. */
  handle(topic: string, payload: Uint8Array | string): CommandResultOutcome {
    const t = parseTopic(topic);
    if (t === null || !isCommandResultTopic(topic)) {
      return this.#reject('topic-mismatch', topic, 'not a command-result topic');
    }
    const parsed = parseMessage(payload, { nowMs: this.#o.clock.now() });
    if (!parsed.ok) {
      const detail = parsed.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
      return this.#reject(parsed.reason, topic, detail);
    }
    const m = parsed.message;
    if (m.kind !== 'signal.command.result') {
      return this.#reject('unexpected-kind', topic, `${m.kind} on a command-result topic`);
    }
    if (m.deviceId !== t.deviceId || m.region !== t.region) {
      return this.#reject('topic-mismatch', topic, `${m.region}/${m.deviceId} differs from the topic`);
    }
    const known = this.#o.log.get(m.commandId);
    if (known === undefined) return this.#reject('unknown-command', topic, `command ${m.commandId}`);
    if (known.command.intersectionId !== m.intersectionId || known.command.region !== m.region) {
      return this.#reject(
        'command-mismatch',
        topic,
        `command ${m.commandId} is for ${known.command.region}/${known.command.intersectionId}`,
      );
    }
    const view = this.#o.log.answer(m, this.#o.clock.now());
    if (view === undefined) return this.#reject('unknown-command', topic, `command ${m.commandId}`);
    if (view === 'duplicate') return this.#reject('duplicate', topic, `result ${m.id} already recorded`);
    this.#recorded++;
    this.#o.metrics.inc('its_center_command_results_total', 'Command results recorded, by status', {
      status: m.status,
    });
    this.#o.onAnswer?.(view);
    return { status: 'recorded', view };
  }

  /** Totals so far. */
  stats(): {
    readonly recorded: number;
    readonly rejected: Readonly<Partial<Record<CommandResultRejectReason, number>>>;
  } {
    return { recorded: this.#recorded, rejected: { ...this.#rejected } };
  }

  #reject(reason: CommandResultRejectReason, topic: string, detail: string): CommandResultOutcome {
    const first = this.#rejected[reason] === undefined;
    this.#rejected[reason] = (this.#rejected[reason] ?? 0) + 1;
    this.#o.metrics.inc('its_center_command_results_rejected_total', 'Command results dropped, by reason', {
      reason,
    });
    if (first) this.#o.onFirstReject?.(reason, topic, detail);
    return { status: 'rejected', reason, detail };
  }
}
