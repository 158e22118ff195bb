/**
 * @module center/http/channel-hub
 * WebSocket channel subscriptions: who listens to what, a snapshot on subscribe, deltas serialized
 * once per channel and written to every subscriber. A client too backed up to keep up misses deltas
 * (counted) rather than growing the server's memory.
 */
import { issuesOf } from '../../core/index.ts';
import type { Metrics } from '../metrics/index.ts';
import type { WsConnection } from './web-server.ts';
import { clientFrameSchema, type ServerFrame } from '../../core/api/index.ts';

/** Options of {@link ChannelHub}. */
export type ChannelHubOptions = {
  /** Current state of a channel; throws NotFoundError for an unknown id. */
  readonly snapshot: (channel: string) => Promise<unknown>;
  readonly now: () => number;
  readonly metrics: Metrics;
  /** A client with more than this many bytes queued is skipped. Default 1 MiB. */
  readonly maxBufferedBytes?: number;
  /** Most channels one connection may hold. Default 200. */
  readonly maxChannelsPerClient?: number;
};

/** Channel subscriptions of every open connection. */
export class ChannelHub {
  readonly #o: ChannelHubOptions;
  readonly #byChannel = new Map<string, Set<WsConnection>>();
  readonly #byConn = new Map<WsConnection, Set<string>>();
  /** Inside {@link ChannelHub.turn}: the frames of the turn per connection, written at its end. */
  #held: Map<WsConnection, string[]> | null = null;

  constructor(options: ChannelHubOptions) {
    this.#o = options;
  }

  open(conn: WsConnection): void {
    this.#byConn.set(conn, new Set());
    this.#o.metrics.set('its_center_ws_clients', 'Open WebSocket connections', this.#byConn.size);
  }

  close(conn: WsConnection): void {
    for (const ch of this.#byConn.get(conn) ?? []) this.#leave(conn, ch);
    this.#byConn.delete(conn);
    this.#o.metrics.set('its_center_ws_clients', 'Open WebSocket connections', this.#byConn.size);
  }

  /** Handle a client frame (bad frames get an `error` frame, never a crash). */
  async message(conn: WsConnection, text: string): Promise<void> {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return this.#send(conn, { type: 'error', code: 'not-json', message: 'frames are JSON' });
    }
    const parsed = clientFrameSchema.safeParse(value);
    if (!parsed.success) {
      const message = issuesOf(parsed.error)
        .map((i) => `${i.path || '(root)'}: ${i.message}`)
        .join('; ');
      return this.#send(conn, { type: 'error', code: 'bad-frame', message });
    }
    const f = parsed.data;
    if (f.op === 'ping') return this.#send(conn, { type: 'pong', at: this.#o.now() });
    if (f.op === 'unsubscribe') {
      this.#leave(conn, f.channel);
      return this.#send(conn, { type: 'unsubscribed', channel: f.channel });
    }
    const mine = this.#byConn.get(conn);
    if (mine === undefined) return;
    if (mine.size >= (this.#o.maxChannelsPerClient ?? 200) && !mine.has(f.channel)) {
      return this.#send(conn, { type: 'error', code: 'too-many-channels', message: 'unsubscribe first' });
    }
    let data: unknown;
    try {
      data = await this.#o.snapshot(f.channel);
    } catch (err) {
      return this.#send(conn, { type: 'error', code: 'not-found', message: (err as Error).message });
    }
    if (!this.#byConn.has(conn)) return;
    mine.add(f.channel);
    const set = this.#byChannel.get(f.channel) ?? new Set();
    set.add(conn);
    this.#byChannel.set(f.channel, set);
    this.#send(conn, { type: 'snapshot', channel: f.channel, at: this.#o.now(), data });
  }

  /** Whether anyone listens to a channel (so callers skip work nobody sees). */
  has(channel: string): boolean {
    return (this.#byChannel.get(channel)?.size ?? 0) > 0;
  }

  /** Channels with subscribers whose name starts with `prefix`. */
  channelsWithPrefix(prefix: string): string[] {
    return [...this.#byChannel.keys()].filter((c) => c.startsWith(prefix));
  }

  /** Send a delta to every subscriber of a channel; returns how many got it (or will, in a turn). */
  publish(channel: string, data: unknown): number {
    const set = this.#byChannel.get(channel);
    if (set === undefined || set.size === 0) return 0;
    return this.#deliver(
      set,
      JSON.stringify({ type: 'delta', channel, at: this.#o.now(), data } satisfies ServerFrame),
    );
  }

  /**
   * {@link ChannelHub.publish} of data already encoded as JSON (`dataJson`), e.g. store updates the
   * store encoded once for its own writes: the frame is spliced around it, not encoded again.
   */
  publishJson(channel: string, dataJson: string): number {
    const set = this.#byChannel.get(channel);
    if (set === undefined || set.size === 0) return 0;
    const head = `{"type":"delta","channel":${JSON.stringify(channel)},"at":${this.#o.now()},"data":`;
    return this.#deliver(set, `${head}${dataJson}}`);
  }

  /**
   * Run `fn`, holding what it publishes to connections that can cork; then write each one's frames
   * in order, corked together. A live-feed turn publishes a `vehicles` delta and up to one board per
   * watched stop: one write per connection instead of one per frame. Connections that cannot cork
   * are written as `fn` publishes, as outside a turn.
   */
  turn(fn: () => void): void {
    if (this.#held !== null) return fn();
    const held = new Map<WsConnection, string[]>();
    this.#held = held;
    try {
      fn();
    } finally {
      this.#held = null;
    }
    let written = 0;
    for (const [conn, texts] of held) {
      const write = (): void => {
        for (const text of texts) if (this.#write(conn, text)) written++;
      };
      if (conn.cork === undefined) write();
      else conn.cork(write);
    }
    this.#counted(written);
  }

  #deliver(set: ReadonlySet<WsConnection>, text: string): number {
    const held = this.#held;
    let sent = 0;
    let written = 0;
    for (const conn of set) {
      if (held === null || conn.cork === undefined) {
        if (this.#write(conn, text)) written++;
        continue;
      }
      const list = held.get(conn);
      if (list === undefined) held.set(conn, [text]);
      else list.push(text);
      sent++;
    }
    this.#counted(written);
    return sent + written;
  }

  /** Write one delta frame unless the client is too backed up (a drop is counted). */
  #write(conn: WsConnection, text: string): boolean {
    if (conn.bufferedBytes() > (this.#o.maxBufferedBytes ?? 1 << 20) || !conn.send(text)) {
      this.#o.metrics.inc('its_center_ws_dropped_total', 'Deltas not sent to a backed-up client');
      return false;
    }
    return true;
  }

  /** Count frames written, once per publish or turn rather than once per client. */
  #counted(written: number): void {
    if (written > 0) this.#o.metrics.inc('its_center_ws_deltas_total', 'Deltas sent to clients', {}, written);
  }

  #leave(conn: WsConnection, channel: string): void {
    this.#byConn.get(conn)?.delete(channel);
    const set = this.#byChannel.get(channel);
    set?.delete(conn);
    if (set?.size === 0) this.#byChannel.delete(channel);
  }

  #send(conn: WsConnection, frame: ServerFrame): void {
    conn.send(JSON.stringify(frame));
  }
}
