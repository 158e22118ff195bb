/**
 * @module bin/demo/free-port
 * Port choice for the demo's listeners: the wanted port when it is free, any free port otherwise
 * (issue 10: the demo takes a free port where a default is taken and prints it).
 */
import { createServer } from 'node:net';

function tryListen(port: number, host: string): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(null));
    server.listen(port, host, () => {
      const address = server.address();
      const got = typeof address === 'object' && address !== null ? address.port : null;
      server.close(() => resolve(got));
    });
  });
}

/** `wanted` if it can be bound on `host` now (0 = any), else a free port the system picks. */
export async function choosePort(wanted: number, host = '127.0.0.1'): Promise<number> {
  const got = await tryListen(wanted, host);
  if (got !== null) return got;
  const any = await tryListen(0, host);
  if (any === null) throw new Error(`no free TCP port on ${host}`);
  return any;
}
