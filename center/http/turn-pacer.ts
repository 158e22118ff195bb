/**
 * @module center/http/turn-pacer
 * Runs a job at the end of the event-loop turn it is asked for in, unless its last run leaves too
 * little time for the rest of the thread: after a run of D ms the next starts no sooner than
 * D × (1 − share) / share later, so the job takes at most `share` of the thread however often it is
 * asked for. The live feed is such a job: its cost per run (a stop board is recomputed from every bus
 * that reported since the last run) grows far slower than the number of updates it carries, so under
 * load fewer, larger runs leave the thread to ingest, and when idle a run still follows its update
 * within the turn. Durations are the thread's own time (`performance.now`), not the domain clock.
 */

/** Options of {@link TurnPacer}. */
export type TurnPacerOptions = {
  /** Most of the thread's time the job may take, in (0, 1]. */
  readonly share: number;
  /** Monotonic milliseconds. Default `performance.now`. */
  readonly now?: () => number;
};

/** Schedules a job per turn, at most `share` of the thread's time. */
export class TurnPacer {
  readonly #job: () => void;
  readonly #now: () => number;
  readonly #restFactor: number;
  #notBefore = -Infinity;
  #immediate: NodeJS.Immediate | null = null;
  #timer: NodeJS.Timeout | null = null;

  constructor(job: () => void, options: TurnPacerOptions) {
    if (!(options.share > 0 && options.share <= 1)) {
      throw new RangeError(`share must be in (0, 1], got ${options.share}`);
    }
    this.#job = job;
    this.#now = options.now ?? (() => performance.now());
    this.#restFactor = (1 - options.share) / options.share;
  }

  /** Ask for a run: at the end of this turn, or once the last run's rest is over. */
  request(): void {
    if (this.#immediate !== null || this.#timer !== null) return;
    const wait = this.#notBefore - this.#now();
    if (wait <= 0) this.#immediate = setImmediate(this.#run);
    else this.#timer = setTimeout(this.#run, Math.ceil(wait));
  }

  /** Drop a run asked for and not started. */
  cancel(): void {
    if (this.#immediate !== null) clearImmediate(this.#immediate);
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#immediate = null;
    this.#timer = null;
  }

  readonly #run = (): void => {
    this.#immediate = null;
    this.#timer = null;
    const start = this.#now();
    try {
      this.#job();
    } finally {
      const end = this.#now();
      this.#notBefore = end + (end - start) * this.#restFactor;
    }
  };
}
