/**
 * @module edge/runtime/controller-links
 * The controllers an edge drives: those handed in from this process (the simulator's, tests'), and
 * those reached over OPC UA, one session per endpoint, of which only this region's intersections are
 * kept. The runtime waits for every endpoint's session before it starts.
 */
import { SystemClock, type Scenario } from '../../core/index.ts';
import { connectControllerClient, type ControllerClient } from '../adapters/opcua/index.ts';
import type { ControllerLink } from '../node/index.ts';
import type { EdgeRuntimeOptions } from './edge-runtime-options.ts';
import type { ShutdownSequence } from './shutdown.ts';

/** The region's controller links and the OPC UA sessions behind some of them. */
export type ControllerLinks = {
  /** Controller links by intersection id. */
  readonly links: Map<string, ControllerLink>;
  /** Commands the OPC UA sessions failed to write, or null with no OPC UA controller. */
  failedCommands(): number | null;
};

/** Connect the OPC UA controllers of `region` (each session closed by `shutdown`) beside the in-process ones. */
export async function connectControllerLinks(
  options: Pick<EdgeRuntimeOptions, 'opcua' | 'controllers'>,
  scenario: Scenario,
  region: string,
  shutdown: ShutdownSequence,
): Promise<ControllerLinks> {
  const links = new Map<string, ControllerLink>(options.controllers ?? []);
  const clients: ControllerClient[] = [];
  if (options.opcua !== undefined) {
    const mine = new Set(scenario.intersections.filter((x) => x.region === region).map((x) => x.id));
    for (const endpointUrl of options.opcua.endpoints) {
      const client: ControllerClient = await connectControllerClient({
        endpointUrl,
        username: options.opcua.username,
        password: options.opcua.password,
        pkiDir: options.opcua.pkiDir,
        trustUnknownServers: options.opcua.trustUnknownServers ?? false,
        // Connection liveness is a matter of wall time, whatever the simulation speed.
        clock: new SystemClock(),
      });
      shutdown.closer(() => client.close());
      clients.push(client);
      for (const [id, link] of client.links) if (mine.has(id)) links.set(id, link);
    }
  }
  return {
    links,
    failedCommands: () => (clients.length === 0 ? null : clients.reduce((n, c) => n + c.failedCommands(), 0)),
  };
}
