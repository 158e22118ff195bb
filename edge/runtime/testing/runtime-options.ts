/**
 * @module edge/runtime/testing/runtime-options
 * Test helper: the options of an edge runtime for one region on a test broker, actuated control,
 * no priority, no authentication, an uplink that does not wait at stop, and MQTT client ids of the
 * test's own (`its-<name>-<tag>`), so parallel tests on one broker never share a session.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock, Scenario } from '../../../core/index.ts';
import type { EdgeRuntimeOptions } from '../edge-runtime-options.ts';

export type TestRuntimeSetup = {
  readonly scenario: Scenario;
  readonly region: string;
  readonly clock: Clock;
  readonly brokerUrl: string;
  /** Names the client ids and the database folder. */
  readonly name: string;
  /** The edge's database (default: a new one in a folder of its own). */
  readonly dbFile?: string;
};

/** Options of a test edge runtime; spread and override what the test is about. */
export function testRuntimeOptions(setup: TestRuntimeSetup): EdgeRuntimeOptions {
  const tag = `${process.pid}-${Date.now()}`;
  return {
    scenario: setup.scenario,
    region: setup.region,
    edgeId: `edge-${setup.region}`,
    clock: setup.clock,
    fieldMqttUrl: setup.brokerUrl,
    fieldAuth: undefined,
    centerAuth: undefined,
    clientIds: {
      field: `its-${setup.name}-${tag}`,
      uplink: `its-${setup.name}-up-${tag}`,
      commands: `its-${setup.name}-cmd-${tag}`,
    },
    dbFile: setup.dbFile ?? join(mkdtempSync(join(tmpdir(), `its-edge-${setup.name}-`)), 'edge.sqlite'),
    strategy: 'actuated',
    tsp: false,
    drainMs: 0,
    log: () => {},
  };
}
