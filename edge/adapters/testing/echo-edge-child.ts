/**
 * @module edge/adapters/testing/echo-edge-child
 * A minimal edge process for the SIGKILL durability test: it ingests field messages from a persistent
 * MQTT session and, for each accepted one, durably queues one uplink item naming it (in the same
 * synchronous call that precedes the PUBACK), then forwards the queue to the center broker.
 * Usage: `node --import tsx echo-edge-child.ts <db> <fieldUrl> <centerUrl> <clientTag>`.
 */
import { SystemClock } from '../../../core/index.ts';
import { Ingest } from '../../ingest/index.ts';
import { UplinkForwarder } from '../../uplink/index.ts';
import { connectFieldSubscriber, MqttUplinkTransport } from '../mqtt/index.ts';
import { SqliteUplinkStore } from '../sqlite/index.ts';

const [dbPath, fieldUrl, centerUrl, tag] = process.argv.slice(2);
if (dbPath === undefined || fieldUrl === undefined || centerUrl === undefined || tag === undefined) {
  process.stderr.write('usage: echo-edge-child <db> <fieldUrl> <centerUrl> <clientTag>\n');
  process.exit(2);
}
const clock = new SystemClock();
const store = new SqliteUplinkStore(dbPath);
const transport = new MqttUplinkTransport({
  url: centerUrl,
  clientId: `echo-up-${tag}`,
  reconnectPeriodMs: 100,
});
const forwarder = new UplinkForwarder({
  store,
  transport,
  clock,
  edgeId: 'edge1',
  region: 'r1',
  flushIntervalMs: 20,
});
forwarder.start();
const ingest = new Ingest({ region: 'r1', clock });
await connectFieldSubscriber({
  url: fieldUrl,
  clientId: `echo-field-${tag}`,
  region: 'r1',
  kinds: ['det'],
  onMessage: (topic, payload) => {
    const r = ingest.accept(topic, payload);
    if (!r.ok) return;
    // Durable before this returns: the PUBACK follows it, and this stand-in has no inbox journal.
    forwarder.enqueue(
      [
        {
          type: 'alarm',
          alarmId: r.message.id,
          state: 'raised',
          severity: 'info',
          sourceId: r.message.deviceId,
          code: 'echo',
          message: `seq ${r.message.seq}`,
          at: r.message.ts,
        },
      ],
      { durable: true },
    );
  },
});
process.stdout.write('ready\n');
