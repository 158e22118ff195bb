/**
 * @module bench/prediction/replay
 * Predictor variants scored in seconds instead of a minute. The center's arrival service sees nothing
 * but the store's updates and its clock, so the updates of one simulator run (`recordCenterInputs`),
 * fed into a fresh `ArrivalService` with other options at the same instants and asked for its
 * predictions at the same sample times (`replayPredictions`), give exactly the predictions a full run
 * with those options would make — scored against the same ground truth and beside the same
 * baselines. Only center-side options: a variant that changes what the edges send (signal timing
 * on change for `signalUse`) needs a run of its own.
 */
import { loadScenario, VirtualClock } from '../../core/index.ts';
import { buildCenterNetwork, type CenterNetwork } from '../../center/network/index.ts';
import { ArrivalService, type ArrivalServiceOptions } from '../../center/prediction/index.ts';
import type { StateUpdate } from '../../center/state/index.ts';
import { runPredictionOnSimulator, type PredictionRunOptions, type PredictionSample } from './center-run.ts';

/** What the center received in one run, with the instants it was asked for predictions. */
export type CenterRecording = {
  /** Each batch of store updates the arrival service saw, with the clock's time then. */
  readonly updates: readonly (readonly [nowMs: number, updates: readonly StateUpdate[]])[];
  readonly sampledAtMs: readonly number[];
  /** The run's predictions with their baselines (the baselines do not depend on the predictor). */
  readonly samples: readonly PredictionSample[];
  /** Actual arrival of every bus at every stop it was predicted for, `vehicleId|stopId` → epoch ms. */
  readonly arrivalsMs: ReadonlyMap<string, number>;
};

/** Run the simulator once (options as the run's, the predictor's own included) and keep what the center saw. */
export async function recordCenterInputs(
  options: Omit<PredictionRunOptions, 'onUpdates'> = {},
): Promise<CenterRecording> {
  const updates: [number, readonly StateUpdate[]][] = [];
  const run = await runPredictionOnSimulator({
    ...options,
    // Copied: a record in an update may be the store's own object, changed by later updates.
    onUpdates: (nowMs, batch) => updates.push([nowMs, structuredClone(batch)]),
  });
  const arrivalsMs = new Map<string, number>();
  for (const s of run.samples) {
    const at = run.truth.arrivalMs(s.vehicleId, s.stopId);
    if (at !== undefined) arrivalsMs.set(`${s.vehicleId}|${s.stopId}`, at);
  }
  return { updates, sampledAtMs: run.sampledAtMs, samples: run.samples, arrivalsMs };
}

/**
 * The predictions an arrival service with `options` makes from a recording, each with the
 * recording's baselines for the same bus, stop and instant (one it has none for is left out).
 */
export function replayPredictions(
  recording: CenterRecording,
  options: Omit<ArrivalServiceOptions, 'network' | 'clock'> = {},
  network: CenterNetwork = buildCenterNetwork(loadScenario('scenarios/demo-city')),
): PredictionSample[] {
  const baseline = new Map(recording.samples.map((s) => [`${s.vehicleId}|${s.stopId}|${s.madeAtMs}`, s]));
  const clock = new VirtualClock(recording.updates[0]?.[0] ?? recording.sampledAtMs[0] ?? 0);
  const service = new ArrivalService({ ...options, network, clock });
  const out: PredictionSample[] = [];
  let next = 0;
  for (const atMs of recording.sampledAtMs) {
    // A run delivers a second's uplink before it samples predictions at that second.
    for (; next < recording.updates.length; next++) {
      const [nowMs, updates] = recording.updates[next]!;
      if (nowMs > atMs) break;
      if (nowMs > clock.now()) clock.advanceTo(nowMs);
      service.observe(updates);
    }
    if (atMs > clock.now()) clock.advanceTo(atMs);
    for (const { vehicle, predictions } of service.allPredictions()) {
      for (const p of predictions) {
        const base = baseline.get(`${vehicle.vehicleId}|${p.stopId}|${atMs}`);
        if (base === undefined) continue;
        out.push({
          ...base,
          predictedMs: p.etaMs,
          lowMs: p.lowMs,
          highMs: p.highMs,
          expectedMs: p.expectedMs,
          sdS: p.sdS,
        });
      }
    }
  }
  return out;
}
