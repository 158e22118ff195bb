/**
 * @module center/adapters/mqtt/connect
 * How the center's MQTT clients connect: MQTT 5 where the broker speaks it (shared subscriptions),
 * else MQTT 3.1.1 (the embedded aedes), or the version asked for; TCP_NODELAY on every (re)connect.
 */
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

/** Protocol choice: 5, 4 (3.1.1), or `auto` (try 5, fall back to 4). */
export type MqttProtocolChoice = 5 | 4 | 'auto';

/** Connect once with a given protocol version; rejects (and ends the client) if it does not connect. */
async function connectWith(url: string, options: (version: 5 | 4) => IClientOptions, version: 5 | 4) {
  const client = mqtt.connect(url, { ...options(version), protocolVersion: version });
  try {
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
      client.once('close', () =>
        reject(new Error(`connection to ${url} closed during MQTT ${version} connect`)),
      );
    });
  } catch (err) {
    client.end(true);
    throw err;
  }
  client.removeAllListeners('error');
  return client;
}

/** Connect with the chosen protocol; `options` gets the version being tried. */
export async function connectCenterClient(
  url: string,
  protocol: MqttProtocolChoice,
  options: (version: 5 | 4) => IClientOptions,
): Promise<{ client: MqttClient; version: 5 | 4 }> {
  let client: MqttClient;
  let version: 5 | 4;
  if (protocol === 'auto') {
    try {
      client = await connectWith(url, options, 5);
      version = 5;
    } catch {
      client = await connectWith(url, options, 4);
      version = 4;
    }
  } else {
    client = await connectWith(url, options, protocol);
    version = protocol;
  }
  const noDelay = (): void => {
    (client.stream as { setNoDelay?: (on: boolean) => void } | undefined)?.setNoDelay?.(true);
  };
  noDelay();
  client.on('connect', noDelay);
  return { client, version };
}

/**
 * Close a client: gracefully while connected (MQTT.js's `end()` waits for in-flight QoS 1 publishes,
 * such as our acks, to be acknowledged), for at most `graceMs`; at once when it is not connected or
 * the grace runs out, since a graceful `end()` during a broker outage never returns.
 */
export async function endClient(client: MqttClient, graceMs = 2_000): Promise<void> {
  if (!client.connected) {
    await client.endAsync(true);
    return;
  }
  const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
  const timer = setTimeout(() => client.stream.destroy(), graceMs);
  await Promise.race([client.endAsync(), closed]);
  clearTimeout(timer);
}
