/**
 * @module firmware-bridge/adapters/tcp/tcp-source
 * A receiver behind a TCP socket (a serial-to-Ethernet converter, or a line-oriented service): TCP_NODELAY
 * on, reconnect with exponential backoff whenever the connection drops or cannot be made.
 */
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { backoffDelayMs, DEFAULT_BACKOFF } from '../../reconnect/index.ts';
import type { BackoffOptions } from '../../reconnect/index.ts';
import type { ByteSource } from '../stream/index.ts';

/** Options of {@link tcpSource}. */
export type TcpSourceOptions = {
  readonly host: string;
  readonly port: number;
  readonly backoff?: BackoffOptions;
  /** Sent after each connect (e.g. gpsd's `?WATCH=...`). */
  readonly greeting?: string;
  readonly onEvent?: (event: 'connect' | 'close' | 'error', detail: string) => void;
};

/** Parse `host:port`; returns null when malformed. */
export function parseHostPort(text: string): { host: string; port: number } | null {
  const m = /^(.+):(\d{1,5})$/.exec(text);
  if (m === null) return null;
  const port = Number(m[2]);
  if (port < 1 || port > 65_535) return null;
  return { host: (m[1] ?? '').replace(/^\[|\]$/g, ''), port };
}

/** A reconnecting TCP byte source; `run` resolves only after `stop`. */
export function tcpSource(options: TcpSourceOptions): ByteSource {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  let stopped = false;
  let socket: Socket | null = null;
  let timer: NodeJS.Timeout | null = null;
  let finish: (() => void) | null = null;
  return {
    run: (onData) =>
      new Promise<void>((resolve) => {
        finish = resolve;
        let attempt = 0;
        const open = (): void => {
          if (stopped) return;
          const s = connect({ host: options.host, port: options.port, noDelay: true });
          socket = s;
          s.on('connect', () => {
            attempt = 0;
            options.onEvent?.('connect', `${options.host}:${options.port}`);
            if (options.greeting !== undefined) s.write(options.greeting);
          });
          s.on('data', onData);
          s.on('error', (err) => options.onEvent?.('error', err.message));
          s.on('close', () => {
            if (stopped) return;
            const delay = backoffDelayMs(attempt++, backoff);
            options.onEvent?.('close', `reconnect in ${delay} ms`);
            timer = setTimeout(open, delay);
          });
        };
        open();
      }),
    stop: () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      socket?.destroy();
      finish?.();
    },
  };
}
