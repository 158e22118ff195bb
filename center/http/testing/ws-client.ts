/**
 * @module center/http/testing/ws-client
 * A WebSocket test client that queues incoming JSON frames and waits for the one a test expects.
 */
import WebSocket from 'ws';

/** A connected test client. */
export type TestWsClient = {
  /** Frames received so far (parsed JSON). */
  readonly frames: unknown[];
  send(value: unknown): void;
  /** Resolve with the first frame (received or future) matching `match`; reject after 5 s. */
  next(match: (frame: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  close(): Promise<void>;
  readonly closed: Promise<number>;
};

/** Connect to `ws://127.0.0.1:<port><path>`. */
export async function connectWsClient(
  port: number,
  path = '/ws',
  headers: Readonly<Record<string, string>> = {},
): Promise<TestWsClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers });
  const frames: unknown[] = [];
  const waiters: {
    match: (f: Record<string, unknown>) => boolean;
    resolve: (f: Record<string, unknown>) => void;
  }[] = [];
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Record<string, unknown>;
    frames.push(frame);
    for (const w of [...waiters]) {
      if (w.match(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    frames,
    closed,
    send: (value) => ws.send(typeof value === 'string' ? value : JSON.stringify(value)),
    next: (match) => {
      const seen = frames.find((f) => match(f as Record<string, unknown>));
      if (seen !== undefined) return Promise.resolve(seen as Record<string, unknown>);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching WebSocket frame within 5 s')), 5000);
        waiters.push({
          match,
          resolve: (f) => {
            clearTimeout(timer);
            resolve(f);
          },
        });
      });
    },
    close: async () => {
      if (ws.readyState === ws.CLOSED) return;
      ws.close();
      await closed;
    },
  };
}

/** Try an upgrade to `ws://127.0.0.1:<port><path>` that the server is expected to refuse: its status and body. */
export function refusedUpgrade(
  port: number,
  path = '/ws',
  headers: Readonly<Record<string, string>> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers });
    ws.once('open', () => {
      ws.terminate();
      reject(new Error('the upgrade was accepted'));
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    ws.once('error', reject);
  });
}

/** Connect, send `text`, and resolve with the close code the connection ends with (1006: no close frame). */
export function rawWsClose(port: number, text: string, path = '/ws'): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`);
    ws.once('open', () => ws.send(text));
    ws.once('close', (code) => resolve(code));
    ws.on('error', () => undefined);
    setTimeout(() => reject(new Error('not closed within 5 s')), 5000).unref();
  });
}
