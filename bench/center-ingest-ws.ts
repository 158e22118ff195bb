/**
 * @module bench/center-ingest-ws
 * What the center benches' WebSocket clients share: a client subscribed to channels, and a clock
 * that two processes of one machine read alike.
 */
import WebSocket from 'ws';

/** Epoch milliseconds with sub-millisecond resolution, comparable across processes of one machine. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

/** A WebSocket client of the center subscribed to `channels`; resolves once every snapshot came. */
export async function openWs(port: number, channels: readonly string[], onFrame: (text: string) => void) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let snapshots = 0;
  const subscribed = new Promise<void>((resolve) => {
    ws.on('message', (data) => {
      const text = data.toString();
      if (snapshots < channels.length && text.startsWith('{"type":"snapshot"')) {
        if (++snapshots === channels.length) resolve();
        return;
      }
      onFrame(text);
    });
  });
  for (const channel of channels) ws.send(JSON.stringify({ op: 'subscribe', channel }));
  await subscribed;
  return ws;
}
