/**
 * @module edge/runtime/field-inbox
 * What happens to one field message between the MQTT socket and its PUBACK: validated once by the
 * node's parse step (topic, schema, device binding, duplicates, replay guard), an invalid one counted
 * by reason and dropped without touching the disk, a valid QoS 1 one journaled (so a crash after the
 * PUBACK loses nothing), then applied. A flood of garbage therefore costs no disk write. Each valid
 * message's sequence verdict goes to the gap alarms, which report settled loss upward, and its device
 * time, once applied, to the session backlog, which tells when what the broker held has drained.
 */
import { ACTUATION_DETAIL, parseTopic, TOPIC_POLICY, type Clock } from '../../core/index.ts';
import type { GapAlarms, SessionBacklog } from '../ingest/index.ts';
import type { EdgeNode } from '../node/index.ts';

/** Whether a field topic carries QoS 1 messages worth journaling before the acknowledgement. */
export function journaled(topic: string): boolean {
  const t = parseTopic(topic);
  if (t === null) return false;
  if (t.kind === 'det' && t.detail[0] === ACTUATION_DETAIL) return false;
  return TOPIC_POLICY[t.kind].qos === 1;
}

/** Where valid QoS 1 messages are written before their acknowledgement (the SQLite uplink store). */
export type InboxJournal = { journal(topic: string, payload: Buffer, receivedAtMs: number): unknown };

/** The node's two steps, as the inbox uses them. */
export type InboxNode = Pick<EdgeNode, 'accept' | 'handleMessage'>;

/** Where sequence verdicts go (edge/ingest `GapAlarms`). */
export type InboxGaps = Pick<GapAlarms, 'observe'>;

/** Where device times of applied messages go (edge/ingest `SessionBacklog`). */
export type InboxBacklog = Pick<SessionBacklog, 'observe'>;

/** Validate, journal if worth it, apply. */
export class FieldInbox {
  readonly #node: InboxNode;
  readonly #journal: InboxJournal;
  readonly #clock: Clock;
  readonly #gaps: InboxGaps | null;
  readonly #backlog: InboxBacklog | null;
  #journaled = 0;

  constructor(
    node: InboxNode,
    journal: InboxJournal,
    clock: Clock,
    gaps: InboxGaps | null = null,
    backlog: InboxBacklog | null = null,
  ) {
    this.#node = node;
    this.#journal = journal;
    this.#clock = clock;
    this.#gaps = gaps;
    this.#backlog = backlog;
  }

  /** Messages written to the journal so far. */
  get journaledCount(): number {
    return this.#journaled;
  }

  /** Handle one message; returns whether it was valid. Throws only if the journal write fails. */
  receive(topic: string, payload: Buffer): boolean {
    const r = this.#node.accept(topic, payload);
    if (!r.ok) return false;
    if (journaled(topic)) {
      this.#journal.journal(topic, payload, this.#clock.now());
      this.#journaled++;
    }
    this.#gaps?.observe(r.message.deviceId, r.sequence, this.#clock.now());
    this.#node.handleMessage(r.message);
    // After the journal write and the apply, so the time they took is not taken for a pause in the backlog.
    this.#backlog?.observe(r.message.ts);
    return true;
  }
}
