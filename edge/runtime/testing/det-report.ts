/**
 * @module edge/runtime/testing/det-report
 * Test helper: a loop's 30 s `det.report` as a device publishes it, for the edge runtime's
 * integration tests (one shape, typed by core's message, rather than a literal per test).
 */
import type { DetectorReport } from '../../../core/index.ts';

/** A 30 s report of `deviceId` for the interval starting at `intervalStart`, sent at its end. */
export function detReport(o: {
  readonly id: string;
  readonly deviceId: string;
  readonly seq: number;
  readonly intervalStart: number;
  readonly ts?: number;
  readonly volume?: number;
  readonly occupancyPct?: number;
  readonly speedKmh?: number | null;
}): DetectorReport {
  return {
    kind: 'det.report',
    id: o.id,
    deviceId: o.deviceId,
    seq: o.seq,
    ts: o.ts ?? o.intervalStart + 30_000,
    intervalStart: o.intervalStart,
    intervalS: 30,
    volume: o.volume ?? 4,
    occupancyPct: o.occupancyPct ?? 6,
    speedKmh: o.speedKmh === undefined ? 35 : o.speedKmh,
  };
}
