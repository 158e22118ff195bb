/**
 * @module center/commands/command-log
 * The operator signal commands this center instance issued, and the latest answer of the edge to each
 * (`signal.command.result`, core/messages/command.ts). A bounded in-memory map: when it is full the
 * oldest command is forgotten, so a flood of commands cannot grow the center's memory. Per instance:
 * a command is known to the instance that issued it (see ARCHITECTURE.md, Operator commands to edges).
 */
import type { SignalCommandResult } from '../../core/index.ts';

/** A command as the operator issued it (what the center published as `signal.command`). */
export type IssuedCommand = {
  readonly commandId: string;
  readonly region: string;
  readonly intersectionId: string;
  readonly planId: string | null;
  readonly strategy: string | null;
  /** Operator who issued it. */
  readonly issuedBy: string;
  /** When it was issued, epoch ms. */
  readonly at: number;
};

/** What `GET /api/v1/commands/<commandId>` answers. */
export type CommandStatusView = {
  readonly command: IssuedCommand;
  /** `pending` until the edge answers; then the edge's latest answer. */
  readonly status: 'pending' | 'accepted' | 'rejected';
  /** Why the edge refused it; null while pending or when accepted. */
  readonly reason: SignalCommandResult['reason'];
  /** The edge's human-readable detail; null while pending. */
  readonly detail: string | null;
  /** Edge that answered; null while pending. */
  readonly answeredBy: string | null;
  /** When the center received the answer (its clock, epoch ms); null while pending. */
  readonly answeredAt: number | null;
};

/** Options of {@link CommandLog}. */
export type CommandLogOptions = {
  /** Most commands remembered; the oldest issued is evicted first. Default 1,000. */
  readonly maxCommands?: number;
};

const DEFAULTS = Object.freeze({ maxCommands: 1000 });

/** A command's view and the message id of the answer it shows (to spot a QoS 1 redelivery). */
type Entry = { readonly view: CommandStatusView; readonly resultId: string | null };

/** Issued commands and their answers, bounded. */
export class CommandLog {
  readonly #max: number;
  /** Insertion-ordered: the first key is the oldest command. */
  readonly #byId = new Map<string, Entry>();

  constructor(options: CommandLogOptions = {}) {
    const o = { ...DEFAULTS, ...options };
    if (!Number.isInteger(o.maxCommands) || o.maxCommands < 1) {
      throw new RangeError(`maxCommands must be a positive integer, got ${o.maxCommands}`);
    }
    this.#max = o.maxCommands;
  }

  /** Record a command as issued (status `pending`). */
  issued(command: IssuedCommand): CommandStatusView {
    const view: CommandStatusView = {
      command,
      status: 'pending',
      reason: null,
      detail: null,
      answeredBy: null,
      answeredAt: null,
    };
    this.#byId.delete(command.commandId);
    this.#byId.set(command.commandId, { view, resultId: null });
    while (this.#byId.size > this.#max) {
      const oldest = this.#byId.keys().next().value;
      if (oldest === undefined) break;
      this.#byId.delete(oldest);
    }
    return view;
  }

  /** Forget a command that could not be sent. */
  forget(commandId: string): void {
    this.#byId.delete(commandId);
  }

  /** The command and its latest answer, or undefined for an id not (or no longer) known. */
  get(commandId: string): CommandStatusView | undefined {
    return this.#byId.get(commandId)?.view;
  }

  /**
   * Record the edge's answer (the latest wins; the command keeps its place in the eviction order).
   * Returns the new view; `duplicate` when this very result message (same id) is already the one
   * shown, as after a QoS 1 redelivery; undefined when the command is not known here.
   */
  answer(result: SignalCommandResult, receivedAt: number): CommandStatusView | 'duplicate' | undefined {
    const known = this.#byId.get(result.commandId);
    if (known === undefined) return undefined;
    if (known.resultId === result.id) return 'duplicate';
    const view: CommandStatusView = {
      command: known.view.command,
      status: result.status,
      reason: result.reason,
      detail: result.detail,
      answeredBy: result.deviceId,
      answeredAt: receivedAt,
    };
    this.#byId.set(result.commandId, { view, resultId: result.id });
    return view;
  }

  /** Commands remembered now. */
  size(): number {
    return this.#byId.size;
  }
}
