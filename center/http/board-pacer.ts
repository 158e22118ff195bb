/**
 * @module center/http/board-pacer
 * Paces the live feed's `stop:<id>` boards. Every bus report touches the board of every stop of its
 * route, so with an edge's uplink sealing a batch every 50 ms (its prompt lane) each board was
 * recomputed and sent on every live-feed turn: 42 boards took about 15 frames a second each in the
 * GPS-to-board bench, nearly all of them showing nothing new. Two rules:
 *
 * - a recomputed board whose shown arrivals are those of its last frame (same buses, same reports,
 *   same texts: only the seconds-from-now moved on) is not sent unless `refreshMs` have passed;
 * - a board showing something new is sent at most once per `intervalMs`; asked for sooner, it waits
 *   until the interval is over and is then recomputed from the state of that moment, so the latest
 *   state always goes out however many asks were coalesced (the last ask is never lost). The interval
 *   runs from the last frame that showed something new: a change waits only when its board changed
 *   less than `intervalMs` before. The live feed's default interval is 0 (center/README, Performance):
 *   each change costs its board's recomputation, and a wait of up to the interval.
 *
 * Durations are the thread's own time (`performance.now`), not the domain clock, as in the turn pacer.
 */
import type { StopBoard } from '../../core/api/index.ts';

/** Options of {@link BoardPacer}. */
export type BoardPacerOptions = {
  /** Least time between two frames of one stop's board that show something new, ms; 0: none. */
  readonly intervalMs: number;
  /** A board unchanged but for its seconds-from-now is sent again only this long after its last frame, ms. */
  readonly refreshMs: number;
  /** Monotonic milliseconds. Default `performance.now`. */
  readonly now?: () => number;
};

/**
 * What a sign shows of a board, as one string: per route its status and text, and per arrival the
 * bus, its trip and the report it was predicted from, its time (or that it is due), stops away,
 * crowding and text. Not the seconds-from-now (`etaS`, `lowS`, `highS`), which move with the clock.
 */
export function shownKey(board: StopBoard): string {
  const parts: string[] = [];
  for (const r of board.routes) {
    parts.push(`${r.routeId}|${r.status}|${r.text.ko}|${r.text.en}`);
    for (const a of r.arrivals) {
      const eta = a.etaMs > board.generatedAt ? a.etaMs : 'due';
      parts.push(
        `${a.vehicleId},${a.tripId},${a.asOf},${eta},${a.stopsAway},${a.crowding},${a.source},${a.text.ko},${a.text.en}`,
      );
    }
  }
  return parts.join(';');
}

/** A stop's last frame: when, what it showed, and when what it showed last changed. */
type Sent = { readonly sentAt: number; readonly changedAt: number; readonly key: string };

/** Per stop: when its board may be recomputed, and whether a recomputed board is worth a frame. */
export class BoardPacer {
  readonly #onDue: (stopIds: string[]) => void;
  readonly #o: Required<BoardPacerOptions>;
  readonly #last = new Map<string, Sent>();
  /** Stops asked for inside their interval: recomputed when it ends. */
  readonly #waiting = new Set<string>();
  #timer: NodeJS.Timeout | null = null;
  #timerAt = Infinity;

  /** `onDue` gets the waiting stops whose interval is over, to recompute them then. */
  constructor(onDue: (stopIds: string[]) => void, options: BoardPacerOptions) {
    if (!(options.intervalMs >= 0) || !(options.refreshMs >= 0)) {
      throw new RangeError(`intervalMs and refreshMs must be >= 0`);
    }
    this.#onDue = onDue;
    this.#o = { now: () => performance.now(), ...options };
  }

  /**
   * Stops whose boards may have changed: returns those to recompute now (no frame within their
   * interval). The rest wait for their interval's end and go to `onDue` then.
   */
  take(stopIds: Iterable<string>): string[] {
    const now = this.#o.now();
    const out: string[] = [];
    for (const id of stopIds) {
      if (this.#waiting.has(id)) continue;
      const at = this.#dueAt(id);
      if (at <= now) out.push(id);
      else {
        this.#waiting.add(id);
        this.#arm(at);
      }
    }
    return out;
  }

  /** Whether to send a board just recomputed: it shows something new, or its refresh is due. */
  offer(stopId: string, board: StopBoard): boolean {
    const now = this.#o.now();
    const key = shownKey(board);
    const last = this.#last.get(stopId);
    if (last !== undefined && last.key === key && now - last.sentAt < this.#o.refreshMs) return false;
    const changedAt = last !== undefined && last.key === key ? last.changedAt : now;
    this.#last.set(stopId, { sentAt: now, changedAt, key });
    return true;
  }

  /** The refresh of unchanged boards, ms. */
  get refreshMs(): number {
    return this.#o.refreshMs;
  }

  /** Stops waiting for their interval's end. */
  get waiting(): number {
    return this.#waiting.size;
  }

  /** Drop every wait (the feed is closing). */
  cancel(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#timerAt = Infinity;
    this.#waiting.clear();
  }

  /**
   * When a stop's board may next be sent: the interval after its last frame that showed something new
   * (a refresh of an unchanged board does not hold the next change back).
   */
  #dueAt(stopId: string): number {
    return (this.#last.get(stopId)?.changedAt ?? -Infinity) + this.#o.intervalMs;
  }

  #arm(due: number): void {
    // On a grid of a quarter interval: boards falling due close together are recomputed in one turn
    // (each recomputation walks every bus on their routes), none before its interval is over.
    const quantum = Math.max(1, this.#o.intervalMs / 4);
    const at = Math.ceil(due / quantum) * quantum;
    if (this.#timer !== null && this.#timerAt <= at) return;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(this.#fire, Math.max(1, Math.ceil(at - this.#o.now())));
  }

  readonly #fire = (): void => {
    this.#timer = null;
    this.#timerAt = Infinity;
    const now = this.#o.now();
    const due: string[] = [];
    let next = Infinity;
    for (const id of this.#waiting) {
      const at = this.#dueAt(id);
      // A timer may fire a fraction of a millisecond early: then it is armed again for the rest.
      if (at <= now) due.push(id);
      else next = Math.min(next, at);
    }
    for (const id of due) this.#waiting.delete(id);
    if (next < Infinity) this.#arm(next);
    if (due.length > 0) this.#onDue(due);
  };
}
