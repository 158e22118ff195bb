/**
 * @module edge/ingest/gap-alarms
 * Sequence gaps reported upward (issue 6: "duplicates and gaps are detected and reported"): messages a
 * device numbered but the edge never received become one `sequence-gap` alarm per device on the
 * uplink, which the center keeps by alarm id and shows with the region's alarms. A gap is only loss
 * once it has settled: QoS 0 and QoS 1 topics of one device can interleave, so a number that jumps
 * ahead is often filled by a late message a moment later (`SequenceVerdict` `late`). The alarm is
 * raised (and re-raised with the new total) at most once per `reportEveryMs` per device, and cleared
 * once the device has lost nothing for `clearAfterMs`. Technology-free: verdicts and a time in, items out.
 */
import type { EdgeAlarmCode, UplinkItem } from '../../core/index.ts';
import type { SequenceVerdict } from './sequence-tracker.ts';

type AlarmItem = Extract<UplinkItem, { type: 'alarm' }>;

/** The alarm code of lost field messages. */
export const SEQUENCE_GAP_CODE: EdgeAlarmCode = 'sequence-gap';

/** Options of {@link GapAlarms}. */
export type GapAlarmOptions = {
  /** How long a gap must stand (not filled by late messages) before it counts as loss, ms. */
  readonly settleMs: number;
  /** A device's alarm is raised or updated at most this often, ms. */
  readonly reportEveryMs: number;
  /** A device that lost nothing for this long has its alarm cleared, ms. */
  readonly clearAfterMs: number;
};

/** Defaults: settled after 10 s, updated at most once a minute, cleared after 10 quiet minutes. */
export const DEFAULT_GAP_ALARM_OPTIONS: GapAlarmOptions = Object.freeze({
  settleMs: 10_000,
  reportEveryMs: 60_000,
  clearAfterMs: 600_000,
});

type DeviceLoss = {
  /** Messages missing now: gaps opened less late messages that filled them. */
  missing: number;
  /** `missing` as last reported (0 when nothing was reported since the last clear). */
  reported: number;
  /** When the oldest loss not yet reported opened, or null. */
  unreportedSinceMs: number | null;
  lastLossMs: number;
  lastReportMs: number | null;
  raised: boolean;
};

/** Per-device loss bookkeeping that turns sequence verdicts into raise, update and clear alarms. */
export class GapAlarms {
  readonly #options: GapAlarmOptions;
  readonly #devices = new Map<string, DeviceLoss>();

  constructor(options: Partial<GapAlarmOptions> = {}) {
    this.#options = Object.freeze({ ...DEFAULT_GAP_ALARM_OPTIONS, ...options });
  }

  /** Account for one accepted message's sequence verdict. */
  observe(deviceId: string, verdict: SequenceVerdict, nowMs: number): void {
    if (verdict.kind === 'gap') {
      const d = this.#devices.get(deviceId) ?? {
        missing: 0,
        reported: 0,
        unreportedSinceMs: null,
        lastLossMs: nowMs,
        lastReportMs: null,
        raised: false,
      };
      d.missing += verdict.missing;
      d.lastLossMs = nowMs;
      d.unreportedSinceMs ??= nowMs;
      this.#devices.set(deviceId, d);
    } else if (verdict.kind === 'late') {
      const d = this.#devices.get(deviceId);
      // A reordered message fills one place of a gap (as the sequence tracker counts it).
      if (d !== undefined && d.missing > 0) d.missing--;
    }
  }

  /** Devices with loss on record (raised, or waiting to be). */
  get size(): number {
    return this.#devices.size;
  }

  /** The alarms due at `nowMs`: raised or updated for settled loss, cleared after quiet. */
  due(nowMs: number): AlarmItem[] {
    const o = this.#options;
    const out: AlarmItem[] = [];
    for (const [deviceId, d] of this.#devices) {
      const settled = d.unreportedSinceMs !== null && nowMs - d.unreportedSinceMs >= o.settleMs;
      const mayReport = d.lastReportMs === null || nowMs - d.lastReportMs >= o.reportEveryMs;
      if (settled && mayReport && d.missing > d.reported) {
        d.reported = d.missing;
        d.unreportedSinceMs = null;
        d.lastReportMs = nowMs;
        d.raised = true;
        out.push(this.#alarm(deviceId, 'raised', nowMs, d.missing));
      } else if (settled && d.missing <= d.reported) {
        // Filled by late messages: nothing new was lost.
        d.unreportedSinceMs = null;
      }
      if (d.unreportedSinceMs === null && nowMs - d.lastLossMs >= o.clearAfterMs) {
        if (d.raised) out.push(this.#alarm(deviceId, 'cleared', nowMs, d.reported));
        this.#devices.delete(deviceId);
      }
    }
    return out;
  }

  #alarm(deviceId: string, state: AlarmItem['state'], at: number, missing: number): AlarmItem {
    return {
      type: 'alarm',
      alarmId: `${SEQUENCE_GAP_CODE}-${deviceId}`,
      state,
      severity: 'warning',
      sourceId: deviceId,
      code: SEQUENCE_GAP_CODE,
      message:
        state === 'raised'
          ? `${missing} message(s) from ${deviceId} never reached the edge (gaps in its sequence numbers)`
          : `no message from ${deviceId} lost for ${Math.round(this.#options.clearAfterMs / 60_000)} min`,
      at,
    };
  }
}
