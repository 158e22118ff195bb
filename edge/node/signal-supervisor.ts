/**
 * @module edge/node/signal-supervisor
 * Runs the region's intersections under one strategy: a control step per intersection, commands to its
 * controller link, alarms when a controller is lost (it then runs its own local plan, by its watchdog)
 * or reports a fault, and the signal-state summaries (all periodically; with each unit's live timing,
 * those whose green changed, as it changes: signal-timing). The region's intersections share one
 * neighbour board (projected outflows, for schedule-driven control); other regions' are not seen.
 */
import type { EdgeAlarmCode, Scenario, UplinkItem } from '../../core/index.ts';
import type {
  CreateStrategyOptions,
  DetectorSample,
  SignalCommand,
  TspRequest,
  TspRule,
  UnitState,
} from '../adaptive/index.ts';
import {
  createStrategy,
  DEFAULT_TSP_OPTIONS,
  IntersectionControl,
  neighbourBoard,
  tspRuleOptions,
} from '../adaptive/index.ts';
import type { ControllerLink } from './controller-link.ts';
import { DetectorSignals } from './detector-signals.ts';
import { SignalTimingTracker } from './signal-timing.ts';
import { SwitchableStrategy } from './switchable-strategy.ts';
import type { BusOnRoad, LocatedRequest } from './tsp-locator.ts';
import { TspLocator } from './tsp-locator.ts';

type AlarmItem = Extract<UplinkItem, { type: 'alarm' }>;
type SignalStateItem = Extract<UplinkItem, { type: 'signal-state' }>;

/**
 * How late a bus must be for transit priority, s, unless an edge is told otherwise (`its edge
 * --tsp-min-late`): its schedule deviation, or on a headway-based trip its headway lateness
 * (edge/bus-tracking). 0 = conditional priority for every bus at or behind its schedule or headway
 * (a bus whose lateness is unknown counts as 0); a bus running ahead, e.g. bunched close behind the
 * one before it, gets none. Chosen by measurement on the demo city (ARCHITECTURE.md "Transit
 * priority for late buses"); the evaluation runs the same rule (bench/evaluation `priorityRun`).
 */
export const DEFAULT_TSP_MIN_LATE_S = DEFAULT_TSP_OPTIONS.minLateS;

/** Options of a {@link SignalSupervisor}. */
export type SignalSupervisorOptions = {
  readonly scenario: Scenario;
  readonly region: string;
  readonly strategy: string;
  readonly tsp: boolean;
  /**
   * With `tsp`: only buses at least this late get priority, s (-Infinity: every approaching bus), or
   * a tiered rule (extension for every bus, early green from its `minLateS`). Default {@link DEFAULT_TSP_MIN_LATE_S}.
   */
  readonly tspRule?: TspRule;
  readonly controllers: ReadonlyMap<string, ControllerLink>;
  /** Times each intersection's control step (the edge's metrics); absent = not timed. */
  readonly stepTimer?: StepTimer;
};

/**
 * Times control steps: `nowMs` is a monotonic clock of real time (a step's cost is not simulation
 * time; live, `performance.now`), `observe` gets each intersection's step with its strategy's name.
 */
export type StepTimer = {
  readonly nowMs: () => number;
  readonly observe: (strategy: string, durationMs: number) => void;
};

/** The signal side of an edge node. */
export class SignalSupervisor {
  readonly controls: readonly IntersectionControl[];
  readonly #links: ReadonlyMap<string, ControllerLink>;
  readonly #stepTimer: StepTimer | undefined;
  readonly #locator: TspLocator;
  readonly #raised = new Set<string>();
  readonly #lastUnits = new Map<string, readonly UnitState[]>();
  readonly #slots = new Map<string, SwitchableStrategy>();
  readonly #strategyOptions: CreateStrategyOptions;
  readonly #timing = new SignalTimingTracker();
  /** Intersections whose set of green units changed since their last summary. */
  readonly #changed = new Set<string>();
  /** The detectors' view of the region's signals (stop-line link speeds, health tests). */
  readonly detectorSignals: DetectorSignals;
  #lastStepMs = 0;
  #commandsSent = 0;

  constructor(options: SignalSupervisorOptions) {
    const { scenario, region } = options;
    this.#strategyOptions = {
      tsp: options.tsp && tspRuleOptions(options.tspRule ?? DEFAULT_TSP_MIN_LATE_S),
      scheduleDriven: { neighbours: neighbourBoard(scenario, region) },
    };
    const intersections = scenario.intersections.filter((x) => x.region === region);
    this.controls = intersections.map((x) => {
      const slot = new SwitchableStrategy(createStrategy(options.strategy, this.#strategyOptions));
      this.#slots.set(x.id, slot);
      return new IntersectionControl(x, scenario.network.movements, scenario.detectors, slot);
    });
    this.#links = options.controllers;
    this.#stepTimer = options.stepTimer;
    this.detectorSignals = new DetectorSignals(
      this.controls,
      this.#timing,
      (id) => this.#links.get(id)?.snapshot().online === true,
    );
    this.#locator = new TspLocator(
      scenario.network,
      scenario.transit,
      intersections,
      new Map(this.controls.map((c) => [c.intersection.id, c.units])),
    );
  }

  /** Commands sent so far. */
  get commandsSent(): number {
    return this.#commandsSent;
  }

  /** The control loop of one intersection of the region, if it is one. */
  control(intersectionId: string): IntersectionControl | undefined {
    return this.controls.find((c) => c.intersection.id === intersectionId);
  }

  /**
   * Run one intersection under another strategy from its next step on (transit priority as the rest
   * of the region). Throws ConfigError for an unknown strategy name, RangeError for a foreign id.
   */
  switchStrategy(intersectionId: string, strategy: string): void {
    const slot = this.#slots.get(intersectionId);
    if (slot === undefined) throw new RangeError(`intersection ${intersectionId} is not in this region`);
    slot.replace(createStrategy(strategy, this.#strategyOptions));
  }

  /** The controller link of one intersection, if connected at all. */
  link(intersectionId: string): ControllerLink | undefined {
    return this.#links.get(intersectionId);
  }

  /** Send commands to one intersection's controller (counted with the strategies' commands). */
  sendTo(intersectionId: string, commands: readonly SignalCommand[]): void {
    const link = this.#links.get(intersectionId);
    if (link === undefined || commands.length === 0) return;
    link.send(commands);
    this.#commandsSent += commands.length;
  }

  /** Where a bus's TSP request goes, if anywhere. */
  locateBus(bus: BusOnRoad): LocatedRequest | null {
    return this.#locator.locate(bus);
  }

  /** One control step of every intersection; returns alarms raised or cleared. */
  step(
    nowMs: number,
    samples: ReadonlyMap<string, DetectorSample>,
    tsp: ReadonlyMap<string, readonly TspRequest[]>,
  ): AlarmItem[] {
    const alarms: AlarmItem[] = [];
    for (const control of this.controls) {
      const id = control.intersection.id;
      const link = this.#links.get(id);
      const snapshot = link?.snapshot() ?? {
        online: false,
        mode: 'off',
        planId: null,
        cycleSecond: null,
        activeUnits: [],
      };
      this.#alarm(
        alarms,
        nowMs,
        id,
        'controller-lost',
        !snapshot.online,
        'major',
        `controller ${id} unreachable; it runs its local plan`,
      );
      const fault = link?.fault() ?? null;
      this.#alarm(
        alarms,
        nowMs,
        id,
        'controller-fault',
        fault !== null,
        'critical',
        `controller ${id} fault: ${fault ?? ''}`,
      );
      const startedMs = this.#stepTimer?.nowMs();
      const step = control.step(nowMs, snapshot, samples, tsp.get(id) ?? []);
      if (startedMs !== undefined)
        this.#stepTimer?.observe(control.strategyName, this.#stepTimer.nowMs() - startedMs);
      this.#lastUnits.set(id, step.units);
      if (this.#timing.observe(id, step.units)) this.#changed.add(id);
      if (link !== undefined && step.commands.length > 0) {
        link.send(step.commands);
        this.#commandsSent += step.commands.length;
      }
    }
    this.#lastStepMs = nowMs;
    return alarms;
  }

  /** Signal-state summaries of every intersection, with each unit's live timing. */
  signalStates(): SignalStateItem[] {
    this.#changed.clear();
    return this.controls.map((control) => this.#summary(control));
  }

  /** Summaries of the intersections whose set of green units changed since their last summary. */
  changedSignalStates(): SignalStateItem[] {
    if (this.#changed.size === 0) return [];
    const out = this.controls
      .filter((c) => this.#changed.has(c.intersection.id))
      .map((c) => this.#summary(c));
    this.#changed.clear();
    return out;
  }

  #summary(control: IntersectionControl): SignalStateItem {
    const id = control.intersection.id;
    const snapshot = this.#links.get(id)?.snapshot();
    const units = this.#lastUnits.get(id) ?? [];
    const lastSplitsS: Record<string, number> = {};
    for (const u of units)
      if (u.lastGreenS !== null) lastSplitsS[String(u.unit)] = Math.min(600, u.lastGreenS);
    const plan = control.intersection.plans.find((p) => p.id === snapshot?.planId);
    const timing = this.#timing.timing(id, this.#lastStepMs);
    return {
      type: 'signal-state',
      intersectionId: id,
      mode: snapshot?.mode ?? 'off',
      strategy: control.strategyName,
      planId: snapshot?.planId ?? null,
      cycleS: plan?.cycleS ?? null,
      lastSplitsS,
      greenGroups: (snapshot?.activeUnits ?? []).filter((u): u is number => typeof u === 'number'),
      fault: this.#links.get(id)?.fault() ?? null,
      online: snapshot?.online ?? false,
      ...(timing === null ? {} : { timing }),
    };
  }

  #alarm(
    out: AlarmItem[],
    at: number,
    sourceId: string,
    code: EdgeAlarmCode,
    active: boolean,
    severity: AlarmItem['severity'],
    message: string,
  ): void {
    const alarmId = `${code}-${sourceId}`;
    if (active === this.#raised.has(alarmId)) return;
    if (active) this.#raised.add(alarmId);
    else this.#raised.delete(alarmId);
    out.push({
      type: 'alarm',
      alarmId,
      state: active ? 'raised' : 'cleared',
      severity,
      sourceId,
      code,
      message: active ? message.slice(0, 500) : `${code} cleared`,
      at,
    });
  }
}
