/**
 * @module firmware-bridge/avl/gps-bridge
 * Turns GPS fixes of one vehicle into `bus.position` messages and its presence into `status`
 * messages (core/messages), on topics from core/topics. Pure of I/O: messages go to a
 * {@link MessageSink}; time and ids are injected (STYLE.md §13).
 */
import type { Clock } from '../../core/clock/index.ts';
import { busPositionSchema, issuesOf } from '../../core/messages/index.ts';
import type { BusPosition } from '../../core/messages/index.ts';
import { TOPIC_POLICY, topicForMessage } from '../../core/topics/index.ts';
import type { NmeaFix } from '../nmea/index.ts';
import { DevicePresence } from '../presence/index.ts';
import type { Publication } from '../presence/index.ts';

/** Where the bridge publishes: an MQTT client in production, an array in tests. */
export interface MessageSink {
  publish(topic: string, payload: string, options: { qos: 0 | 1; retain: boolean }): void;
}

/** Why a fix was not published; each is a counter. */
export type DroppedFixReason = 'schema';

/** Options of {@link GpsBridge}. */
export type GpsBridgeOptions = {
  /** The GPS unit's device id (envelope `deviceId`, topic level). */
  readonly deviceId: string;
  readonly vehicleId: string;
  readonly region: string;
  readonly routeId?: string | null;
  readonly firmware?: string | null;
  readonly clock: Clock;
  /** Message id factory, e.g. `newId` from core/ids. */
  readonly newId: (nowMs: number) => string;
  /** Called once per dropped fix with the reason and the failing field. */
  readonly onDrop?: (reason: DroppedFixReason, detail: string) => void;
};

const DAY_MS = 86_400_000;

/**
 * Epoch ms of a fix. The receiver's own date wins (a bus system reports what the receiver sent);
 * before any RMC/ZDA gave a date, the time of day is placed on the host clock's day nearest to now.
 */
export function fixEpochMs(fix: NmeaFix, nowMs: number): number {
  if (fix.timeMs !== null) return fix.timeMs;
  const dayStart = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const candidates = [dayStart - DAY_MS, dayStart, dayStart + DAY_MS].map((d) => d + fix.timeOfDayMs);
  return candidates.reduce((best, t) => (Math.abs(t - nowMs) < Math.abs(best - nowMs) ? t : best));
}

/** Heading in [0, 360), or null when the receiver reported none. */
function headingOf(trackDeg: number | null): number | null {
  if (trackDeg === null || !Number.isFinite(trackDeg)) return null;
  return ((trackDeg % 360) + 360) % 360;
}

/** The message factory and sequence counter of one bridged GPS unit. */
export class GpsBridge {
  readonly #o: GpsBridgeOptions;
  readonly #sink: MessageSink;
  #seq = 0;
  readonly #presence: DevicePresence;
  /** Messages published and fixes dropped, by reason. */
  readonly counters = { positions: 0, dropped: { schema: 0 } as Record<DroppedFixReason, number> };

  constructor(sink: MessageSink, options: GpsBridgeOptions) {
    this.#sink = sink;
    this.#o = Object.freeze({ ...options });
    this.#presence = new DevicePresence({ ...options, deviceKind: 'gps' });
  }

  /** The status message announcing this device; also used as the MQTT last will (`online: false`). */
  statusMessage(online: boolean, reason: string): Publication {
    return this.#presence.status(online, reason, online && this.#seq === 0);
  }

  /** Publish the retained status (`online` true at start, false at a clean shutdown). */
  publishStatus(online: boolean, reason: string): void {
    const { topic, payload } = this.statusMessage(online, reason);
    const { qos, retain } = TOPIC_POLICY.status;
    this.#sink.publish(topic, payload, { qos, retain });
  }

  /** Publish one fix as a `bus.position`; returns the message, or null when it was dropped. */
  publishFix(fix: NmeaFix): BusPosition | null {
    const nowMs = this.#o.clock.now();
    const candidate = {
      kind: 'bus.position',
      id: this.#o.newId(nowMs),
      deviceId: this.#o.deviceId,
      seq: this.#seq,
      ts: fixEpochMs(fix, nowMs),
      vehicleId: this.#o.vehicleId,
      routeId: this.#o.routeId ?? null,
      tripId: null,
      lat: fix.lat,
      lon: fix.lon,
      speedMps: fix.speedMps ?? 0,
      headingDeg: headingOf(fix.trackDeg),
      fixQuality: fix.fixQuality ?? 1,
      hdop: fix.hdop !== null && fix.hdop <= 99.99 ? fix.hdop : null,
      passengers: null,
    };
    const parsed = busPositionSchema.safeParse(candidate);
    if (!parsed.success) {
      this.counters.dropped.schema++;
      const issue = issuesOf(parsed.error)[0];
      this.#o.onDrop?.('schema', issue === undefined ? '' : `${issue.path}: ${issue.message}`);
      return null;
    }
    this.#seq++;
    this.counters.positions++;
    const { qos, retain } = TOPIC_POLICY.bus;
    this.#sink.publish(topicForMessage(this.#o.region, parsed.data), JSON.stringify(parsed.data), {
      qos,
      retain,
    });
    return parsed.data;
  }
}
