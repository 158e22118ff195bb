/**
 * @module firmware-bridge/adapters/serial/serial-source
 * A receiver on a serial port (serialport 13). The port is reopened with exponential backoff when it
 * closes or cannot be opened (a USB receiver unplugged and plugged back in).
 */
import { SerialPort } from 'serialport';
import { backoffDelayMs, DEFAULT_BACKOFF } from '../../reconnect/index.ts';
import type { BackoffOptions } from '../../reconnect/index.ts';
import type { ByteSource } from '../stream/index.ts';

/** Options of {@link serialSource}. */
export type SerialSourceOptions = {
  readonly path: string;
  /** NMEA 0183 is 4800 baud; most modern receivers default to 9600. */
  readonly baudRate: number;
  readonly backoff?: BackoffOptions;
  readonly onEvent?: (event: 'connect' | 'close' | 'error', detail: string) => void;
};

/** A reopening serial byte source; `run` resolves only after `stop`. */
export function serialSource(options: SerialSourceOptions): ByteSource {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  let stopped = false;
  let port: SerialPort | null = null;
  let timer: NodeJS.Timeout | null = null;
  let finish: (() => void) | null = null;
  return {
    run: (onData) =>
      new Promise<void>((resolve) => {
        finish = resolve;
        let attempt = 0;
        const retry = (): void => {
          if (stopped) return;
          const delay = backoffDelayMs(attempt++, backoff);
          options.onEvent?.('close', `reopen in ${delay} ms`);
          timer = setTimeout(open, delay);
        };
        const open = (): void => {
          if (stopped) return;
          const p = new SerialPort({ path: options.path, baudRate: options.baudRate, autoOpen: false });
          port = p;
          p.on('data', onData);
          p.on('close', retry);
          p.on('error', (err: Error) => options.onEvent?.('error', err.message));
          p.open((err) => {
            if (err) {
              options.onEvent?.('error', err.message);
              retry();
              return;
            }
            attempt = 0;
            options.onEvent?.('connect', options.path);
          });
        };
        open();
      }),
    stop: () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      if (port?.isOpen) port.close();
      finish?.();
    },
  };
}
