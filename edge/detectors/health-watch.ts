/**
 * @module edge/detectors/health-watch
 * Every detector's health diagnosed again at each tick (./health.ts), and what changed as uplink
 * items: a `detector-health` item per change, the old fault's alarm cleared and the new one raised.
 * Detectors are diagnosed one after another and a change counts at once, so a detector found faulty
 * no longer counts as a flowing neighbour for the stuck-off test of the next one on its link, nor as a
 * queued one for the stuck-on test (a queue is believed only from healthy loops).
 */
import type { DetectorHealth, EdgeAlarmCode, UplinkItem } from '../../core/index.ts';
import type { DetectorState } from './detector-state.ts';
import type { HealthOptions } from './health.ts';
import { diagnose } from './health.ts';
import { stoodInQueue } from './standing-queue.ts';

/** The `alarm` uplink item. */
export type AlarmItem = Extract<UplinkItem, { type: 'alarm' }>;
/** The `detector-health` uplink item. */
export type HealthItem = Extract<UplinkItem, { type: 'detector-health' }>;

const HEALTH_SEVERITY: Readonly<Record<DetectorHealth, AlarmItem['severity']>> = {
  ok: 'info',
  'stuck-on': 'major',
  'stuck-off': 'major',
  chattering: 'warning',
  silent: 'warning',
};

/** What {@link watchHealth} needs besides the detectors. */
export type HealthWatchContext = {
  readonly nowMs: number;
  /** End of the newest closed interval: the stuck-off test counts the neighbours' volume up to it. */
  readonly closedUntilMs: number;
  /** When the processor started: no detector is silent for longer than it was watched. */
  readonly watchingSinceMs: number;
  readonly options: HealthOptions;
  /** The loops a loop is compared with for stuck-off (default: its link's). */
  readonly groupOf?: (detectorId: string) => string;
  /** A loop's stuck-on threshold, s, where its phase's cycle makes it longer (default: the options'). */
  readonly stuckOnS?: (detectorId: string) => number | undefined;
};

/** Diagnose every detector (updating its `health` and `healthSince`); the changes and alarms. */
export function watchHealth(
  states: ReadonlyMap<string, DetectorState>,
  context: HealthWatchContext,
): { healthChanges: HealthItem[]; alarms: AlarmItem[] } {
  const { nowMs } = context;
  const healthChanges: HealthItem[] = [];
  const alarms: AlarmItem[] = [];
  for (const s of states.values()) {
    // The station's queue is asked about only once the loop has been occupied for the stuck-on
    // window: a yes there is what keeps the loop healthy, and what control leaves it out for.
    let queued = false;
    const health = diagnose(
      {
        history: s.history,
        lastHeardMs: s.lastHeardMs,
        occupiedSinceMs: s.aggregator.occupiedSince,
        neighbourVolume: neighbourVolume(states, s, context),
        ...optional('linkShare', s.linkShare ?? undefined),
        ...optional('stuckOnS', context.stuckOnS?.(s.detector.id)),
        stationQueued: (windowS) => (queued = stationQueued(states, s, windowS)),
        nowMs,
        watchingSinceMs: context.watchingSinceMs,
      },
      context.options,
    );
    s.heldByQueue = health === 'ok' && queued;
    if (health === s.health) continue;
    const previous = s.health;
    s.health = health;
    s.healthSince = nowMs;
    healthChanges.push({ type: 'detector-health', detectorId: s.detector.id, health, since: nowMs });
    if (previous !== 'ok') alarms.push(healthAlarm(s.detector.id, previous, 'cleared', nowMs));
    if (health !== 'ok') alarms.push(healthAlarm(s.detector.id, health, 'raised', nowMs));
  }
  return { healthChanges, alarms };
}

/** Vehicles the healthy other loops of the detector's group counted over the stuck-off window. */
function neighbourVolume(
  states: ReadonlyMap<string, DetectorState>,
  s: DetectorState,
  context: HealthWatchContext,
): number {
  let total = 0;
  const windowStart = context.closedUntilMs - context.options.stuckOffS * 1000;
  const groupOf = context.groupOf ?? ((id: string) => states.get(id)?.detector.linkId ?? '');
  const group = groupOf(s.detector.id);
  for (const other of states.values()) {
    if (other === s || groupOf(other.detector.id) !== group || other.health !== 'ok') continue;
    for (const a of other.history) if (a.intervalStart >= windowStart) total += a.volume;
  }
  return total;
}

/**
 * Whether another healthy loop of the detector's station (its link, same role) stood in a queue over
 * the last `windowS` of closed intervals (standing-queue.ts).
 */
function stationQueued(
  states: ReadonlyMap<string, DetectorState>,
  s: DetectorState,
  windowS: number,
): boolean {
  const { linkId, role } = s.detector;
  for (const other of states.values()) {
    if (other === s || other.health !== 'ok') continue;
    if (other.detector.linkId !== linkId || other.detector.role !== role) continue;
    if (stoodInQueue(other.history, windowS)) return true;
  }
  return false;
}

function healthAlarm(
  detectorId: string,
  health: Exclude<DetectorHealth, 'ok'>,
  state: 'raised' | 'cleared',
  at: number,
): AlarmItem {
  return {
    type: 'alarm',
    alarmId: `detector-${health}-${detectorId}`,
    state,
    severity: HEALTH_SEVERITY[health],
    sourceId: detectorId,
    code: `detector-${health}` satisfies EdgeAlarmCode,
    message:
      state === 'raised'
        ? `detector ${detectorId} is ${health}; excluded from control and link estimates`
        : `detector ${detectorId} is no longer ${health}`,
    at,
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
