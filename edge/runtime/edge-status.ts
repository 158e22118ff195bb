/**
 * @module edge/runtime/edge-status
 * The edge's presence on the field broker: the core `status` message it publishes retained when its
 * field session connects (`online`, reason `startup`) and leaves as its last will (`offline`,
 * `last-will`), numbered by a sequence of its own.
 */
import { newId, type Clock } from '../../core/index.ts';

/** Builds the edge's status messages. */
export class EdgeStatusMessages {
  readonly #edgeId: string;
  readonly #clock: Clock;
  #seq = 0;
  #resetToAnnounce: boolean;

  /**
   * @param sequenceStartsAfresh whether the uplink store's sequence really starts from 1: the uplink
   *   sequence continues across restarts (it is on disk), so only then does the first `online` status
   *   announce a reset. Never the last will, which the broker publishes after this process is gone,
   *   when the center would take it to mean that the batches before the next one are missing.
   */
  constructor(edgeId: string, clock: Clock, sequenceStartsAfresh: boolean) {
    this.#edgeId = edgeId;
    this.#clock = clock;
    this.#resetToAnnounce = sequenceStartsAfresh;
  }

  /** The next status message, JSON. */
  next(online: boolean, reason: string): string {
    const seqReset = online && this.#resetToAnnounce;
    if (online) this.#resetToAnnounce = false;
    return JSON.stringify({
      kind: 'status',
      id: newId(this.#clock.now()),
      deviceId: this.#edgeId,
      seq: this.#seq++,
      ts: this.#clock.now(),
      deviceKind: 'edge',
      online,
      reason,
      seqReset,
      firmware: null,
    });
  }
}
