/**
 * @module edge/node/signal-supervisor
 * Runs the region's intersections under one strategy: a control step per intersection, commands to its
 * controller link, alarms when a controller is lost (it then runs its own local plan, by its watchdog)
 * or reports a fault, and the periodic signal-state summary.
 */
import type { Scenario, UplinkItem } from '../../core/index.ts';
import type { DetectorSample, TspRequest, UnitState } from '../adaptive/index.ts';
import { createStrategy, IntersectionControl } from '../adaptive/index.ts';
import type { ControllerLink } from './controller-link.ts';
import type { BusOnRoad, LocatedRequest } from './tsp-locator.ts';
import { TspLocator } from './tsp-locator.ts';

type AlarmItem = Extract<UplinkItem, { type: 'alarm' }>;
type SignalStateItem = Extract<UplinkItem, { type: 'signal-state' }>;

/** Options of a {@link SignalSupervisor}. */
export type SignalSupervisorOptions = {
  readonly scenario: Scenario;
  readonly region: string;
  readonly strategy: string;
  readonly tsp: boolean;
  readonly controllers: ReadonlyMap<string, ControllerLink>;
};

/** The signal side of an edge node. */
export class SignalSupervisor {
  readonly controls: readonly IntersectionControl[];
  readonly #links: ReadonlyMap<string, ControllerLink>;
  readonly #locator: TspLocator;
  readonly #raised = new Set<string>();
  readonly #lastUnits = new Map<string, readonly UnitState[]>();
  #commandsSent = 0;

  constructor(options: SignalSupervisorOptions) {
    const { scenario, region } = options;
    const intersections = scenario.intersections.filter((x) => x.region === region);
    this.controls = intersections.map(
      (x) =>
        new IntersectionControl(
          x,
          scenario.network.movements,
          scenario.detectors,
          createStrategy(options.strategy, { tsp: options.tsp }),
        ),
    );
    this.#links = options.controllers;
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
      const step = control.step(nowMs, snapshot, samples, tsp.get(id) ?? []);
      this.#lastUnits.set(id, step.units);
      if (link !== undefined && step.commands.length > 0) {
        link.send(step.commands);
        this.#commandsSent += step.commands.length;
      }
    }
    return alarms;
  }

  /** Signal-state summaries of every intersection. */
  signalStates(): SignalStateItem[] {
    return this.controls.map((control) => {
      const id = control.intersection.id;
      const snapshot = this.#links.get(id)?.snapshot();
      const units = this.#lastUnits.get(id) ?? [];
      const lastSplitsS: Record<string, number> = {};
      for (const u of units)
        if (u.lastGreenS !== null) lastSplitsS[String(u.unit)] = Math.min(600, u.lastGreenS);
      const plan = control.intersection.plans.find((p) => p.id === snapshot?.planId);
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
      };
    });
  }

  #alarm(
    out: AlarmItem[],
    at: number,
    sourceId: string,
    code: string,
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
