/**
 * @module controllers/adapters/mqtt/test-broker
 * An embedded aedes broker on 127.0.0.1, port 0, for integration tests (the machine's Mosquitto holds
 * 1883). Sockets get TCP_NODELAY like every socket we own.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { Aedes } from 'aedes';

/** A running broker. */
export type Broker = { readonly url: string; stop(): Promise<void> };

/** Start an aedes broker on a free port. */
export async function startBroker(): Promise<Broker> {
  const aedes = await Aedes.createBroker();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    aedes.handle(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    async stop(): Promise<void> {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
    },
  };
}
