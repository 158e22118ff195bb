/**
 * @module broker/adapters/aedes/aedes-broker
 * The embedded MQTT 3.1.1 broker: aedes on a real TCP port with TCP_NODELAY on every socket (Nagle
 * adds 20-30 ms per QoS 0 message on these machines; BRIEF).
 */
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import { Aedes } from 'aedes';
import type { BrokerOptions, BrokerStats, MessageBroker } from '../../broker.ts';
import { PortTakenError } from '../../broker.ts';
import { readTlsFiles } from '../../tls/index.ts';

type MutableStats = { -readonly [K in keyof BrokerStats]: BrokerStats[K] };

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Start aedes on a TCP port. Rejects with PortTakenError when the port is in use and `whenPortTaken` is `fail`. */
export async function startEmbeddedBroker(options: BrokerOptions = {}): Promise<MessageBroker> {
  const host = options.host ?? '127.0.0.1';
  const wanted = options.port ?? 1883;
  const auth = options.auth ?? {};
  // Read certificate files before anything listens, so a bad path fails the start cleanly.
  const tlsContext = options.tls === undefined ? null : readTlsFiles(options.tls);
  const stats: MutableStats = {
    clientsConnected: 0,
    messagesPublished: 0,
    clientErrors: 0,
    refusedConnections: 0,
    refusedPublishes: 0,
    refusedSubscriptions: 0,
    refusedPayloads: 0,
  };
  /** Common names of verified client certificates, by connection (TLS listener only). */
  const certNames = new WeakMap<object, string>();
  const users = new WeakMap<object, string>();
  const clientUser = (client: object): string | undefined => users.get(client);
  const aedes = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      const cn = certNames.get(client.conn);
      if (cn !== undefined) {
        // A verified certificate names the identity; a username, if sent, must agree with it.
        const ok =
          (username === undefined || username === cn) &&
          (auth.authenticateCertificate?.(client.id, cn) ?? true);
        if (!ok) stats.refusedConnections++;
        else users.set(client, cn);
        done(null, ok);
        return;
      }
      const ok = auth.authenticate?.(client.id, username, password?.toString('utf8')) ?? true;
      if (!ok) stats.refusedConnections++;
      else if (username !== undefined) users.set(client, username);
      done(null, ok);
    },
    authorizePublish: (client, packet, done) => {
      const ok =
        client === null || (auth.authorizePublish?.(client.id, clientUser(client), packet.topic) ?? true);
      if (!ok) stats.refusedPublishes++;
      const payloadOk =
        !ok ||
        client === null ||
        (auth.authorizePayload?.(client.id, clientUser(client), packet.topic, packet.payload as Uint8Array) ??
          true);
      if (!payloadOk) stats.refusedPayloads++;
      done(
        !ok
          ? new Error(`publish to ${packet.topic} not authorized`)
          : !payloadOk
            ? new Error(`payload on ${packet.topic} not authorized for this client`)
            : null,
      );
    },
    authorizeSubscribe: (client, sub, done) => {
      const ok = auth.authorizeSubscribe?.(client.id, clientUser(client), sub.topic) ?? true;
      if (!ok) stats.refusedSubscriptions++;
      // A null subscription makes aedes answer SUBACK 0x80 (failure) instead of dropping the client.
      done(null, ok ? sub : null);
    },
  });
  aedes.on('client', () => stats.clientsConnected++);
  aedes.on('clientDisconnect', () => stats.clientsConnected--);
  aedes.on('clientError', () => stats.clientErrors++);
  aedes.on('connectionError', () => stats.clientErrors++);
  aedes.on('publish', (_packet, client) => {
    if (client !== null) stats.messagesPublished++;
  });

  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A client vanishing mid-write must not take the broker down.
    socket.on('error', () => stats.clientErrors++);
    aedes.handle(socket);
  });

  let port: number;
  try {
    port = await listen(server, host, wanted);
  } catch (err) {
    const taken = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
    if (!taken || (options.whenPortTaken ?? 'fail') === 'fail') {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      throw taken ? new PortTakenError(wanted, '--port', { cause: err }) : err;
    }
    port = await listen(server, host, 0);
  }

  let tlsServer: Server | null = null;
  let tlsPort: number | undefined;
  if (options.tls !== undefined && tlsContext !== null) {
    const t = options.tls;
    const requireCert = t.requireClientCert ?? false;
    tlsServer = createTlsServer(
      {
        ...readTlsFiles(t),
        requestCert: requireCert,
        rejectUnauthorized: requireCert,
        minVersion: 'TLSv1.2',
      },
      (socket: TLSSocket) => {
        socket.setNoDelay(true);
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => stats.clientErrors++);
        const cn = socket.authorized ? socket.getPeerCertificate().subject?.CN : undefined;
        if (typeof cn === 'string' && cn !== '') certNames.set(socket, cn);
        aedes.handle(socket);
      },
    );
    // Handshake failures (an untrusted client certificate) are counted, not thrown.
    tlsServer.on('tlsClientError', () => stats.refusedConnections++);
    try {
      tlsPort = await listen(tlsServer, host, t.port ?? 8883);
    } catch (err) {
      await new Promise<void>((resolve) => server.close(() => aedes.close(() => resolve())));
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new PortTakenError(t.port ?? 8883, '--tls-port', { cause: err });
      }
      throw err;
    }
  }

  return {
    url: `mqtt://${host}:${port}`,
    port,
    ...(tlsPort === undefined ? {} : { tlsUrl: `mqtts://${host}:${tlsPort}`, tlsPort }),
    stats: () => ({ ...stats }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        const closeTls = (next: () => void): void => {
          if (tlsServer === null) next();
          else tlsServer.close(() => next());
        };
        closeTls(() => server.close(() => aedes.close(() => resolve())));
      }),
  };
}
