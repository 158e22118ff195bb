/**
 * @module bench/mqtt-load
 * A lean MQTT 3.1.1 QoS 1 load generator for benchmarks: the devices of a bench are separate machines
 * in the field, so their client should cost the measured machine as little as possible. MQTT.js spends
 * tens of microseconds per publish (packet objects, outgoing store, callbacks); here every PUBLISH is
 * encoded once before the run (mqtt-packet `generate`) into one buffer per connection, each with its
 * packet id fixed up front (the k-th publish of a connection uses id k mod 65535 + 1), and the run only
 * writes slices of that buffer, many packets per socket write.
 *
 * QoS 1 is kept in full (MQTT 3.1.1 §4.3.2): at most `window` publishes are unacknowledged per
 * connection, a packet id is reused only after its PUBACK, and the run resolves only once every
 * publish is acknowledged. A PUBACK for an id not in flight, a refused CONNECT, a packet the broker
 * should not send, a closed connection or no PUBACK for `stallMs` while publishes wait fails the run.
 */
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import mqttPacket from 'mqtt-packet';

/** One message to publish. */
export type LoadMessage = { readonly topic: string; readonly payload: string | Buffer };

/** Publishes encoded for one connection. */
type EncodedStream = {
  /** Every PUBLISH of the connection, back to back. */
  readonly bytes: Buffer;
  /** Byte offset of the k-th publish; `count + 1` entries. */
  readonly offsets: Uint32Array;
  readonly count: number;
};

/** A load encoded once: message i goes on connection i mod `connections`, in its order. */
export type EncodedLoad = { readonly streams: readonly EncodedStream[]; readonly messages: number };

/** Options of {@link runQos1Load}. */
export type Qos1LoadOptions = {
  /** Broker URL, `mqtt://host:port`. */
  readonly url: string;
  /** Client id prefix; `-<connection>` is appended. Sessions are clean. */
  readonly clientId: string;
  /** Unacknowledged publishes per connection, 1-65535. Default 2000. */
  readonly window?: number;
  /** Fail when publishes wait and no PUBACK came for this long. Default 10,000 ms. */
  readonly stallMs?: number;
};

/** What a run did. */
export type Qos1LoadResult = {
  readonly published: number;
  readonly acknowledged: number;
  readonly seconds: number;
  /** Socket writes of PUBLISH packets (the fewer, the larger). */
  readonly writes: number;
};

const MAX_PACKET_ID = 65_535;
const PINGREQ = Buffer.from([0xc0, 0x00]);
const DISCONNECT = Buffer.from([0xe0, 0x00]);
const KEEPALIVE_S = 60;

/** Encode every publish once, spread over `connections` connections (default 1). */
export function encodeQos1Load(messages: readonly LoadMessage[], connections = 1): EncodedLoad {
  if (!Number.isInteger(connections) || connections < 1) throw new RangeError('connections must be >= 1');
  const streams: EncodedStream[] = [];
  for (let c = 0; c < connections; c++) {
    const packets: Buffer[] = [];
    for (let i = c; i < messages.length; i += connections) {
      const m = messages[i] as LoadMessage;
      const messageId = (packets.length % MAX_PACKET_ID) + 1;
      const payload = typeof m.payload === 'string' ? Buffer.from(m.payload) : m.payload;
      packets.push(
        mqttPacket.generate({
          cmd: 'publish',
          topic: m.topic,
          payload,
          qos: 1,
          messageId,
          dup: false,
          retain: false,
        }),
      );
    }
    const offsets = new Uint32Array(packets.length + 1);
    for (let k = 0; k < packets.length; k++)
      offsets[k + 1] = (offsets[k] as number) + (packets[k] as Buffer).length;
    streams.push({ bytes: Buffer.concat(packets), offsets, count: packets.length });
  }
  return { streams, messages: messages.length };
}

/** Why a run failed. */
export class Qos1LoadError extends Error {
  override readonly name = 'Qos1LoadError';
  constructor(
    message: string,
    readonly unacknowledged: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

type Progress = { writes: number; acked: number };

/** Where one connection's run goes and how. */
type StreamTarget = {
  readonly host: string;
  readonly port: number;
  readonly clientId: string;
  readonly window: number;
  readonly stallMs: number;
};

/**
 * Split a chunk of received bytes into MQTT packets (type byte, body), keeping an incomplete tail:
 * the remaining length is 1-4 bytes of 7 bits each (MQTT 3.1.1 §2.2.3).
 */
function splitPackets(data: Buffer, onPacket: (type: number, body: Buffer) => void): Buffer | null {
  let at = 0;
  for (;;) {
    let length = 0;
    let shift = 0;
    let pos = at + 1;
    let complete = false;
    while (pos < data.length && shift <= 21) {
      const b = data[pos++] as number;
      length += (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) {
        complete = true;
        break;
      }
    }
    if (!complete || pos + length > data.length) break;
    onPacket(data[at] as number, data.subarray(pos, pos + length));
    at = pos + length;
  }
  return at < data.length ? Buffer.from(data.subarray(at)) : null;
}

/** One connection's run: `done` resolves when every publish of its stream is acknowledged. */
function runStream(
  stream: EncodedStream,
  target: StreamTarget,
  progress: Progress,
): { done: Promise<void>; abort: (error: Error) => void } {
  const { window, stallMs, clientId } = target;
  const socket: Socket = connect({ host: target.host, port: target.port, noDelay: true });
  const inFlight = new Uint8Array(MAX_PACKET_ID + 1);
  const refill = Math.max(1, Math.floor(window / 8));
  let pending = 0;
  let next = 0;
  let acked = 0;
  let connected = false;
  let draining = false;
  let leftover: Buffer | null = null;
  let lastAckMs = performance.now();
  let lastPingMs = lastAckMs;
  let settle: (error: Error | null) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    settle = (error) => {
      settle = () => undefined;
      clearInterval(timer);
      if (error === null) {
        socket.end(DISCONNECT);
        resolve();
      } else {
        socket.destroy();
        reject(new Qos1LoadError(`${clientId}: ${error.message}`, stream.count - acked, { cause: error }));
      }
    };
  });
  // Write when an eighth of the window is free (or the rest fits): few large writes, not one per ack.
  const pump = (): void => {
    if (!connected || draining || next >= stream.count) return;
    const room = window - pending;
    if (room < refill && stream.count - next > room) return;
    const first = next;
    while (next < stream.count && pending < window) {
      const id = (next % MAX_PACKET_ID) + 1;
      if (inFlight[id] === 1) break;
      inFlight[id] = 1;
      pending += 1;
      next += 1;
    }
    if (next === first) return;
    progress.writes += 1;
    if (!socket.write(stream.bytes.subarray(stream.offsets[first], stream.offsets[next]))) draining = true;
  };
  const onPacket = (type: number, body: Buffer): void => {
    if (type === 0x40 && body.length === 2) {
      const id = body.readUInt16BE(0);
      if (inFlight[id] !== 1) throw new Error(`PUBACK for packet id ${id}, which is not in flight`);
      inFlight[id] = 0;
      pending -= 1;
      acked += 1;
      progress.acked += 1;
      lastAckMs = performance.now();
    } else if (type === 0x20 && body.length === 2) {
      if (body[1] !== 0) throw new Error(`CONNECT refused, return code ${body[1]}`);
      connected = true;
    } else if (type !== 0xd0) {
      throw new Error(`unexpected packet 0x${type.toString(16)} of ${body.length} bytes`);
    }
  };
  socket.on('data', (chunk: Buffer) => {
    try {
      leftover = splitPackets(leftover === null ? chunk : Buffer.concat([leftover, chunk]), onPacket);
    } catch (err) {
      settle(err as Error);
      return;
    }
    if (acked === stream.count) settle(null);
    else pump();
  });
  socket.on('drain', () => {
    draining = false;
    pump();
  });
  socket.on('error', (err) => settle(err));
  socket.on('close', () => settle(new Error('connection closed')));
  socket.on('connect', () => {
    socket.write(
      mqttPacket.generate({
        cmd: 'connect',
        protocolId: 'MQTT',
        protocolVersion: 4,
        clientId,
        clean: true,
        keepalive: KEEPALIVE_S,
      }),
    );
  });
  const timer = setInterval(
    () => {
      const now = performance.now();
      if (pending > 0 && now - lastAckMs > stallMs)
        settle(new Error(`no PUBACK for ${stallMs} ms with ${pending} publishes in flight`));
      else if (now - lastPingMs > (KEEPALIVE_S * 1000) / 2) {
        lastPingMs = now;
        socket.write(PINGREQ);
      }
    },
    Math.min(1000, stallMs / 4),
  );
  return { done, abort: (error) => settle(error) };
}

/**
 * Publish an encoded load at QoS 1 and resolve once every publish is acknowledged; reject with a
 * {@link Qos1LoadError} (and close every connection) as soon as one connection fails.
 */
export async function runQos1Load(load: EncodedLoad, options: Qos1LoadOptions): Promise<Qos1LoadResult> {
  const window = options.window ?? 2000;
  if (!Number.isInteger(window) || window < 1 || window > MAX_PACKET_ID)
    throw new RangeError(`window must be an integer 1-${MAX_PACKET_ID}, got ${window}`);
  const stallMs = options.stallMs ?? 10_000;
  const url = new URL(options.url);
  const host = url.hostname;
  const port = url.port === '' ? 1883 : Number(url.port);
  const progress: Progress = { writes: 0, acked: 0 };
  const started = performance.now();
  const runs = load.streams
    .filter((s) => s.count > 0)
    .map((s, c) =>
      runStream(s, { host, port, clientId: `${options.clientId}-${c}`, window, stallMs }, progress),
    );
  try {
    await Promise.all(runs.map((r) => r.done));
  } catch (err) {
    for (const r of runs) r.abort(new Error('another connection of the load failed'));
    throw err;
  }
  return {
    published: load.messages,
    acknowledged: progress.acked,
    seconds: (performance.now() - started) / 1000,
    writes: progress.writes,
  };
}
