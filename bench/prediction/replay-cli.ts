/**
 * @module bench/prediction/replay-cli
 * Predictor variants against one recorded run (see replay):
 *
 *     npx tsx bench/prediction/replay-cli.ts record /tmp/center.bin [--quick]
 *     npx tsx bench/prediction/replay-cli.ts run /tmp/center.bin '{}' '{"pointCalibration":false}'
 *
 * `record` runs the center-prediction bench's simulation (50 s; 15 s `--quick`) and writes what the
 * center saw; `run` replays it into one arrival service per JSON options object (5 s each) and prints
 * per horizon bucket the MAE, its ratio to propagation, the share inside the window and the misses
 * either side of it. The default options give the bench's own figures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { scorePredictions } from './accuracy.ts';
import { recordCenterInputs, replayPredictions, type CenterRecording } from './replay.ts';

const pct = (x: number | null): string => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);

async function main(argv: readonly string[]): Promise<void> {
  const [command, file, ...rest] = argv;
  if (command === 'record' && file !== undefined) {
    const quick = rest.includes('--quick');
    const recording = await recordCenterInputs({
      durationS: quick ? 2400 : 7200,
      tailS: quick ? 900 : 1200,
    });
    writeFileSync(file, serialize(recording));
    console.log(
      `${recording.updates.length} update batches, ${recording.samples.length} predictions -> ${file}`,
    );
    return;
  }
  if (command === 'run' && file !== undefined) {
    const recording = deserialize(readFileSync(file)) as CenterRecording;
    const actualMs = (v: string, s: string): number | undefined => recording.arrivalsMs.get(`${v}|${s}`);
    for (const json of rest.length === 0 ? ['{}'] : rest) {
      const report = scorePredictions(replayPredictions(recording, JSON.parse(json) as object), actualMs);
      console.log(json);
      for (const { bucket, scores, early, late } of report.buckets) {
        const { predictor, propagation } = scores;
        console.log(
          `  ${bucket.name.padEnd(9)} MAE ${predictor.maeS.toFixed(1).padStart(5)} s ` +
            `ratio ${(predictor.maeS / propagation.maeS).toFixed(3)}  inside ${pct(predictor.inWindow)} ` +
            `(early ${pct(early)}, late ${pct(late)})`,
        );
      }
    }
    return;
  }
  console.error('usage: replay-cli.ts record <file> [--quick] | run <file> [<options json> ...]');
  process.exitCode = 2;
}

await main(process.argv.slice(2));
