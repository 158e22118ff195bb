/**
 * @module controllers/runtime/runtime
 * Runs controllers on a {@link Clock}: steps every controller every `stepMs` and hands a SPaT message
 * per intersection to `publish` every `spatEveryMs` (10 Hz by default, as J2735 SPaT broadcasts).
 * The same firmware the simulator steps on virtual time runs here on the wall clock.
 */
import type { Clock, Spat, TimerHandle } from '../../core/index.ts';
import { newId } from '../../core/index.ts';
import type { SignalController } from '../firmware/index.ts';
import { spatOf } from './spat.ts';

/** Options of {@link ControllerRuntime}. */
export type ControllerRuntimeOptions = {
  /** Step period, ms. Default 100. */
  readonly stepMs?: number;
  /** SPaT period, ms. Default 100 (10 Hz). */
  readonly spatEveryMs?: number;
  /** Where SPaT messages go (an MQTT publisher in the live process). */
  readonly publish?: (spat: Spat) => void;
};

/** Steps controllers and publishes their SPaT. */
export class ControllerRuntime {
  readonly controllers: readonly SignalController[];
  readonly #clock: Clock;
  readonly #stepMs: number;
  readonly #spatEveryMs: number;
  readonly #publish: ((spat: Spat) => void) | null;
  readonly #seq: number[];
  #timer: TimerHandle | null = null;
  #lastSpatMs = -Infinity;

  constructor(
    controllers: readonly SignalController[],
    clock: Clock,
    options: ControllerRuntimeOptions = {},
  ) {
    this.controllers = controllers;
    this.#clock = clock;
    this.#stepMs = options.stepMs ?? 100;
    this.#spatEveryMs = options.spatEveryMs ?? 100;
    this.#publish = options.publish ?? null;
    this.#seq = controllers.map(() => 0);
  }

  /** Step once now (and publish SPaT when due). */
  tick(): void {
    const now = this.#clock.now();
    for (const c of this.controllers) c.step(now);
    if (this.#publish === null || now - this.#lastSpatMs < this.#spatEveryMs) return;
    this.#lastSpatMs = now;
    this.controllers.forEach((c, i) => {
      const seq = this.#seq[i] ?? 0;
      this.#seq[i] = seq + 1;
      this.#publish?.(spatOf(c, { id: newId(now), seq, ts: now }));
    });
  }

  start(): void {
    if (this.#timer !== null) return;
    this.tick();
    this.#timer = this.#clock.setInterval(() => this.tick(), this.#stepMs);
  }

  stop(): void {
    if (this.#timer !== null) this.#clock.clear(this.#timer);
    this.#timer = null;
  }
}
