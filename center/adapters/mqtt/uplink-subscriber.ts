/**
 * @module center/adapters/mqtt/uplink-subscriber
 * The center's MQTT client. On an MQTT 5 broker (Mosquitto 2, EMQX) it subscribes to uplinks through
 * a shared subscription `$share/<group>/its/v1/+/edge/+/up` (MQTT 5.0 §4.8.2), so center instances
 * split the load; on an MQTT 3.1.1 broker (the embedded aedes 1.x) it falls back to a plain
 * subscription, which is right for the single instance such a deployment runs. Device status is a
 * plain subscription either way: retained messages are not delivered to shared subscriptions (§4.8.2).
 *
 * Acknowledgement: MQTT.js reads the next packet only after a message's PUBACK is released, so with
 * `maxInFlight` 1 every message is acknowledged only after the handler has stored it (no loss on a
 * crash, one store round trip per message). With a window of W > 1, up to W handlers run at once and
 * a message is acknowledged as soon as fewer than W are running: throughput scales with W, and a crash
 * can lose at most W − 1 acknowledged but unstored messages, which the per-edge sequence gaps report
 * (and the edge resends what was never `uplink.ack`ed). The window adapts between `minInFlight` and
 * `maxInFlight` to the backlog (in-flight-window.ts).
 */
import { connectCenterClient, endClient } from './connect.ts';
import { InFlightWindow } from './in-flight-window.ts';

/** What the subscriber hands each message to. */
export type UplinkHandler = (topic: string, payload: Buffer) => Promise<unknown>;

/** Options of {@link connectUplinkSubscriber}. */
export type UplinkSubscriberOptions = {
  /** Broker URL, `mqtt://host:port`. */
  readonly url: string;
  readonly handler: UplinkHandler;
  /** MQTT protocol: 5, 4 (3.1.1), or `auto` (try 5, fall back to 4). Default `auto`. */
  readonly protocol?: 5 | 4 | 'auto';
  /** Shared-subscription group; instances in one group split the uplinks. Default `center`. */
  readonly shareGroup?: string;
  /** Topic filters; default the center's uplink and status filters. */
  readonly uplinkFilter?: string;
  readonly statusFilter?: string;
  /**
   * Subscribe to the uplink and status filters (default true). False when another client takes them
   * (the center's ingest thread) and this one serves only `extraFilters` and publishes.
   */
  readonly subscribeUplinks?: boolean;
  /** More filters subscribed plainly at QoS 1 and handed to `handler` too (e.g. edges' command results). */
  readonly extraFilters?: readonly string[];
  readonly clientId?: string;
  /** Broker credentials of the center's identity (`center.<id>`, broker/acl). */
  readonly username?: string;
  readonly password?: string;
  /**
   * Most handlers running at once (see the module comment): the window grows to it under a sustained
   * backlog. Default 1: acknowledge only after storing.
   */
  readonly maxInFlight?: number;
  /** The window's start and floor; default `maxInFlight` (a fixed window). */
  readonly minInFlight?: number;
  /**
   * MQTT 5 Receive Maximum (MQTT 5.0 §3.1.2.11.3): QoS 1 messages the broker may have sent to this client
   * and not yet seen acknowledged. Default 1,024. Without it Mosquitto keeps at most
   * `max_inflight_messages` (default 20) in flight, so delivery stalls for a round trip every 20
   * messages however fast the handler is; a deeper window streams. It does not change when a message is
   * acknowledged (see the module comment). Ignored under MQTT 3.1.1.
   */
  readonly receiveMaximum?: number;
  /** Called when a handler throws (the message is still acknowledged, so it is not redelivered forever). */
  readonly onError?: (err: unknown, topic: string) => void;
};

/** A connected subscriber. */
export type UplinkSubscriber = {
  /** Protocol level in use: 5 or 4 (3.1.1). */
  readonly protocolVersion: 5 | 4;
  /** The uplink filter actually subscribed (with `$share/...` under MQTT 5). */
  readonly uplinkSubscription: string;
  /** Messages handled so far. */
  handled(): number;
  /** Handlers the window allows at once now. */
  window(): number;
  /** Publish on the same connection (QoS 1, not retained), e.g. operator commands to an edge. */
  publish(topic: string, payload: string): Promise<void>;
  close(): Promise<void>;
};

/** Default MQTT 5 Receive Maximum (see {@link UplinkSubscriberOptions.receiveMaximum}). */
const DEFAULT_RECEIVE_MAXIMUM = 1024;

const DEFAULTS = { uplinkFilter: 'its/v1/+/edge/+/up', statusFilter: 'its/v1/+/status/+' } as const;

/** Connect, subscribe and start handing messages to `handler`. */
export async function connectUplinkSubscriber(options: UplinkSubscriberOptions): Promise<UplinkSubscriber> {
  const receiveMaximum = options.receiveMaximum ?? DEFAULT_RECEIVE_MAXIMUM;
  const { client, version } = await connectCenterClient(options.url, options.protocol ?? 'auto', (v) => ({
    clean: true,
    ...(v === 5 ? { properties: { receiveMaximum } } : {}),
    // MQTT.js otherwise calls its `debug` logger about ten times per packet, even when it prints nothing.
    log: () => undefined,
    reconnectPeriod: 1000,
    connectTimeout: 5000,
    clientId: options.clientId ?? `center-${process.pid}-${Math.random().toString(16).slice(2, 10)}`,
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(options.password === undefined ? {} : { password: options.password }),
  }));
  client.on('error', (err) => options.onError?.(err, ''));
  let handled = 0;
  const maxInFlight = Math.max(1, options.maxInFlight ?? 1);
  const inFlight = new InFlightWindow({
    min: options.minInFlight ?? maxInFlight,
    max: maxInFlight,
    now: () => performance.now(),
  });
  let parked: (() => void) | null = null;
  // One settle function for every message (not a `.catch().finally()` pair of closures and promises each).
  const settled = (): void => {
    handled++;
    if (!inFlight.settle() || parked === null) return;
    const release = parked;
    parked = null;
    release();
  };
  // Everything written during one turn of the event loop (PUBACKs, the handlers' own publishes) leaves
  // in one write: MQTT.js writes each packet on its own (cork, write, uncork on the next tick), one
  // system call per PUBACK. The first message of a turn corks the socket; the turn's end uncorks it.
  let corked = false;
  const corkTurn = (): void => {
    const stream = client.stream as { cork?: () => void; uncork?: () => void } | undefined;
    if (corked || stream?.cork === undefined || stream.uncork === undefined) return;
    corked = true;
    stream.cork();
    setImmediate(() => {
      corked = false;
      stream.uncork?.();
    });
  };
  // MQTT.js sends the PUBACK of a QoS 1 PUBLISH, and reads the next packet, when `callback` is called.
  client.handleMessage = (packet, callback) => {
    if (packet.cmd !== 'publish') return callback();
    corkTurn();
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    if (inFlight.admit()) callback();
    else parked = callback;
    const topic = packet.topic;
    let done: Promise<unknown>;
    try {
      done = options.handler(topic, payload);
    } catch (err) {
      done = Promise.reject(err);
    }
    done.then(settled, (err: unknown) => {
      options.onError?.(err, topic);
      settled();
    });
  };
  const uplinkFilter = options.uplinkFilter ?? DEFAULTS.uplinkFilter;
  const uplinkSubscription =
    version === 5 ? `$share/${options.shareGroup ?? 'center'}/${uplinkFilter}` : uplinkFilter;
  const filters = {
    ...(options.subscribeUplinks === false
      ? {}
      : {
          [uplinkSubscription]: { qos: 1 as const },
          [options.statusFilter ?? DEFAULTS.statusFilter]: { qos: 1 as const },
        }),
    ...Object.fromEntries((options.extraFilters ?? []).map((f) => [f, { qos: 1 as const }])),
  };
  if (Object.keys(filters).length > 0) await client.subscribeAsync(filters);
  return {
    protocolVersion: version,
    uplinkSubscription,
    handled: () => handled,
    window: () => inFlight.limit,
    publish: async (topic, payload) => {
      await client.publishAsync(topic, payload, { qos: 1 });
    },
    close: async () => {
      await endClient(client);
    },
  };
}
