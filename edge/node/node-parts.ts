/**
 * @module edge/node/node-parts
 * The parts an `EdgeNode` (./edge-node.ts) is made of, built from its options and wired to each
 * other: ingest (validation once, by reason), the detector processor, the bus side (tracking and
 * priority requests), the signal supervisor (a control step per intersection) and the operator
 * commands. The bus side locates buses on the supervisor's approaches, and the detector processor
 * reads the stop-line timing of the supervisor's signals, so those two ask it when called.
 */
import { tspRuleOptions } from '../adaptive/index.ts';
import { DetectorProcessor } from '../detectors/index.ts';
import { Ingest } from '../ingest/index.ts';
import { BusSide } from './bus-side.ts';
import type { EdgeNodeOptions } from './edge-node-options.ts';
import { OperatorCommands } from './operator-commands.ts';
import { DEFAULT_TSP_MIN_LATE_S, SignalSupervisor } from './signal-supervisor.ts';

/** The parts of one region's node. */
export type NodeParts = {
  readonly ingest: Ingest;
  readonly detectors: DetectorProcessor;
  readonly buses: BusSide;
  readonly signals: SignalSupervisor;
  readonly operator: OperatorCommands;
};

/** Build the node's parts (the region is checked by the caller). */
export function composeNodeParts(options: EdgeNodeOptions): NodeParts {
  const { scenario, region, clock } = options;
  const log = options.log;
  const tsp = options.tsp ?? false;
  const tspRule = options.tspRule ?? DEFAULT_TSP_MIN_LATE_S;
  const buses = new BusSide({
    scenario,
    region,
    tsp,
    tspMinLateS: tspRuleOptions(tspRule).minLateS,
    locate: (bus) => signals.locateBus(bus),
    ...(options.busProgressPeriodMs === undefined ? {} : { progressPeriodMs: options.busProgressPeriodMs }),
  });
  const ingest = new Ingest({
    region,
    visitingBusRegions: buses.visitingRegions,
    clock,
    ...(options.guard === undefined ? {} : { guard: options.guard }),
    ...(log === undefined
      ? {}
      : {
          onFirstRejection: (reason, topic, issues) =>
            log(`dropped ${reason} on ${topic}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`),
        }),
  });
  const detectors = new DetectorProcessor({
    clock,
    detectors: scenario.detectors.filter((d) => d.region === region),
    links: scenario.network.links,
    ...(options.replayFromMs === undefined ? {} : { acceptFromMs: options.replayFromMs - 60_000 }),
    ...(options.holdIntervals === undefined ? {} : { holdIntervals: options.holdIntervals }),
    ...(options.detectorGraceMs === undefined ? {} : { graceMs: options.detectorGraceMs }),
    ...(options.lastClosedIntervalMs === undefined ? {} : { lastClosedMs: options.lastClosedIntervalMs }),
    stopLineTiming: (detectorId) => signals.detectorSignals.stopLineTiming(detectorId),
    unitOf: (detectorId) => signals.detectorSignals.unitOf(detectorId),
  });
  const signals = new SignalSupervisor({
    scenario,
    region,
    strategy: options.strategy,
    tsp,
    tspRule,
    controllers: options.controllers,
    ...(options.stepTimer === undefined ? {} : { stepTimer: options.stepTimer }),
  });
  const operator = new OperatorCommands({
    region,
    edgeId: options.edgeId ?? `edge-${region}`,
    clock,
    signals,
    ...(log === undefined
      ? {}
      : {
          onFirstDrop: (reason, topic, issues) =>
            log(
              `dropped command (${reason}) on ${topic}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
            ),
        }),
  });
  return { ingest, detectors, buses, signals, operator };
}
