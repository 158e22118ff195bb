/**
 * @module center/prediction/arrival-options
 * The settings of an arrival service: the models' own options, the signal use and the prediction's
 * range and horizon. Every one has a default; the bench's replay (bench/prediction) varies them.
 */
import type { Clock } from '../../core/index.ts';
import type { CenterNetwork } from '../network/index.ts';
import type { DwellModelOptions } from './dwell-model.ts';
import type { PointCalibratorOptions } from './point-calibrator.ts';
import type { PredictContext } from './predict-vehicle.ts';
import type { SegmentProfileOptions } from './segment-profile.ts';
import type { SegmentSmootherOptions } from './segment-smoother.ts';

/** Options of {@link ArrivalService}. */
export type ArrivalServiceOptions = {
  readonly network: CenterNetwork;
  readonly clock: Clock;
  /** A bus not heard from for this long is not used for live prediction. Default 2 min. */
  readonly maxVehicleAgeMs?: number;
  /**
   * Longest a bus's predictions are reused while it does not report, ms (see prediction-cache for
   * what else drops them); 0 predicts every bus afresh for every board. Default 30 s.
   */
  readonly predictionMaxAgeMs?: number;
  /** Live slowdown of a segment, e.g. from link speeds. */
  readonly segmentFactor?: (routeId: string, fromStopId: string, toStopId: string) => number;
  /** Segment smoothing settings (the time zone comes from the scenario). */
  readonly smoothing?: Omit<SegmentSmootherOptions, 'utcOffsetMs'>;
  /** Dwell model settings. */
  readonly dwellModel?: DwellModelOptions;
  /** Settings of the learnt time to the next stop by place on the segment; false to not learn it. */
  readonly segmentProfile?: SegmentProfileOptions | false;
  /**
   * Settings of the shown time learnt from past outcomes per horizon (point-calibrator); false to
   * always show the fixed shift before the median.
   */
  readonly pointCalibration?: PointCalibratorOptions | false;
  /**
   * How the signal's live timing (signal-state `timing`) is used for a bus's wait at the stop line
   * ahead: `profile` shifts the learnt time to the next stop by what buses of the same stop-line
   * class took beyond their place's mean (pooled over segments), `delay` adds the
   * modelled wait's difference from the mean, `none` ignores it. Default `none` (see README).
   */
  readonly signalUse?: 'none' | 'delay' | 'profile';
  /** Prediction settings (range width, median shift, horizon). */
  readonly prediction?: Pick<
    PredictContext,
    | 'rangeSigmas'
    | 'medianShiftSigmas'
    | 'horizonMs'
    | 'dwellAware'
    | 'schedulePriorSamples'
    | 'profilePriorSamples'
    | 'loadExcessDecay'
  >;
};
