/**
 * @module controllers/firmware/controller
 * One intersection's signal controller: sequencer, cycle timer, plans and schedule, detectors,
 * external commands, watchdog and the independent conflict monitor behind one facade. Pure: time
 * comes only from `step(nowMs)`, and a step allocates nothing, so the simulator can run many
 * intersections for days of virtual time and the live process can run the same code on wall time.
 */
import type { ControllerMode, Intersection, SignalPlan } from '../../core/index.ts';
import { NotFoundError } from '../../core/index.ts';
import type { TimingField } from './programming.ts';
import { PlanBook } from './programming.ts';
import { compatibilityOf } from './compatibility.ts';
import { CycleTimer } from './cycle-timer.ts';
import { buildLayout, type Layout } from './layout.ts';
import { ConflictMonitor } from './monitor.ts';
import type { ControllerEvent, ControllerOptions, ResolvedControllerOptions } from './options.ts';
import { resolveControllerOptions } from './options.ts';
import type { SignalColor, SignalGroupState } from './outputs.ts';
import { Displays } from './displays.ts';
import type { CompiledPlan } from './plan.ts';
import { unitCount } from './plan.ts';
import { RingSequencer } from './ring-sequencer.ts';
import { PlanSchedule } from './schedule.ts';
import type { Sequencer, StepContext } from './sequencer.ts';
import { BEHAVIOUR, timesCycle, type LocalMode } from './modes.ts';
import * as sequencer from './sequencer.ts';
// Hot path: bind once, not through a module getter on every use.
const { EXTERNAL, GREEN } = sequencer;
import { StageSequencer } from './stage-sequencer.ts';
import { Watchdog } from './watchdog.ts';
import { ControllerCommands } from './commands.ts';

/** A running signal controller of one intersection. */
export class SignalController extends ControllerCommands {
  readonly intersectionId: string;
  readonly layout: Layout;
  readonly #options: ResolvedControllerOptions;
  readonly #book: PlanBook;
  readonly #schedule: PlanSchedule;
  readonly #seq: Sequencer;
  readonly #monitor: ConflictMonitor;
  readonly #watchdog: Watchdog;
  readonly #ctx: StepContext;
  readonly #displays: Displays;
  readonly #occupied: Uint8Array;
  readonly #presence: Uint8Array;
  #localMode: LocalMode;
  #mode: ControllerMode;
  #nowMs = Number.NaN;
  #minute = -1;
  #scheduledPlanId = '';

  constructor(intersection: Intersection, options: ControllerOptions = {}) {
    const layout = buildLayout(intersection);
    const n = layout.groups.length;
    const units = unitCount(layout);
    const commands = {
      hold: new Uint8Array(units),
      forceOff: new Uint8Array(units),
      omit: new Uint8Array(units),
      call: new Uint8Array(units),
    };
    super(layout, commands);
    this.intersectionId = intersection.id;
    this.layout = layout;
    this.#options = resolveControllerOptions(options);
    this.#book = new PlanBook(intersection, layout);
    this.#schedule = new PlanSchedule(intersection, this.#options.utcOffsetMs);
    this.#seq =
      this.#options.sequencerFactory?.(layout) ??
      (layout.kind === 'nema' ? new RingSequencer(layout) : new StageSequencer(layout));
    this.#monitor = new ConflictMonitor(compatibilityOf(intersection));
    this.#watchdog = new Watchdog(this.#options.watchdogTimeoutMs);
    this.#localMode = intersection.mode;
    this.#mode = intersection.mode;
    this.#ctx = {
      layout,
      behaviour: BEHAVIOUR[intersection.mode],
      plan: this.#book.get(intersection.defaultPlanId) as CompiledPlan,
      timer: new CycleTimer(this.#options.transitionAdjust, this.#options.utcOffsetMs),
      calls: { call: new Uint8Array(n), presence: new Uint8Array(n), lastActuationMs: new Float64Array(n) },
      commands,
    };
    this.#displays = new Displays(layout, this.#seq);
    this.#occupied = new Uint8Array(layout.detectorGroups.length);
    this.#presence = this.#ctx.calls.presence;
  }

  /** Current mode: the local mode, `external`, or `flash` after a monitor trip. */
  get mode(): ControllerMode {
    return this.#mode;
  }

  /** The mode the controller returns to when external control ends. */
  get localMode(): LocalMode {
    return this.#localMode;
  }

  get planId(): string {
    return this.#ctx.plan.id;
  }

  /** Seconds into the current cycle, or null when no cycle is timed (free, external, flash). */
  get cycleSecond(): number | null {
    return timesCycle(this.#ctx.behaviour) && this.#mode !== 'flash'
      ? this.#ctx.timer.positionMs / 1000
      : null;
  }

  /** The latched conflict-monitor fault, or null. */
  get fault(): string | null {
    return this.#monitor.fault;
  }

  /** Time of the last step, epoch ms (NaN before the first). */
  get nowMs(): number {
    return this.#nowMs;
  }

  /** Ids of the plans this controller knows. */
  get planIds(): readonly string[] {
    return this.#book.ids();
  }

  /** Advance to `nowMs` (epoch ms of the simulator's or the wall clock). Going backwards is ignored. */
  step(nowMs: number): void {
    if (Number.isNaN(this.#nowMs)) this.#start(nowMs);
    const dt = nowMs - this.#nowMs;
    if (!(dt >= 0)) return;
    this.#nowMs = nowMs;
    this.#ctx.timer.advance(dt, nowMs);
    if (this.#mode === 'flash') return;
    if (this.#mode === 'external' && this.#watchdog.expired(nowMs)) {
      this.#backToLocal('watchdog', `no heartbeat for ${this.#watchdog.timeoutMs / 1000} s`);
    }
    const minute = this.#schedule.minuteOf(nowMs);
    if (minute !== this.#minute) {
      this.#minute = minute;
      const scheduled = this.#schedule.planAt(minute);
      // Only a change of the scheduled plan overrides a plan chosen by hand (NTCIP 1202 TOD action).
      if (scheduled !== this.#scheduledPlanId) {
        this.#scheduledPlanId = scheduled;
        if (this.#mode !== 'external') this.#applyPlan(scheduled, 'schedule');
      }
    }
    const seq = this.#seq;
    const calls = this.#ctx.calls;
    // A loop on a lane shared by several groups (a through and a turn from one lane) extends a green
    // group only while every group it serves is green: with one of them red, the vehicle over it may
    // be waiting for that red movement, so it calls the red group and extends nothing (otherwise a
    // through queue standing on the loop would hold a protected turn's stage to its maximum).
    const detectorGroups = this.layout.detectorGroups;
    for (let d = 0; d < this.#occupied.length; d++) {
      if (this.#occupied[d] === 0) continue;
      const groups = detectorGroups[d];
      if (groups === undefined) continue;
      let allGreen = true;
      for (let k = 0; k < groups.length; k++) if (seq.color[groups[k] ?? 0] !== GREEN) allGreen = false;
      for (let k = 0; k < groups.length; k++) {
        const g = groups[k] ?? 0;
        if (seq.color[g] !== GREEN) calls.call[g] = 1;
        else if (allGreen) calls.lastActuationMs[g] = nowMs;
      }
    }
    seq.step(nowMs, this.#ctx);
    const fault = this.#monitor.check(nowMs, seq.color, seq.ped);
    if (fault !== null) {
      this.#mode = 'flash';
      this.#emit('fault', fault);
    }
  }

  #start(nowMs: number): void {
    this.#nowMs = nowMs;
    this.#ctx.timer.setPlan(this.#ctx.plan.cycleMs, this.#ctx.plan.offsetMs, 0);
    this.#ctx.timer.sync(nowMs);
    this.#minute = this.#schedule.minuteOf(nowMs);
    this.#scheduledPlanId = this.#schedule.planAt(this.#minute);
    this.#applyPlan(this.#scheduledPlanId, 'schedule');
    this.#ctx.timer.sync(nowMs);
    this.#seq.restart(nowMs, this.#options.startupAllRedMs);
    this.#monitor.reset();
  }

  /** Set a detector's presence; false when the detector is not wired to this controller. */
  setDetector(detectorId: string, occupied: boolean): boolean {
    const d = this.layout.detectorIndex.get(detectorId);
    if (d === undefined) return false;
    const v = occupied ? 1 : 0;
    if (this.#occupied[d] === v) return true;
    this.#occupied[d] = v;
    for (const g of this.layout.detectorGroups[d] ?? [])
      this.#presence[g] = (this.#presence[g] ?? 0) + (v ? 1 : -1);
    return true;
  }

  /** Whether a detector reports presence now (false for unknown detectors). */
  detectorOccupied(detectorId: string): boolean {
    const d = this.layout.detectorIndex.get(detectorId);
    return d !== undefined && this.#occupied[d] === 1;
  }

  /** The letter of a movement (`G`, `g`, `y`, `r`); `r` for movements no group serves, and in flash. */
  movementState(movementId: string): SignalColor {
    return this.#displays.movementState(movementId, this.#mode === 'flash');
  }

  /** Whether some signal group serves the movement. */
  controlsMovement(movementId: string): boolean {
    return this.#displays.controls(movementId);
  }

  /** Every group's state, updated in place (the array and its objects are reused: copy to keep). */
  signalGroupStates(): readonly SignalGroupState[] {
    return this.#displays.states(this.#nowMs, this.#ctx, this.#mode === 'flash');
  }

  /** Units (phase numbers or stage ids) now timing green. */
  activeUnits(): (number | string)[] {
    if (this.#mode === 'flash') return [];
    return this.#seq.activeUnits([]).map((u) => this.unitKey(u));
  }

  /**
   * Switch plan now; the change is smooth (minimums kept, offset sought over a few cycles). Under
   * local control the plan holds until the schedule's next change; under external control it counts
   * as a heartbeat and holds until the watchdog returns the controller to local control.
   */
  setPlan(planId: string): void {
    if (this.#book.get(planId) === undefined) throw new NotFoundError('plan', planId);
    if (this.#mode === 'external') this.#watchdog.feed(this.#nowMs);
    this.#applyPlan(planId, 'command');
  }

  /** Change the local mode, or enter external control. */
  setMode(mode: LocalMode | 'external'): void {
    if (this.#mode === 'flash') return;
    if (mode === 'external') {
      this.heartbeat();
      return;
    }
    this.#localMode = mode;
    this.#backToLocal('mode', `mode ${mode}`);
  }

  /** Record a heartbeat of the external (adaptive) layer; enters external mode. */
  override heartbeat(): void {
    const now = Number.isNaN(this.#nowMs) ? 0 : this.#nowMs;
    this.#watchdog.feed(now);
    if (this.#mode !== 'external' && this.#mode !== 'flash') {
      this.#mode = 'external';
      this.#ctx.behaviour = EXTERNAL;
      this.#emit('mode', 'external');
    }
  }

  /** Clear a latched fault and restart from all-red in the local mode. False when none was latched. */
  resetFault(): boolean {
    if (this.#mode !== 'flash') return false;
    this.#monitor.reset();
    this.clearCommands();
    this.#mode = this.#localMode;
    this.#ctx.behaviour = BEHAVIOUR[this.#localMode];
    this.#seq.restart(this.#nowMs, this.#options.startupAllRedMs);
    this.#emit('fault-reset', 'fault reset');
    return true;
  }

  /** A signal group's timing field, seconds. */
  groupTiming(group: number, field: TimingField): number {
    return this.#book.timing(group, field);
  }

  /**
   * Change a signal group's timing. Refused, changing nothing, when out of its safe range
   * (ValidationError) or when a plan would no longer fit (UnsafeCommandError).
   */
  setGroupTiming(group: number, field: TimingField, seconds: number): void {
    const { index, def } = this.#book.retime(group, field, seconds);
    const { minGreenMs, yellowMs, redClearMs, pedClearMs } = def;
    this.#monitor.reprogram(index, { minGreenMs, yellowMs, redClearMs, pedClearMs });
    this.#ctx.plan = this.#book.get(this.#ctx.plan.id) ?? this.#ctx.plan;
    this.#seq.replan(this.#nowMs, this.#ctx);
  }

  /** Add or replace a timing plan; refused (UnsafeCommandError) when it does not compile. */
  loadPlan(plan: SignalPlan): void {
    const compiled = this.#book.load(plan);
    if (this.#ctx.plan.id === plan.id) {
      this.#ctx.plan = compiled;
      this.#seq.replan(this.#nowMs, this.#ctx);
    }
  }

  #backToLocal(type: 'watchdog' | 'mode', detail: string): void {
    this.clearCommands();
    this.#mode = this.#localMode;
    this.#ctx.behaviour = BEHAVIOUR[this.#localMode];
    this.#emit(type, detail);
    this.#applyPlan(this.#schedule.planAt(this.#schedule.minuteOf(this.#nowMs)), type);
  }

  #applyPlan(planId: string, why: string): void {
    const plan = this.#book.get(planId);
    if (plan === undefined || plan === this.#ctx.plan) return;
    const anchor = this.#seq.anchor(this.#nowMs);
    const timer = this.#ctx.timer;
    const position =
      anchor !== null && plan.inPlan[anchor.unit] === 1
        ? (plan.startMs[anchor.unit] ?? 0) + Math.min(anchor.greenMs, plan.windowMs[anchor.unit] ?? 0)
        : timer.targetMs(this.#nowMs);
    this.#ctx.plan = plan;
    timer.setPlan(plan.cycleMs, plan.offsetMs, position);
    this.#seq.replan(this.#nowMs, this.#ctx);
    this.#emit('plan', `${planId} (${why})`);
  }

  #emit(type: ControllerEvent['type'], detail: string): void {
    this.#options.onEvent?.({ intersectionId: this.intersectionId, atMs: this.#nowMs, type, detail });
  }
}

/** Create the controller of one intersection; throws ConfigError for plans that are unsafe. */
export function createController(intersection: Intersection, options?: ControllerOptions): SignalController {
  return new SignalController(intersection, options);
}
