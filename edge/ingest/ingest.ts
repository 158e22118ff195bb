/**
 * @module edge/ingest/ingest
 * The one place an edge validates field messages (STYLE.md §10-11): bytes and topic in, a typed message
 * or a counted rejection out. It also drops duplicates (same message id) and reports sequence gaps and
 * repeats per device. Technology-free: the MQTT adapter feeds it `(topic, payload)` pairs.
 */
import type { Clock, Message, RejectReason, ValidationIssue } from '../../core/index.ts';
import { parseMessage, parseTopic, TOPIC_KIND_OF_MESSAGE } from '../../core/index.ts';
import type { GuardReason, MessageGuard } from '../../core/security/index.ts';
import { DuplicateWindow } from './duplicate-window.ts';
import type { SequenceVerdict, DeviceSequenceStats } from './sequence-tracker.ts';
import { SequenceTracker } from './sequence-tracker.ts';

/** Why the edge dropped a message: a core parse reason, a topic problem, or a duplicate. */
export type DropReason = RejectReason | 'bad-topic' | 'wrong-region' | 'duplicate' | GuardReason;

/** Outcome of {@link Ingest.accept}. */
export type IngestResult =
  | { readonly ok: true; readonly message: Message; readonly sequence: SequenceVerdict }
  | { readonly ok: false; readonly reason: DropReason; readonly issues: readonly ValidationIssue[] };

/** A sequence anomaly worth reporting: loss, a repeat, a late (reordered) message or a restart. */
export type SequenceEvent = {
  readonly deviceId: string;
  readonly atMs: number;
  readonly verdict: Exclude<SequenceVerdict, { kind: 'first' | 'in-order' | 'rebased' }>;
};

/** Options of an {@link Ingest}. */
export type IngestOptions = {
  /** The edge's region; messages on other regions' topics are dropped as `wrong-region`. */
  readonly region: string;
  /**
   * Other regions whose bus positions are accepted too (transit priority for buses that cross into
   * this region: core `visitingBusRegions`). Any other kind on their topics is `wrong-region`.
   */
  readonly visitingBusRegions?: readonly string[];
  readonly clock: Clock;
  /** How long message ids are remembered for duplicate detection, ms. Default 10 min. */
  readonly duplicateWindowMs?: number;
  /** Reject messages whose device timestamp is further ahead than this, ms. Default 30 s. */
  readonly maxFutureSkewMs?: number;
  /** Reject messages older than this, ms; default unlimited (devices replay after an outage). */
  readonly maxAgeMs?: number;
  /** Called on each sequence anomaly. */
  readonly onSequenceEvent?: (event: SequenceEvent) => void;
  /** Called once per new (reason, detail) pair so a log line names the problem without flooding. */
  readonly onFirstRejection?: (reason: DropReason, topic: string, issues: readonly ValidationIssue[]) => void;
  /**
   * Anti-replay and staleness checks (core/security, issue 11): a repeated sequence number under a
   * new message id, or a timestamp outside the guard's window, is dropped by reason. Build it with
   * `bindIdentity: false`: the topic ACL binds the device id, checked here as `topic-mismatch`.
   * Absent: off (the simulator does not yet announce a restart with `seqReset`).
   */
  readonly guard?: MessageGuard;
};

/** Counters of an {@link Ingest}. */
export type IngestStats = {
  readonly accepted: number;
  readonly acceptedByKind: Readonly<Record<string, number>>;
  readonly dropped: number;
  readonly droppedByReason: Readonly<Partial<Record<DropReason, number>>>;
  readonly missing: number;
  readonly repeats: number;
  readonly late: number;
};

/** Validates, de-duplicates and sequence-checks field messages for one region. */
export class Ingest {
  readonly #region: string;
  readonly #visitingBusRegions: ReadonlySet<string>;
  readonly #clock: Clock;
  readonly #options: IngestOptions;
  readonly #duplicates: DuplicateWindow;
  readonly #sequences = new SequenceTracker();
  readonly #acceptedByKind: Record<string, number> = {};
  readonly #droppedByReason: Partial<Record<DropReason, number>> = {};
  readonly #loggedRejections = new Set<string>();
  #accepted = 0;
  #dropped = 0;

  constructor(options: IngestOptions) {
    this.#options = { ...options };
    this.#region = options.region;
    this.#visitingBusRegions = new Set(options.visitingBusRegions ?? []);
    this.#clock = options.clock;
    this.#duplicates = new DuplicateWindow(
      options.duplicateWindowMs === undefined ? {} : { windowMs: options.duplicateWindowMs },
    );
  }

  /** Validate one MQTT message. Never throws on bad input. */
  accept(topic: string, payload: Uint8Array | string): IngestResult {
    const nowMs = this.#clock.now();
    const parsedTopic = parseTopic(topic);
    if (parsedTopic === null) {
      return this.#drop('bad-topic', topic, [{ path: 'topic', message: `not an its/v1 topic: ${topic}` }]);
    }
    if (
      parsedTopic.region !== this.#region &&
      !(parsedTopic.kind === 'bus' && this.#visitingBusRegions.has(parsedTopic.region))
    ) {
      return this.#drop('wrong-region', topic, [
        { path: 'topic', message: `region ${parsedTopic.region} is not ${this.#region}` },
      ]);
    }
    const parsed = parseMessage(payload, {
      nowMs,
      ...(this.#options.maxFutureSkewMs === undefined
        ? {}
        : { maxFutureSkewMs: this.#options.maxFutureSkewMs }),
      ...(this.#options.maxAgeMs === undefined ? {} : { maxAgeMs: this.#options.maxAgeMs }),
    });
    if (!parsed.ok) return this.#drop(parsed.reason, topic, parsed.issues);
    const message = parsed.message;
    if (
      parsedTopic.deviceId !== message.deviceId ||
      parsedTopic.kind !== TOPIC_KIND_OF_MESSAGE[message.kind]
    ) {
      return this.#drop('topic-mismatch', topic, [
        {
          path: 'deviceId',
          message: `${message.kind} from ${message.deviceId} does not belong on ${topic}`,
        },
      ]);
    }
    if (this.#duplicates.seen(message.id, nowMs)) {
      return this.#drop('duplicate', topic, [{ path: 'id', message: `already received ${message.id}` }]);
    }
    const reset = message.kind === 'status' && message.seqReset;
    const guarded = this.#options.guard?.check(undefined, { ...message, reset });
    if (guarded !== undefined && !guarded.ok) {
      return this.#drop(guarded.reason, topic, [{ path: 'seq', message: guarded.detail }]);
    }
    const sequence = this.#sequences.observe(message.deviceId, message.seq, reset);
    if (sequence.kind !== 'first' && sequence.kind !== 'in-order' && sequence.kind !== 'rebased') {
      this.#options.onSequenceEvent?.({ deviceId: message.deviceId, atMs: nowMs, verdict: sequence });
    }
    this.#accepted++;
    this.#acceptedByKind[message.kind] = (this.#acceptedByKind[message.kind] ?? 0) + 1;
    return { ok: true, message, sequence };
  }

  /** Counters so far. */
  stats(): IngestStats {
    let missing = 0;
    let repeats = 0;
    let late = 0;
    for (const s of this.#sequences.stats()) {
      missing += s.missing;
      repeats += s.repeats;
      late += s.late;
    }
    return {
      accepted: this.#accepted,
      acceptedByKind: { ...this.#acceptedByKind },
      dropped: this.#dropped,
      droppedByReason: { ...this.#droppedByReason },
      missing,
      repeats,
      late,
    };
  }

  /** Sequence totals per device. */
  deviceStats(): DeviceSequenceStats[] {
    return this.#sequences.stats();
  }

  #drop(reason: DropReason, topic: string, issues: readonly ValidationIssue[]): IngestResult {
    this.#dropped++;
    this.#droppedByReason[reason] = (this.#droppedByReason[reason] ?? 0) + 1;
    const key = `${reason}|${issues[0]?.path ?? ''}`;
    if (this.#options.onFirstRejection !== undefined && !this.#loggedRejections.has(key)) {
      this.#loggedRejections.add(key);
      this.#options.onFirstRejection(reason, topic, issues);
    }
    return { ok: false, reason, issues };
  }
}
