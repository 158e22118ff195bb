/**
 * @module edge/adaptive/command-planner
 * Turns a strategy's decision into the few controller commands that change something, plus a
 * heartbeat so the controller's watchdog keeps external control (and reverts to its local plan by
 * itself when the edge falls silent). Force-offs are sent once per green; calls once until served.
 */
import type { ControlDecision, ControllerSnapshot, SignalCommand } from './types.ts';

/** Tracks what was commanded so only changes are sent. */
export class CommandPlanner {
  readonly #held = new Set<string>();
  readonly #omitted = new Set<string>();
  readonly #forcedOff = new Set<string>();
  readonly #called = new Set<string>();
  #local: string | null = null;

  /** Commands for this step. */
  plan(decision: ControlDecision, controller: ControllerSnapshot): SignalCommand[] {
    const out: SignalCommand[] = [];
    const active = new Set(controller.activeUnits.map(String));
    if (decision.kind === 'local') {
      for (const unit of this.#held) out.push({ type: 'hold', unit: unitOf(unit), on: false });
      for (const unit of this.#omitted) out.push({ type: 'omit', unit: unitOf(unit), on: false });
      this.#held.clear();
      this.#omitted.clear();
      this.#forcedOff.clear();
      this.#called.clear();
      const wanted = `${decision.mode}|${decision.planId ?? ''}`;
      if (this.#local !== wanted || controller.mode === 'external') {
        out.push({ type: 'set-mode', mode: decision.mode });
        if (decision.planId !== undefined && decision.planId !== controller.planId) {
          out.push({ type: 'set-plan', planId: decision.planId });
        }
        this.#local = wanted;
      }
      return out;
    }
    this.#local = null;
    for (const d of decision.directives) {
      const key = String(d.unit);
      if (!active.has(key)) this.#forcedOff.delete(key);
      else this.#called.delete(key);
      if (d.omit !== this.#omitted.has(key)) {
        out.push({ type: 'omit', unit: d.unit, on: d.omit });
        if (d.omit) this.#omitted.add(key);
        else this.#omitted.delete(key);
      }
      const hold = d.hold && active.has(key);
      if (hold !== this.#held.has(key)) {
        out.push({ type: 'hold', unit: d.unit, on: hold });
        if (hold) this.#held.add(key);
        else this.#held.delete(key);
      }
      if (d.forceOff && active.has(key) && !this.#forcedOff.has(key)) {
        out.push({ type: 'force-off', unit: d.unit });
        this.#forcedOff.add(key);
      }
      if (d.call && !active.has(key) && !this.#called.has(key)) {
        out.push({ type: 'call', unit: d.unit });
        this.#called.add(key);
      }
    }
    if (out.length === 0 || controller.mode !== 'external') out.push({ type: 'heartbeat' });
    return out;
  }

  /** Forget what was sent (after a controller reconnect or restart). */
  reset(): void {
    this.#held.clear();
    this.#omitted.clear();
    this.#forcedOff.clear();
    this.#called.clear();
    this.#local = null;
  }
}

function unitOf(key: string): number | string {
  return /^\d+$/.test(key) ? Number(key) : key;
}
