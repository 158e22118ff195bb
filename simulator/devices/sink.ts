/**
 * @module simulator/devices/sink
 * Where simulated field devices send their messages: a callback taking the device's region and a
 * message shaped by `core/messages`, so the live harness can publish it on MQTT and tests can collect
 * it. Envelope ids come from a seeded factory, so a run's messages are reproducible.
 */
import { seededIdFactory } from '../../core/index.ts';
import type {
  BusPosition,
  CardTap,
  DetectorActuation,
  DetectorReport,
  DeviceStatus,
  Spat,
  TollPass,
} from '../../core/index.ts';

/** Messages the simulated field emits. */
export type FieldMessage =
  DetectorReport | DetectorActuation | BusPosition | CardTap | TollPass | DeviceStatus | Spat;

/** Receives every field message with the region it belongs to. */
export type MessageSink = (region: string, message: FieldMessage) => void;

/** Per-device sequence numbers and seeded message ids. */
export class Envelopes {
  readonly #ids: (nowMs: number) => string;
  readonly #seq = new Map<string, number>();

  constructor(seed: number) {
    this.#ids = seededIdFactory(seed);
  }

  /** The envelope of the next message of `deviceId` at `ts`. */
  next(deviceId: string, ts: number): { id: string; deviceId: string; seq: number; ts: number } {
    const seq = this.#seq.get(deviceId) ?? 0;
    this.#seq.set(deviceId, seq + 1);
    return { id: this.#ids(ts), deviceId, seq, ts };
  }
}
