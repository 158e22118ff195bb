/**
 * @module bin/demo/demo-secrets
 * The demo's credentials, generated at first start into the data directory and reused afterwards
 * (issue 11: the demo generates its credentials and prints where they are, never the secrets):
 * `credentials.json` holds every MQTT identity of the scenario (broker/acl format), `operators.json`
 * the OPC UA operator account the edges use and the center's API tokens. Both files are mode 0600.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../../core/index.ts';
import type { Scenario } from '../../core/index.ts';
import {
  identitiesForScenario,
  issueCredentials,
  readCredentials,
  writeCredentials,
  type Credential,
} from '../../broker/index.ts';

const operatorsSchema = z.strictObject({
  format: z.literal('its-demo-operators/1'),
  opcua: z.strictObject({ username: z.string().min(1), password: z.string().min(16) }),
  apiTokens: z.array(
    z.strictObject({
      name: z.string().min(1),
      role: z.enum(['viewer', 'operator', 'admin']),
      token: z.string().min(16),
    }),
  ),
});

/** Operator secrets of the demo: the OPC UA account of the edges and the API tokens. */
export type DemoOperators = z.infer<typeof operatorsSchema>;

/** Everything the demo needs to authenticate its parts, and where it is stored. */
export type DemoSecrets = {
  readonly credentialsPath: string;
  readonly operatorsPath: string;
  readonly mqtt: readonly Credential[];
  readonly operators: DemoOperators;
  /** True when this start created any of the files. */
  readonly created: boolean;
};

const secret = (): string => randomBytes(24).toString('base64url');

function readOperators(path: string): DemoOperators | null {
  if (!existsSync(path)) return null;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(path, `not valid JSON (${(err as Error).message})`, { cause: err });
  }
  const parsed = operatorsSchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConfigError(`${path}: ${first?.path.join('.') ?? ''}`, first?.message ?? 'invalid');
  }
  return parsed.data;
}

/** Read the demo's secrets from `dataDir`, creating what is missing (mode 0600). */
export function ensureDemoSecrets(dataDir: string, scenario: Scenario): DemoSecrets {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const credentialsPath = join(dataDir, 'credentials.json');
  const operatorsPath = join(dataDir, 'operators.json');
  const existing = readCredentials(credentialsPath);
  const mqtt = issueCredentials(identitiesForScenario(scenario), existing);
  const mqttChanged =
    existing.length !== mqtt.length || mqtt.some((c, i) => existing[i]?.username !== c.username);
  if (mqttChanged) writeCredentials(credentialsPath, mqtt);
  let operators = readOperators(operatorsPath);
  const operatorsCreated = operators === null;
  if (operators === null) {
    operators = {
      format: 'its-demo-operators/1',
      opcua: { username: 'edge-operator', password: secret() },
      apiTokens: [
        { name: 'demo-admin', role: 'admin', token: secret() },
        { name: 'demo-operator', role: 'operator', token: secret() },
      ],
    };
    writeFileSync(operatorsPath, `${JSON.stringify(operators, null, 2)}\n`, { mode: 0o600 });
    chmodSync(operatorsPath, 0o600);
  }
  return { credentialsPath, operatorsPath, mqtt, operators, created: mqttChanged || operatorsCreated };
}

/** The MQTT username and password of one identity of the demo (broker/acl naming). */
export function mqttLogin(secrets: DemoSecrets, username: string): { username: string; password: string } {
  const credential = secrets.mqtt.find((c) => c.username === username);
  if (credential === undefined)
    throw new ConfigError(secrets.credentialsPath, `no MQTT identity ${username}`);
  return { username, password: credential.password };
}
