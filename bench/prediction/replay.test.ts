/**
 * @module bench/prediction/replay.test
 */
import { expect, test } from 'vitest';
import { recordCenterInputs, replayPredictions } from './replay.ts';

test('replaying what the center saw gives the run its own predictions, and a variant its own', async () => {
  const recording = await recordCenterInputs({ durationS: 600, tailS: 60 });
  expect(recording.samples.length).toBeGreaterThan(50);
  const same = replayPredictions(recording);
  expect(same).toEqual(recording.samples);
  // The fixed rule's point without the shift before the median: every prediction moves.
  const variant = replayPredictions(recording, { prediction: { medianShiftSigmas: 0 } });
  expect(variant.length).toBe(recording.samples.length);
  expect(
    variant.filter((s, i) => s.predictedMs !== recording.samples[i]?.predictedMs).length,
  ).toBeGreaterThan(recording.samples.length / 2);
});
