/**
 * @module firmware-bridge/ntcip/ntcip-messages
 * Maps polled NTCIP 1202 state to our messages (core/messages): detector intervals to `det.report`,
 * phase colours to a `spat`. Validated with the core schemas; never throws on polled data.
 */
import { detectorReportSchema, spatSchema } from '../../core/messages/index.ts';
import type { ControllerMode, DetectorReport, MovementPhaseState, Spat } from '../../core/messages/index.ts';
import type { PhaseColour, PhaseStatus } from './phase-status.ts';
import type { DetectorInterval } from './volume-occupancy.ts';

/** Identity and time of the messages built from one poll. */
export type NtcipMessageContext = {
  readonly controllerId: string;
  readonly nowMs: number;
  readonly newId: (nowMs: number) => string;
};

/** Detector device id of detector `n` of a controller: `<controllerId>.det<n>`. */
function detectorId(controllerId: string, n: number): string {
  return `${controllerId}.det${n}`;
}

/**
 * `det.report` messages of one new volume/occupancy report. `seq` is the controller's report index,
 * advanced past lost reports, so a consumer sees the same gap the sequence counter showed. Faulted
 * detectors (occupancy codes 210+) give no report; they are returned for the health monitor.
 */
export function detectorReports(
  intervals: readonly DetectorInterval[],
  periodS: number,
  seq: number,
  ctx: NtcipMessageContext,
): { reports: DetectorReport[]; faulted: DetectorInterval[] } {
  const reports: DetectorReport[] = [];
  const faulted: DetectorInterval[] = [];
  for (const d of intervals) {
    if (d.occupancyPct === null) {
      faulted.push(d);
      continue;
    }
    const parsed = detectorReportSchema.safeParse({
      kind: 'det.report',
      id: ctx.newId(ctx.nowMs),
      deviceId: detectorId(ctx.controllerId, d.detector),
      seq,
      ts: ctx.nowMs,
      intervalStart: ctx.nowMs - periodS * 1000,
      intervalS: periodS,
      volume: d.volume,
      occupancyPct: d.occupancyPct,
      speedKmh: null,
    });
    if (parsed.success) reports.push(parsed.data);
    else faulted.push(d);
  }
  return { reports, faulted };
}

/** J2735 state of a NEMA phase colour (protected movements: NTCIP 1202 does not say permissive). */
const STATE_OF: Readonly<Record<PhaseColour, MovementPhaseState>> = {
  green: 'protected-movement-allowed',
  yellow: 'protected-clearance',
  red: 'stop-and-remain',
  dark: 'dark',
};

/** A `spat` of the polled phase colours; timing is unknown to a status poll, so end times are null. */
export function spatFromPhases(
  phases: readonly PhaseStatus[],
  mode: ControllerMode,
  seq: number,
  ctx: NtcipMessageContext,
): Spat | null {
  const parsed = spatSchema.safeParse({
    kind: 'spat',
    id: ctx.newId(ctx.nowMs),
    deviceId: ctx.controllerId,
    seq,
    ts: ctx.nowMs,
    intersectionId: ctx.controllerId,
    mode,
    planId: null,
    cycleSecond: null,
    fault: null,
    groups: phases.map((p) => ({
      signalGroup: p.phase,
      state: STATE_OF[p.colour],
      minEndTime: null,
      maxEndTime: null,
      likelyTime: null,
    })),
  });
  return parsed.success ? parsed.data : null;
}
