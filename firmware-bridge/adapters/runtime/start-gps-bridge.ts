/**
 * @module firmware-bridge/adapters/runtime/start-gps-bridge
 * Starts a GPS-to-MQTT bridge: connects the MQTT sink with the device's last will, publishes the
 * retained online status, then streams fixes as `bus.position` messages until the input ends or
 * `stop` is called, and finally publishes the retained offline status and disconnects cleanly.
 */
import type { Clock } from '../../../core/clock/index.ts';
import { GpsBridge } from '../../avl/index.ts';
import type { MqttSink } from '../mqtt/index.ts';
import { connectMqttSink } from '../mqtt/index.ts';
import type { ByteSource } from '../stream/index.ts';
import { runFixStream } from './gps-runtime.ts';
import type { FixDecoder } from './gps-runtime.ts';

/** Options of {@link startGpsBridge}. */
export type StartGpsBridgeOptions = {
  readonly mqttUrl: string;
  /** Broker credentials of the bridge's identity (`bridge.<region>.<id>`); omitted = anonymous. */
  readonly mqttAuth?: { readonly username: string; readonly password: string };
  readonly deviceId: string;
  readonly vehicleId: string;
  readonly region: string;
  readonly routeId?: string | null;
  readonly source: ByteSource;
  readonly decoder: FixDecoder;
  readonly clock: Clock;
  readonly newId: (nowMs: number) => string;
  readonly onEvent?: (event: string, detail: string) => void;
};

/** A running bridge. */
export type GpsBridgeRun = {
  readonly bridge: GpsBridge;
  readonly sink: MqttSink;
  /** Resolves when the input ended (or `stop` was called) and the bridge disconnected. */
  readonly done: Promise<void>;
  /** Stop reading, publish offline status `shutdown`, disconnect. */
  stop(): Promise<void>;
};

/** Connect and start bridging. Resolves once connected. */
export async function startGpsBridge(options: StartGpsBridgeOptions): Promise<GpsBridgeRun> {
  const sinkProxy = {
    publish: (topic: string, payload: string, o: { qos: 0 | 1; retain: boolean }) =>
      sink.publish(topic, payload, o),
  };
  const bridge = new GpsBridge(sinkProxy, {
    deviceId: options.deviceId,
    vehicleId: options.vehicleId,
    region: options.region,
    routeId: options.routeId ?? null,
    clock: options.clock,
    newId: options.newId,
    onDrop: (reason, detail) => options.onEvent?.('drop', `${reason} ${detail}`),
  });
  const sink: MqttSink = await connectMqttSink({
    url: options.mqttUrl,
    clientId: `bridge-${options.deviceId}`,
    ...options.mqttAuth,
    will: bridge.statusMessage(false, 'last-will'),
    onlineStatus: () => bridge.statusMessage(true, 'startup'),
    onEvent: (e, d) => options.onEvent?.(`mqtt-${e}`, d),
  });
  let stopping: Promise<void> | null = null;
  const finish = (reason: string): Promise<void> => {
    stopping ??= sink.close(bridge.statusMessage(false, reason));
    return stopping;
  };
  const done = runFixStream({
    source: options.source,
    decoder: options.decoder,
    onFix: (fix) => bridge.publishFix(fix),
  }).then(() => finish('end-of-input'));
  return {
    bridge,
    sink,
    done,
    stop: async () => {
      options.source.stop();
      await finish('shutdown');
    },
  };
}
