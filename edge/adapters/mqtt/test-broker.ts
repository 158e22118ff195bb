/**
 * @module edge/adapters/mqtt/test-broker
 * An aedes broker on a real TCP port for integration tests (port 0 by default, so tests never collide
 * with the machine's Mosquitto on 1883). It can be stopped and started again on the same port to play
 * a broker outage.
 */
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { Aedes } from 'aedes';

/** A running test broker. */
export type TestBroker = {
  readonly url: string;
  readonly port: number;
  /** Stop accepting and drop every connection (the port is released). */
  stop(): Promise<void>;
  /** Listen again on the same port with a fresh broker (sessions are lost, as after a crash). */
  restart(): Promise<void>;
  /** Drop every connection and stop listening, keeping the broker and its sessions (a network outage). */
  pause(): Promise<void>;
  /** Listen again after {@link TestBroker.pause}. */
  resume(): Promise<void>;
  readonly broker: () => Aedes;
};

async function listen(
  port: number,
  existing?: Aedes,
): Promise<{ server: Server; broker: Aedes; sockets: Set<Socket> }> {
  const broker = existing ?? (await Aedes.createBroker());
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    broker.handle(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { server, broker, sockets };
}

/** Start an aedes broker on 127.0.0.1 (port 0 picks a free one). */
export async function startTestBroker(port = 0): Promise<TestBroker> {
  let current: Awaited<ReturnType<typeof listen>> | null = await listen(port);
  const actualPort = (current.server.address() as AddressInfo).port;
  let paused: Aedes | null = null;
  const stop = async (): Promise<void> => {
    if (paused !== null) {
      const broker = paused;
      paused = null;
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    }
    if (current === null) return;
    const { server, broker, sockets } = current;
    current = null;
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await new Promise<void>((resolve) => broker.close(() => resolve()));
  };
  return {
    url: `mqtt://127.0.0.1:${actualPort}`,
    port: actualPort,
    stop,
    restart: async () => {
      await stop();
      current = await listen(actualPort);
    },
    pause: async () => {
      if (current === null) return;
      const { server, sockets } = current;
      paused = current.broker;
      current = null;
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    resume: async () => {
      if (paused === null) return;
      current = await listen(actualPort, paused);
      paused = null;
    },
    broker: () => {
      if (current === null) throw new Error('test broker is stopped');
      return current.broker;
    },
  };
}
