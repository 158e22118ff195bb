/**
 * @module edge/detectors/testing
 * Test fixtures for the detector pipeline: a two-lane link with one advance loop per lane, and
 * actuation and report messages with their own ids and per-device-free sequence numbers.
 */
import type { Detector, DetectorActuation, DetectorReport, Link } from '../../core/index.ts';

/** A two-lane arterial link. */
export const TEST_LINK: Link = {
  id: 'L1',
  from: 'a',
  to: 'b',
  lanes: 2,
  speedLimitKmh: 50,
  roadClass: 'arterial',
};

/** An advance loop on lane `lane` of {@link TEST_LINK}. */
export const advanceLoop = (id: string, lane: number): Detector => ({
  id,
  region: 'r1',
  linkId: 'L1',
  lane,
  positionM: 100,
  lengthM: 2,
  role: 'advance',
  intervalS: 30,
});

/** Detector messages whose ids start with `prefix` and are never repeated. */
export class DetectorMessages {
  #seq = 0;

  constructor(readonly prefix: string) {}

  /** A loop's edge (`on` or `off`) at `ts`. */
  act(deviceId: string, state: 'on' | 'off', ts: number): DetectorActuation {
    const seq = this.#seq++;
    return { kind: 'det.actuation', id: `${this.prefix}-${seq}-xxxxxx`, deviceId, seq, ts, state };
  }

  /** A loop's own 30 s report for the interval starting at `intervalStart`, sent at its end. */
  report(deviceId: string, intervalStart: number, volume: number, occupancyPct = 8): DetectorReport {
    const seq = this.#seq++;
    return {
      kind: 'det.report',
      id: `${this.prefix}-${seq}-xxxxxx`,
      deviceId,
      seq,
      ts: intervalStart + 30_000,
      intervalStart,
      intervalS: 30,
      volume,
      occupancyPct,
      speedKmh: 40,
    };
  }
}
