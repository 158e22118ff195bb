/**
 * @module displays/web/shared/server-clock
 * The center's clock as seen from a page. The center may run scaled time (the demo at `--speed 4`,
 * the simulator), and a page hears its time only in the `at` of the frames it receives: on a quiet
 * channel (a timetable-only stop, a blank sign) that is one pong every 10 s. Keeping only the offset
 * made such a page's clock run at the browser's rate between frames and jump at each one (09:41:17,
 * :22, then :57 at x4). This clock also learns the rate from the frames, so it runs smoothly at the
 * center's pace and its periods can be set in the center's seconds. Plain data, no DOM.
 */

/** A frame's center time `atMs` heard at browser time `wallMs`. */
type Sample = { readonly atMs: number; readonly wallMs: number };

/** Samples closer together than this in browser time are too short to measure a rate over. */
const MIN_SPAN_MS = 2_000;
/** The rate is measured over roughly the last this much browser time, so a new speed shows soon. */
const WINDOW_MS = 30_000;

/** Estimates the center's clock (offset and rate) from the `at` of the frames a page receives. */
export class ServerClock {
  #anchor: Sample | null = null;
  #last: Sample | null = null;
  #rate = 1;

  /** Center ms per browser ms (1 until two frames far enough apart have been heard). */
  get rate(): number {
    return this.#rate;
  }

  /** Forget what was measured (a new connection may reach a center running at another speed). */
  reset(): void {
    this.#anchor = null;
  }

  /** A frame stamped `atMs` by the center arrived at browser time `wallMs`. */
  observe(atMs: number, wallMs: number): void {
    const anchor = this.#anchor;
    if (anchor === null || atMs < anchor.atMs) {
      // The first frame, or the center's clock went back (a restarted center): measure afresh.
      this.#anchor = { atMs, wallMs };
      this.#last = { atMs, wallMs };
      this.#rate = 1;
      return;
    }
    const spanMs = wallMs - anchor.wallMs;
    if (spanMs >= MIN_SPAN_MS) this.#rate = Math.max(0, (atMs - anchor.atMs) / spanMs);
    this.#last = { atMs, wallMs };
    // Slide the anchor up to the last frame once the window is full, keeping a span to measure over.
    if (spanMs > WINDOW_MS) this.#anchor = { atMs, wallMs };
  }

  /** The center's time at browser time `wallMs` (the browser's time before any frame). */
  now(wallMs: number): number {
    const last = this.#last;
    return last === null ? wallMs : last.atMs + (wallMs - last.wallMs) * this.#rate;
  }

  /** Browser ms that `centerMs` of the center's time take at the current rate (`centerMs` at rate 0). */
  wallMsFor(centerMs: number): number {
    return this.#rate > 0 ? centerMs / this.#rate : centerMs;
  }
}
