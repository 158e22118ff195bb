/**
 * @module edge/node/operator-commands
 * Operator signal commands at the edge (core `signal.command`): validated once like any message,
 * applied to one intersection (a strategy switch through its strategy slot, a plan switch as a
 * `set-plan` command over its controller link), and answered with a `signal.command.result`.
 * A message that is not a valid command for this region is dropped and counted by reason with no
 * answer (there is nobody trustworthy to answer); a valid command the edge cannot carry out is
 * rejected, counted by reason, and answered with that reason.
 */
import type {
  Clock,
  RejectReason,
  SignalCommandMessage,
  SignalCommandRejectReason,
  SignalCommandResult,
  ValidationIssue,
} from '../../core/index.ts';
import { newId, parseMessage, parseTopic } from '../../core/index.ts';
import { STRATEGY_NAMES } from '../adaptive/index.ts';
import { DuplicateWindow } from '../ingest/index.ts';
import type { SignalSupervisor } from './signal-supervisor.ts';

/** Why a command message was dropped unanswered. */
export type CommandDropReason = RejectReason | 'bad-topic' | 'wrong-region' | 'duplicate';

/** Counters of operator commands. */
export type OperatorCommandStats = {
  readonly accepted: number;
  readonly rejectedByReason: Readonly<Partial<Record<SignalCommandRejectReason, number>>>;
  readonly droppedByReason: Readonly<Partial<Record<CommandDropReason, number>>>;
};

/** Options of {@link OperatorCommands}. */
export type OperatorCommandsOptions = {
  readonly region: string;
  readonly edgeId: string;
  readonly clock: Clock;
  readonly signals: SignalSupervisor;
  /** Called once per new (reason, field) pair so a log line names the problem without flooding. */
  readonly onFirstDrop?: (
    reason: CommandDropReason,
    topic: string,
    issues: readonly ValidationIssue[],
  ) => void;
};

/** Validates, applies and answers operator commands for one region. */
export class OperatorCommands {
  readonly #o: OperatorCommandsOptions;
  readonly #duplicates = new DuplicateWindow();
  readonly #rejected: Partial<Record<SignalCommandRejectReason, number>> = {};
  readonly #dropped: Partial<Record<CommandDropReason, number>> = {};
  readonly #logged = new Set<string>();
  #accepted = 0;
  #seq = 0;

  constructor(options: OperatorCommandsOptions) {
    this.#o = options;
  }

  /** Handle one message from the command topic; the answer to publish, or null when dropped. */
  receive(topic: string, payload: Uint8Array | string): SignalCommandResult | null {
    const nowMs = this.#o.clock.now();
    const t = parseTopic(topic);
    if (t === null || t.kind !== 'cmd' || t.detail.length > 0) {
      return this.#drop('bad-topic', topic, [{ path: 'topic', message: `not a command topic: ${topic}` }]);
    }
    if (t.region !== this.#o.region) {
      return this.#drop('wrong-region', topic, [
        { path: 'topic', message: `region ${t.region} is not ${this.#o.region}` },
      ]);
    }
    const parsed = parseMessage(payload, { nowMs });
    if (!parsed.ok) return this.#drop(parsed.reason, topic, parsed.issues);
    const m = parsed.message;
    if (m.kind !== 'signal.command') {
      return this.#drop('topic-mismatch', topic, [{ path: 'kind', message: `${m.kind} on a command topic` }]);
    }
    if (m.intersectionId !== t.deviceId || m.region !== t.region) {
      return this.#drop('topic-mismatch', topic, [
        { path: 'intersectionId', message: `command for ${m.region}/${m.intersectionId} on ${topic}` },
      ]);
    }
    if (this.#duplicates.seen(m.commandId, nowMs)) {
      return this.#drop('duplicate', topic, [
        { path: 'commandId', message: `already applied ${m.commandId}` },
      ]);
    }
    return this.#apply(m, nowMs);
  }

  /** Counters so far. */
  stats(): OperatorCommandStats {
    return {
      accepted: this.#accepted,
      rejectedByReason: { ...this.#rejected },
      droppedByReason: { ...this.#dropped },
    };
  }

  #apply(m: SignalCommandMessage, nowMs: number): SignalCommandResult {
    const signals = this.#o.signals;
    const control = signals.control(m.intersectionId);
    if (control === undefined) {
      return this.#answer(
        m,
        nowMs,
        'unknown-intersection',
        `${m.intersectionId} is not run by ${this.#o.edgeId}`,
        null,
      );
    }
    if (m.strategy !== null && !(STRATEGY_NAMES as readonly string[]).includes(m.strategy)) {
      return this.#answer(
        m,
        nowMs,
        'unknown-strategy',
        `use one of ${STRATEGY_NAMES.join(', ')}`,
        control.strategyName,
      );
    }
    if (m.planId !== null) {
      if (!control.intersection.plans.some((p) => p.id === m.planId)) {
        const plans = control.intersection.plans.map((p) => p.id).join(', ');
        return this.#answer(
          m,
          nowMs,
          'unknown-plan',
          `plans of ${m.intersectionId}: ${plans}`,
          control.strategyName,
        );
      }
      if (signals.link(m.intersectionId)?.snapshot().online !== true) {
        return this.#answer(
          m,
          nowMs,
          'controller-offline',
          `controller ${m.intersectionId} unreachable`,
          control.strategyName,
        );
      }
    }
    if (m.strategy !== null) signals.switchStrategy(m.intersectionId, m.strategy);
    if (m.planId !== null) signals.sendTo(m.intersectionId, [{ type: 'set-plan', planId: m.planId }]);
    const what = [
      m.strategy === null ? '' : `strategy ${m.strategy}`,
      m.planId === null ? '' : `plan ${m.planId}`,
    ]
      .filter((s) => s !== '')
      .join(' and ');
    return this.#answer(m, nowMs, null, `${what} by ${m.issuedBy}`, control.strategyName);
  }

  #answer(
    m: SignalCommandMessage,
    nowMs: number,
    reason: SignalCommandRejectReason | null,
    detail: string,
    strategy: string | null,
  ): SignalCommandResult {
    if (reason === null) this.#accepted++;
    else this.#rejected[reason] = (this.#rejected[reason] ?? 0) + 1;
    return {
      kind: 'signal.command.result',
      id: newId(nowMs),
      deviceId: this.#o.edgeId,
      seq: this.#seq++,
      ts: nowMs,
      commandId: m.commandId,
      region: m.region,
      intersectionId: m.intersectionId,
      status: reason === null ? 'accepted' : 'rejected',
      reason,
      detail: detail.slice(0, 500),
      strategy,
      planId: m.planId,
    };
  }

  #drop(reason: CommandDropReason, topic: string, issues: readonly ValidationIssue[]): null {
    this.#dropped[reason] = (this.#dropped[reason] ?? 0) + 1;
    const key = `${reason}|${issues[0]?.path ?? ''}`;
    if (this.#o.onFirstDrop !== undefined && !this.#logged.has(key) && this.#logged.size < 1000) {
      this.#logged.add(key);
      this.#o.onFirstDrop(reason, topic, issues);
    }
    return null;
  }
}
