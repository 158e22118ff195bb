/**
 * @module bin/commands/broker
 * `its broker [--host] [--port]`: runs the embedded MQTT broker as its own process. A taken port is
 * refused with a message naming `--port` (the demo, instead, moves to a free port).
 */
import type { Command } from 'commander';
import { ConfigError } from '../../core/errors/index.ts';
import { PortTakenError, startEmbeddedBroker } from '../../broker/index.ts';

export function register(program: Command): void {
  program
    .command('broker')
    .description('run the embedded MQTT 3.1.1 broker (aedes) on a TCP port')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--port <port>', 'TCP port (0 = any free port)', '1883')
    .action(async (opts: { host: string; port: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new ConfigError('--port', `must be an integer 0-65535, got ${JSON.stringify(opts.port)}`);
      }
      let broker;
      try {
        broker = await startEmbeddedBroker({ host: opts.host, port, whenPortTaken: 'fail' });
      } catch (err) {
        if (err instanceof PortTakenError) throw new ConfigError('--port', err.message, { cause: err });
        throw err;
      }
      process.stdout.write(`MQTT broker listening on ${broker.url}\n`);
      const stop = (): void => {
        void broker.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
