/**
 * @module bin/commands/edge
 * `its edge --scenario <s> --region <r> --mqtt <url> [--center-mqtt <url>] --strategy <name> [--tsp]
 * [--opcua <endpoint,...>] [--db <file>] [--edge-id <id>] [--pki <dir>]`: runs one region's edge on the
 * wall clock. Field messages come from `--mqtt` (persistent session); QoS 1 messages are journaled in
 * SQLite before they are acknowledged and replayed after a restart; summaries go store-and-forward to
 * `--center-mqtt` (default: the field broker). Controllers are reached over OPC UA at `--opcua`, as the
 * operator named in `ITS_EDGE_OPCUA_USER` (`name:password`, kept off the command line).
 * Prints `ready` when running and a status line every 30 s.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  ACTUATION_DETAIL,
  buildTopic,
  ConfigError,
  newId,
  parseTopic,
  SystemClock,
  TOPIC_POLICY,
} from '../../core/index.ts';
import { loadScenario } from '../../core/scenario/index.ts';
import { MessageGuard } from '../../core/security/index.ts';
import { STRATEGY_NAMES } from '../../edge/adaptive/index.ts';
import { connectFieldSubscriber, MqttUplinkTransport } from '../../edge/adapters/mqtt/index.ts';
import { connectControllerClient } from '../../edge/adapters/opcua/index.ts';
import type { ControllerClient } from '../../edge/adapters/opcua/index.ts';
import { SqliteUplinkStore } from '../../edge/adapters/sqlite/index.ts';
import type { ControllerLink } from '../../edge/node/index.ts';
import { EdgeNode } from '../../edge/node/index.ts';
import { UplinkForwarder } from '../../edge/uplink/index.ts';

type EdgeOptions = {
  scenario: string;
  region: string;
  mqtt: string;
  centerMqtt?: string;
  strategy: string;
  tsp?: boolean;
  opcua?: string;
  db?: string;
  edgeId?: string;
  pki: string;
  replayGuard?: boolean;
};

/** Journal entries older than this have had their effects queued for the uplink, ms. */
const JOURNAL_KEEP_MS = 120_000;

/** Whether a field topic carries QoS 1 messages worth journaling before the acknowledgement. */
function journaled(topic: string): boolean {
  const t = parseTopic(topic);
  if (t === null) return false;
  if (t.kind === 'det' && t.detail[0] === ACTUATION_DETAIL) return false;
  return TOPIC_POLICY[t.kind].qos === 1;
}

function operator(): { username: string; password: string } {
  const text = process.env.ITS_EDGE_OPCUA_USER ?? '';
  const at = text.indexOf(':');
  if (at <= 0) throw new ConfigError('ITS_EDGE_OPCUA_USER', 'must be name:password to command controllers');
  return { username: text.slice(0, at), password: text.slice(at + 1) };
}

export function register(program: Command): void {
  program
    .command('edge')
    .description("run one region's edge: detectors, adaptive signals with TSP, bus tracking, uplink")
    .requiredOption('--scenario <path>', 'scenario directory or scenario.json')
    .requiredOption('--region <id>', 'region to serve')
    .requiredOption('--mqtt <url>', 'field MQTT broker URL')
    .option('--center-mqtt <url>', "center's MQTT broker URL (default: the field broker)")
    .option('--strategy <name>', `signal strategy: ${STRATEGY_NAMES.join(' | ')}`, 'actuated')
    .option('--tsp', 'add transit signal priority')
    .option('--opcua <endpoints>', 'comma-separated OPC UA endpoints of the controller processes')
    .option(
      '--db <file>',
      'SQLite file of the uplink queue and inbox journal (default: edge-<region>.sqlite)',
    )
    .option('--edge-id <id>', 'edge id in topics and batches (default: edge-<region>)')
    .option('--pki <dir>', 'OPC UA client PKI folder', join(tmpdir(), 'its-edge-pki'))
    .option(
      '--replay-guard',
      'drop replayed (sequence number seen) and stale field messages, counted by reason (devices must announce restarts with seqReset)',
    )
    .action(async (opts: EdgeOptions) => {
      if (!(STRATEGY_NAMES as readonly string[]).includes(opts.strategy)) {
        throw new ConfigError(
          '--strategy',
          `unknown strategy ${opts.strategy}; use ${STRATEGY_NAMES.join(', ')}`,
        );
      }
      const scenario = loadScenario(opts.scenario);
      if (!scenario.regions.some((r) => r.id === opts.region)) {
        throw new ConfigError('--region', `no region ${opts.region} in ${scenario.id}`);
      }
      const edgeId = opts.edgeId ?? `edge-${opts.region}`;
      const clock = new SystemClock();
      const store = new SqliteUplinkStore(opts.db ?? `edge-${opts.region}.sqlite`);
      const transport = new MqttUplinkTransport({
        url: opts.centerMqtt ?? opts.mqtt,
        clientId: `its-${edgeId}-up`,
      });
      const forwarder = new UplinkForwarder({ store, transport, clock, edgeId, region: opts.region });
      const clients: ControllerClient[] = [];
      const links = new Map<string, ControllerLink>();
      const endpoints = (opts.opcua ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (endpoints.length > 0) {
        const user = operator();
        for (const endpointUrl of endpoints) {
          const client = await connectControllerClient({ endpointUrl, ...user, pkiDir: opts.pki, clock });
          clients.push(client);
          for (const [id, link] of client.links) links.set(id, link);
        }
      }
      const replayed = store.journalEntries();
      const node = new EdgeNode({
        scenario,
        region: opts.region,
        clock,
        strategy: opts.strategy,
        tsp: opts.tsp ?? false,
        controllers: links,
        uplink: forwarder,
        log: (line) => console.log(line),
        ...(replayed[0] === undefined ? {} : { replayFromMs: replayed[0].receivedAtMs }),
        ...(opts.replayGuard === true ? { guard: new MessageGuard({ clock, bindIdentity: false }) } : {}),
      });
      for (const entry of replayed) node.handle(entry.topic, entry.payload);
      forwarder.start();
      node.start();
      let statusSeq = 0;
      const status = (online: boolean, reason: string): string =>
        JSON.stringify({
          kind: 'status',
          id: newId(clock.now()),
          deviceId: edgeId,
          seq: statusSeq++,
          ts: clock.now(),
          deviceKind: 'edge',
          online,
          reason,
          seqReset: statusSeq === 1,
          firmware: null,
        });
      const subscriber = await connectFieldSubscriber({
        url: opts.mqtt,
        clientId: `its-${edgeId}`,
        region: opts.region,
        presence: {
          topic: buildTopic(opts.region, 'status', edgeId),
          online: () => status(true, 'startup'),
          offline: status(false, 'last-will'),
        },
        onMessage: (topic, payload) => {
          if (journaled(topic)) store.journal(topic, payload, clock.now());
          node.handle(topic, payload);
        },
      });
      const housekeeping = clock.setInterval(() => {
        store.pruneJournal(clock.now() - JOURNAL_KEEP_MS);
        const s = node.stats();
        const u = forwarder.stats();
        console.log(
          `status accepted=${s.ingest.accepted} dropped=${s.ingest.dropped} missing=${s.ingest.missing} ` +
            `buses=${s.busesTracked} commands=${s.commandsSent} uplinkQueued=${u.queuedBatches} ` +
            `uplinkAcked=${u.acknowledged}`,
        );
      }, 30_000);
      console.log(
        `edge ${edgeId} region ${opts.region} strategy ${opts.strategy}${opts.tsp ? '+tsp' : ''}: ` +
          `${node.controls.length} intersection(s), ${links.size} controller link(s), replayed ${replayed.length}`,
      );
      console.log('ready');
      const stop = async (): Promise<void> => {
        clock.clear(housekeeping);
        node.stop();
        await subscriber.close();
        forwarder.flush();
        forwarder.stop();
        await transport.close();
        for (const c of clients) await c.close();
        store.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
