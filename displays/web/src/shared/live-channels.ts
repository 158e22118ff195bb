/**
 * @module displays/web/shared/live-channels
 * The center's WebSocket channels (`core/api/ws-frames`): subscribe, receive a snapshot then deltas,
 * and reconnect after a loss with capped exponential backoff (1 s doubling to 15 s), subscribing again
 * to every channel so each gets a fresh snapshot. A ping every 10 s keeps the connection's liveness
 * known: `lastFrameAt` is the time any frame last arrived.
 */
import type { ServerFrame } from '../../../../core/api/index.ts';
import { ServerClock } from './server-clock.ts';

/** The center's clock as heard in the frames of every channel of this page. */
export const serverClock = new ServerClock();

/**
 * The center's clock now, from the `at` of the frames it sends, at the rate they show. The center may
 * run a scaled or virtual clock (the demo, the simulator), so expiries and "now" lines use its time,
 * not the browser's.
 */
export function serverNow(): number {
  return serverClock.now(Date.now());
}

/** What a page hears from its channels. */
export type LiveHandlers = {
  readonly snapshot: (channel: string, data: unknown) => void;
  readonly delta: (channel: string, data: unknown) => void;
  readonly status?: (connected: boolean) => void;
};

/** A reconnecting subscription to some channels. */
export class LiveChannels {
  readonly #channels: readonly string[];
  readonly #handlers: LiveHandlers;
  #ws: WebSocket | null = null;
  #backoffMs = 1000;
  #pingTimer: number | undefined;
  #closed = false;
  /** `Date.now()` when the last frame arrived (0 before the first). */
  lastFrameAt = 0;
  connected = false;

  constructor(channels: readonly string[], handlers: LiveHandlers) {
    this.#channels = channels;
    this.#handlers = handlers;
    this.#connect();
  }

  #connect(): void {
    if (this.#closed) return;
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${proto}//${location.host}/ws`);
    this.#ws = ws;
    ws.onopen = () => {
      this.#backoffMs = 1000;
      this.connected = true;
      serverClock.reset();
      this.#handlers.status?.(true);
      for (const channel of this.#channels) ws.send(JSON.stringify({ op: 'subscribe', channel }));
      const ping = (): void => ws.send(JSON.stringify({ op: 'ping' }));
      // One early ping: its pong, 3 s after the snapshot, gives the clock its rate (a quiet
      // channel's clock otherwise ran at the browser's pace for its first 10 s).
      window.setTimeout(ping, 3_000);
      this.#pingTimer = window.setInterval(ping, 10_000);
    };
    ws.onmessage = (ev: MessageEvent<string>) => {
      this.lastFrameAt = Date.now();
      let frame: ServerFrame;
      try {
        frame = JSON.parse(ev.data) as ServerFrame;
      } catch {
        return;
      }
      if ('at' in frame) serverClock.observe(frame.at, this.lastFrameAt);
      if (frame.type === 'snapshot') this.#handlers.snapshot(frame.channel, frame.data);
      else if (frame.type === 'delta') this.#handlers.delta(frame.channel, frame.data);
    };
    ws.onclose = () => {
      window.clearInterval(this.#pingTimer);
      if (this.connected) this.#handlers.status?.(false);
      this.connected = false;
      this.#ws = null;
      if (this.#closed) return;
      const wait = this.#backoffMs;
      this.#backoffMs = Math.min(15_000, this.#backoffMs * 2);
      window.setTimeout(() => this.#connect(), wait);
    };
    ws.onerror = () => ws.close();
  }

  /** Stop for good. */
  close(): void {
    this.#closed = true;
    this.#ws?.close();
  }
}
