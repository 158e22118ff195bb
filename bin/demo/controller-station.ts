/**
 * @module bin/demo/controller-station
 * The scenario's signal controllers as the demo runs them: the controllers' firmware stepped by their
 * runtime on the demo clock, SPaT at 10 Hz over MQTT, and one OPC UA server exposing every
 * intersection with an operator account for the edges — what `its controller` runs as a process.
 */
import type { Scenario } from '../../core/index.ts';
import { createController, type SignalController } from '../../controllers/index.ts';
import { ControllerRuntime } from '../../controllers/runtime/index.ts';
import { connectSpatPublishers, type SpatPublisher } from '../../controllers/adapters/mqtt/index.ts';
import { startOpcuaServer, type OpcuaServerHandle } from '../../controllers/adapters/opcua/index.ts';
import type { ScaledClock } from '../../core/index.ts';

/** Options of {@link startControllerStation}. */
export type ControllerStationOptions = {
  readonly scenario: Scenario;
  readonly clock: ScaledClock;
  readonly mqttUrl: string;
  /** MQTT credentials of each intersection's controller identity; omitted = anonymous. */
  readonly mqttCredentialsOf?: (intersectionId: string) => { username: string; password: string } | undefined;
  readonly opcuaPort: number;
  readonly pkiDir: string;
  /** Accept any client certificate. Default true; the demo trusts only its edges' certificates. */
  readonly trustUnknownClients?: boolean;
  readonly operator: { readonly username: string; readonly password: string };
  readonly log: (line: string) => void;
};

/** The running controllers. */
export type ControllerStation = {
  readonly controllers: ReadonlyMap<string, SignalController>;
  readonly opcuaEndpoint: string;
  close(): Promise<void>;
};

/** Create, run and serve every controller of the scenario. */
export async function startControllerStation(options: ControllerStationOptions): Promise<ControllerStation> {
  const { scenario, clock } = options;
  const controllers = new Map<string, SignalController>();
  for (const x of scenario.intersections)
    controllers.set(
      x.id,
      createController(x, {
        // The watchdog counts simulated time; at high speed a wall-time hiccup of the edge's OPC UA
        // calls would otherwise drop every controller back to its local plan.
        watchdogTimeoutS: Math.max(30, 5 * clock.speed),
        onEvent: (e) => options.log(`controller ${e.intersectionId}: ${e.detail}`),
      }),
    );
  const spat: SpatPublisher = connectSpatPublishers({
    url: options.mqttUrl,
    clientId: `its-demo-controllers-${process.pid}`,
    regions: new Map(scenario.intersections.map((x) => [x.id, x.region])),
    now: () => clock.now(),
    ...(options.mqttCredentialsOf === undefined ? {} : { credentialsOf: options.mqttCredentialsOf }),
  });
  const runtime = new ControllerRuntime([...controllers.values()], clock, {
    // 10 Hz of simulated time would be speed x 10 Hz of wall time; SPaT stays at 10 Hz of wall time.
    spatEveryMs: 100 * clock.speed,
    publish: (m) => spat.publish(m),
  });
  runtime.start();
  let server: OpcuaServerHandle;
  try {
    server = await startOpcuaServer([...controllers.values()], {
      port: options.opcuaPort,
      pkiDir: options.pkiDir,
      users: [{ ...options.operator, role: 'operator' }],
      trustUnknownClients: options.trustUnknownClients ?? true,
      hostname: '127.0.0.1',
    });
  } catch (err) {
    runtime.stop();
    await spat.close();
    throw err;
  }
  return {
    controllers,
    opcuaEndpoint: server.endpointUrl,
    async close() {
      await server.stop();
      runtime.stop();
      await spat.close();
    },
  };
}
