/**
 * @module firmware-bridge/presence/device-presence
 * The retained `status` messages of a bridged device (BRIEF: device presence by last will, latest
 * status retained). Status messages count on their own sequence, so a device's data stream stays
 * gap-free and a gap there still means a lost message.
 */
import type { Clock } from '../../core/clock/index.ts';
import { deviceStatusSchema } from '../../core/messages/index.ts';
import type { DeviceStatus } from '../../core/messages/index.ts';
import { topicForMessage } from '../../core/topics/index.ts';

/** A topic and its JSON payload. */
export type Publication = { readonly topic: string; readonly payload: string };

/** Options of {@link DevicePresence}. */
export type DevicePresenceOptions = {
  readonly deviceId: string;
  readonly deviceKind: DeviceStatus['deviceKind'];
  readonly region: string;
  readonly firmware?: string | null;
  readonly clock: Clock;
  readonly newId: (nowMs: number) => string;
};

/** Builds one device's status messages. */
export class DevicePresence {
  readonly #o: DevicePresenceOptions;
  #seq = 0;

  constructor(options: DevicePresenceOptions) {
    this.#o = Object.freeze({ ...options });
  }

  /**
   * A status message: `online: true` at (re)connect, `false` at shutdown or as the MQTT last will.
   * `seqReset` tells consumers the device's data sequence restarted (set on the first online status).
   */
  status(online: boolean, reason: string, seqReset = false): Publication {
    const nowMs = this.#o.clock.now();
    const status: DeviceStatus = deviceStatusSchema.parse({
      kind: 'status',
      id: this.#o.newId(nowMs),
      deviceId: this.#o.deviceId,
      seq: this.#seq++,
      ts: nowMs,
      deviceKind: this.#o.deviceKind,
      online,
      reason,
      seqReset,
      firmware: this.#o.firmware ?? null,
    });
    return { topic: topicForMessage(this.#o.region, status), payload: JSON.stringify(status) };
  }
}
