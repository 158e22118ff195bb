/**
 * @module firmware-bridge/ntcip/ntcip-controller
 * The bridge's view of one NTCIP 1202 controller: each poll's phase masks and volume/occupancy report
 * become a `spat` and `det.report` messages with gap-revealing sequence numbers. Pure: polls in,
 * messages out.
 */
import type { ControllerMode, DetectorReport, Spat } from '../../core/messages/index.ts';
import { detectorReports, spatFromPhases } from './ntcip-messages.ts';
import { decodePhaseStatus } from './phase-status.ts';
import type { PhaseStatus, PhaseStatusGroup, PhaseStatusProblem } from './phase-status.ts';
import { VolumeOccupancyTracker } from './volume-occupancy.ts';
import type { DetectorInterval, VolumeOccupancySample } from './volume-occupancy.ts';

/** What one SNMP poll read from a controller. */
export type NtcipPoll = {
  readonly maxPhases: number;
  readonly groups: readonly PhaseStatusGroup[];
  readonly volumeOccupancy: VolumeOccupancySample;
  /** vehicleDetectorStatusGroupActive masks (index 0 = detectors 1-8); empty when not polled. */
  readonly detectorActiveGroups: readonly number[];
};

/** Messages and findings of one poll. */
export type NtcipPollOutcome = {
  readonly phases: readonly PhaseStatus[];
  readonly spat: Spat | null;
  readonly detectorReports: readonly DetectorReport[];
  readonly faultedDetectors: readonly DetectorInterval[];
  readonly phaseProblems: readonly PhaseStatusProblem[];
  /** `repeat` when the controller had no new volume/occupancy report since the last poll. */
  readonly volumeOccupancy: 'first' | 'new' | 'repeat' | 'invalid';
  readonly lostReports: number;
};

/** Options of {@link NtcipController}. */
export type NtcipControllerOptions = {
  readonly controllerId: string;
  /** Mode to announce in the spat; a status poll does not reveal it. */
  readonly mode: ControllerMode;
  readonly newId: (nowMs: number) => string;
};

/** One polled controller. */
export class NtcipController {
  readonly tracker = new VolumeOccupancyTracker();
  readonly #o: NtcipControllerOptions;
  #spatSeq = 0;
  /** Index of the controller's volume/occupancy reports, advanced past lost ones. */
  #reportSeq = -1;
  #phases: readonly PhaseStatus[] = [];
  #occupied: readonly boolean[] = [];
  #maxPhases = 0;

  constructor(options: NtcipControllerOptions) {
    this.#o = Object.freeze({ ...options });
  }

  /** Detector presence (index 0 = detector 1) as of the last poll. */
  get detectorsOccupied(): readonly boolean[] {
    return this.#occupied;
  }

  /** Maximum phases the controller reported at the last poll. */
  get maxPhases(): number {
    return this.#maxPhases;
  }

  /** Phases as of the last poll. */
  get phases(): readonly PhaseStatus[] {
    return this.#phases;
  }

  /** Apply one poll taken at `nowMs`. */
  apply(poll: NtcipPoll, nowMs: number): NtcipPollOutcome {
    const ctx = { controllerId: this.#o.controllerId, nowMs, newId: this.#o.newId };
    const { phases, problems } = decodePhaseStatus(poll.groups, poll.maxPhases);
    this.#phases = phases;
    this.#maxPhases = poll.maxPhases;
    this.#occupied = poll.detectorActiveGroups.flatMap((mask) =>
      Array.from({ length: 8 }, (_, bit) => (mask & (1 << bit)) !== 0),
    );
    const spat = spatFromPhases(phases, this.#o.mode, this.#spatSeq, ctx);
    if (spat !== null) this.#spatSeq++;
    const obs = this.tracker.observe(poll.volumeOccupancy);
    if (obs.kind === 'repeat' || obs.kind === 'invalid') {
      return {
        phases,
        spat,
        detectorReports: [],
        faultedDetectors: [],
        phaseProblems: problems,
        volumeOccupancy: obs.kind,
        lostReports: 0,
      };
    }
    this.#reportSeq += 1 + obs.lost;
    const { reports, faulted } = detectorReports(
      obs.intervals,
      poll.volumeOccupancy.periodS,
      this.#reportSeq,
      ctx,
    );
    return {
      phases,
      spat,
      detectorReports: reports,
      faultedDetectors: faulted,
      phaseProblems: problems,
      volumeOccupancy: obs.kind,
      lostReports: obs.lost,
    };
  }
}
