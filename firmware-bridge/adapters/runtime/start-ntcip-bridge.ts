/**
 * @module firmware-bridge/adapters/runtime/start-ntcip-bridge
 * Starts an NTCIP-to-MQTT bridge for one controller: MQTT sink with the controller's last will and
 * retained status, an SNMP poller, and the poll loop publishing `spat` and `det.report` messages.
 */
import type { Clock } from '../../../core/clock/index.ts';
import { ConfigError } from '../../../core/errors/index.ts';
import type { NtcipOpcuaServer } from '../opcua/index.ts';
import type { NtcipPollOutcome } from '../../ntcip/index.ts';
import { DevicePresence } from '../../presence/index.ts';
import { connectMqttSink } from '../mqtt/index.ts';
import type { MqttSink } from '../mqtt/index.ts';
import { NtcipBridge, createNtcipPoller } from '../snmp/index.ts';

/** Options of {@link startNtcipBridge}. */
export type StartNtcipBridgeOptions = {
  readonly host: string;
  readonly port: number;
  readonly community: string;
  readonly controllerId: string;
  readonly region: string;
  readonly pollIntervalMs: number;
  /** Broker URL; without it the bridge only reports outcomes (`--json`). */
  readonly mqttUrl?: string;
  /** Broker credentials of the bridge's identity (`bridge.<region>.<id>`); omitted = anonymous. */
  readonly mqttAuth?: { readonly username: string; readonly password: string };
  readonly clock: Clock;
  readonly newId: (nowMs: number) => string;
  readonly onOutcome?: (outcome: NtcipPollOutcome) => void;
  readonly onEvent?: (event: string, detail: string) => void;
  /**
   * Present the controller over OPC UA (core/opcua address space) on this port, for these operators,
   * with the server's PKI in `pkiDir` (trusting only `trusted/certs` unless `trustUnknownClients`).
   */
  readonly opcua?: {
    readonly port: number;
    readonly operators: Readonly<Record<string, string>>;
    readonly pkiDir: string;
    readonly trustUnknownClients?: boolean;
  };
};

/** A running NTCIP bridge. */
export type NtcipBridgeRun = {
  readonly bridge: NtcipBridge;
  /** The OPC UA endpoint, when presented. */
  readonly opcuaEndpoint: string | null;
  stop(): Promise<void>;
};

/** Connect (when a broker is given) and start polling. */
export async function startNtcipBridge(options: StartNtcipBridgeOptions): Promise<NtcipBridgeRun> {
  const presence = new DevicePresence({
    deviceId: options.controllerId,
    deviceKind: 'controller',
    region: options.region,
    clock: options.clock,
    newId: options.newId,
  });
  let sink: MqttSink | null = null;
  if (options.mqttUrl !== undefined) {
    sink = await connectMqttSink({
      url: options.mqttUrl,
      clientId: `bridge-${options.controllerId}`,
      ...options.mqttAuth,
      will: presence.status(false, 'last-will'),
      onlineStatus: () => presence.status(true, 'startup'),
      onEvent: (e, d) => options.onEvent?.(`mqtt-${e}`, d),
    });
  }
  const poller = createNtcipPoller({ host: options.host, port: options.port, community: options.community });
  const bridge = new NtcipBridge({
    poller,
    controllerId: options.controllerId,
    region: options.region,
    clock: options.clock,
    newId: options.newId,
    sink: { publish: (topic, payload, o) => sink?.publish(topic, payload, o) },
    ...(options.onOutcome === undefined ? {} : { onOutcome: options.onOutcome }),
  });
  let opcua: NtcipOpcuaServer | null = null;
  if (options.opcua !== undefined) {
    // The first poll sizes the address space (phases, detectors).
    if ((await bridge.pollOnce()) === null) {
      poller.close();
      await sink?.close(presence.status(false, 'controller-unreachable'));
      throw new ConfigError(
        'host',
        `controller ${options.host}:${options.port} did not answer the first poll`,
      );
    }
    // Loaded on demand: node-opcua is heavy and prints warnings on load, which `its bridge nmea --json`
    // must keep out of its stdout.
    const { startNtcipOpcuaServer } = await import('../opcua/index.ts');
    opcua = await startNtcipOpcuaServer({
      port: options.opcua.port,
      intersectionId: options.controllerId,
      controller: bridge.controller,
      control: poller,
      clock: options.clock,
      operators: options.opcua.operators,
      pkiDir: options.opcua.pkiDir,
      trustUnknownClients: options.opcua.trustUnknownClients ?? false,
    });
    options.onEvent?.('opcua', opcua.endpointUrl);
  }
  bridge.start(options.pollIntervalMs);
  return {
    bridge,
    opcuaEndpoint: opcua?.endpointUrl ?? null,
    stop: async () => {
      bridge.stop();
      await opcua?.close();
      poller.close();
      await sink?.close(presence.status(false, 'shutdown'));
    },
  };
}
