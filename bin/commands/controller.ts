/**
 * @module bin/commands/controller
 * `its controller --scenario <s> [--intersections <ids>] --opcua-port <p> [--mqtt <url>] [--pki <dir>]`:
 * runs a scenario's signal controllers (all, or the named ones) on the wall clock, serves them over
 * OPC UA and publishes SPaT at 10 Hz over MQTT. OPC UA users come from `ITS_OPCUA_USERS`
 * (`name:password:operator|observer`, comma separated) so passwords stay off the command line; the
 * MQTT identity from `ITS_MQTT_USERNAME`/`ITS_MQTT_PASSWORD` (`ctl.<region>.<id>`: under broker
 * authentication one process per intersection, `--intersections <id>`).
 * Prints `opcua <endpoint>` and `ready` when serving.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ConfigError, SystemClock } from '../../core/index.ts';
import { loadScenario } from '../../core/scenario/index.ts';
import { createController } from '../../controllers/index.ts';
import { startOpcuaServer, type OpcuaUser } from '../../controllers/adapters/opcua/index.ts';
import { connectSpatPublisher, type SpatPublisher } from '../../controllers/adapters/mqtt/index.ts';
import { ControllerRuntime } from '../../controllers/runtime/index.ts';
import { mqttCredentialsFromEnv } from '../../core/security/index.ts';

/** Parse `ITS_OPCUA_USERS`. */
export function parseUsers(text: string | undefined): OpcuaUser[] {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((entry, i) => {
    const [username, password, role] = entry.split(':');
    if (!username || !password || (role !== 'operator' && role !== 'observer'))
      throw new ConfigError(`ITS_OPCUA_USERS[${i}]`, 'must be name:password:operator|observer');
    return { username, password, role };
  });
}

export function register(program: Command): void {
  program
    .command('controller')
    .description('run signal controllers with an OPC UA server and SPaT over MQTT')
    .requiredOption('--scenario <path>', 'scenario directory or scenario.json')
    .option('--intersections <ids>', 'comma-separated intersection ids (default: all)')
    .requiredOption('--opcua-port <port>', 'OPC UA TCP port')
    .option('--mqtt <url>', 'MQTT broker URL for SPaT (none: no SPaT)')
    .option('--pki <dir>', 'OPC UA PKI folder', join(tmpdir(), 'its-controller-pki'))
    .option(
      '--trust-unknown-clients',
      'accept any OPC UA client certificate (tests only; otherwise trust the edges with its pki opcua)',
    )
    .action(
      async (opts: {
        scenario: string;
        intersections?: string;
        opcuaPort: string;
        mqtt?: string;
        pki: string;
        trustUnknownClients?: boolean;
      }) => {
        const scenario = loadScenario(opts.scenario);
        const wanted = opts.intersections?.split(',').map((s) => s.trim());
        const chosen = scenario.intersections.filter((x) => wanted === undefined || wanted.includes(x.id));
        for (const id of wanted ?? [])
          if (!chosen.some((x) => x.id === id))
            throw new ConfigError('--intersections', `no intersection ${id}`);
        if (chosen.length === 0)
          throw new ConfigError('--scenario', 'the scenario has no signalized intersections');
        const port = Number(opts.opcuaPort);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new ConfigError('--opcua-port', 'must be a TCP port number');
        const clock = new SystemClock();
        const controllers = chosen.map((x) =>
          createController(x, {
            onEvent: (e) => console.log(`event ${e.intersectionId} ${e.type} ${e.detail}`),
          }),
        );
        let spat: SpatPublisher | null = null;
        if (opts.mqtt !== undefined)
          spat = connectSpatPublisher({
            url: opts.mqtt,
            clientId: `its-controller-${process.pid}`,
            regions: new Map(chosen.map((x) => [x.id, x.region])),
            ...mqttCredentialsFromEnv(),
          });
        const runtime = new ControllerRuntime(controllers, clock, {
          ...(spat === null ? {} : { publish: (m) => spat?.publish(m) }),
        });
        runtime.start();
        const server = await startOpcuaServer(controllers, {
          port,
          pkiDir: opts.pki,
          users: parseUsers(process.env.ITS_OPCUA_USERS),
          // Only certificates in <pki>/trusted (its pki opcua puts the edges' there), unless told.
          trustUnknownClients: opts.trustUnknownClients === true,
        });
        if (opts.trustUnknownClients === true)
          console.error('its controller: accepting any OPC UA client certificate (--trust-unknown-clients)');
        console.log(`opcua ${server.endpointUrl}`);
        console.log(`ready ${controllers.length} intersection(s)`);
        const stop = async (): Promise<void> => {
          runtime.stop();
          await server.stop();
          await spat?.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void stop());
        process.once('SIGTERM', () => void stop());
      },
    );
}
