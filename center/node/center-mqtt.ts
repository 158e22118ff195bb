/**
 * @module center/node/center-mqtt
 * A center instance's MQTT side, in one of two shapes. In this thread: one session takes the edges'
 * uplinks (shared subscription, a window of batches in flight), hands each to the ingest and answers
 * it with an `uplink.ack` once stored, and also carries operator commands and the edges' answers.
 * With the ingest thread: the worker (`ingest-thread.ts`) has the uplink session, its ingest, Redis
 * commit and acknowledgements, and this thread keeps a session of its own for commands and answers.
 */
import { connectUplinkSubscriber, type UplinkSubscriber } from '../adapters/mqtt/index.ts';
import { COMMAND_RESULT_FILTER, isCommandResultTopic, type CommandResults } from '../commands/index.ts';
import type { IngestOutcome } from '../ingest/index.ts';
import type { Metrics } from '../metrics/index.ts';
import { startIngestThread, type IngestPort, type IngestThread } from './ingest-thread.ts';

/** What the MQTT side needs of the instance. */
export type CenterMqttOptions = {
  readonly url: string;
  readonly protocol: 5 | 4 | 'auto';
  readonly auth: { readonly username: string; readonly password: string } | undefined;
  readonly shareGroup: string;
  readonly maxInFlight: number;
  readonly minInFlight: number;
  readonly uplinkFilter: string | undefined;
  readonly statusFilter: string | undefined;
  readonly commandResults: CommandResults;
  readonly log: (line: string) => void;
};

/** The connected MQTT side. */
export type CenterMqtt = {
  /** This thread's session (publishes acks in this thread's shape, operator commands in both). */
  readonly mqtt: UplinkSubscriber;
  /** The worker, with the ingest thread; null without. */
  readonly thread: IngestThread | null;
};

function withAuth(o: CenterMqttOptions): { username?: string; password?: string } {
  return o.auth === undefined ? {} : { username: o.auth.username, password: o.auth.password };
}

function filters(o: CenterMqttOptions): { uplinkFilter?: string; statusFilter?: string } {
  return {
    ...(o.uplinkFilter === undefined ? {} : { uplinkFilter: o.uplinkFilter }),
    ...(o.statusFilter === undefined ? {} : { statusFilter: o.statusFilter }),
  };
}

/** Uplinks into `ingest` in this thread, each answered by `answer` once stored. */
export async function connectCenterMqtt(
  o: CenterMqttOptions,
  ingest: () => IngestPort,
  answer: (outcome: IngestOutcome) => IngestOutcome,
): Promise<CenterMqtt> {
  const mqtt = await connectUplinkSubscriber({
    url: o.url,
    protocol: o.protocol,
    shareGroup: o.shareGroup,
    maxInFlight: o.maxInFlight,
    minInFlight: o.minInFlight,
    ...withAuth(o),
    ...filters(o),
    extraFilters: [COMMAND_RESULT_FILTER],
    handler: (topic, payload) => {
      if (isCommandResultTopic(topic)) return Promise.resolve(o.commandResults.handle(topic, payload));
      // Each stored batch is acknowledged end to end, so the edge deletes it only now. Not
      // awaited: the acknowledgements of a turn leave together at its end (UplinkAcks).
      return ingest().handle(topic, payload).then(answer);
    },
    onError: (err, topic) => o.log(`center mqtt: ${topic}: ${(err as Error).message}`),
  });
  return { mqtt, thread: null };
}

/** Uplinks into the ingest worker; this thread keeps a session for commands and their answers. */
export async function connectThreadedCenterMqtt(
  o: CenterMqttOptions,
  worker: { readonly redisUrl: string; readonly redisPrefix: string; readonly centerId: string },
  metrics: Metrics,
): Promise<CenterMqtt> {
  const thread = await startIngestThread(
    {
      ...worker,
      mqttUrl: o.url,
      mqttProtocol: o.protocol,
      ...(o.auth === undefined ? {} : { mqttAuth: o.auth }),
      shareGroup: o.shareGroup,
      maxInFlight: o.maxInFlight,
      minInFlight: o.minInFlight,
      ...filters(o),
    },
    o.log,
  );
  try {
    metrics.include(() => thread.metricsText());
    const commands = await connectUplinkSubscriber({
      url: o.url,
      protocol: o.protocol,
      ...withAuth(o),
      subscribeUplinks: false,
      extraFilters: [COMMAND_RESULT_FILTER],
      handler: (topic, payload) =>
        Promise.resolve(isCommandResultTopic(topic) ? o.commandResults.handle(topic, payload) : undefined),
      onError: (err, topic) => o.log(`center mqtt: ${topic}: ${(err as Error).message}`),
    });
    const mqtt = {
      ...commands,
      protocolVersion: thread.protocolVersion,
      uplinkSubscription: thread.uplinkSubscription,
    };
    return { mqtt, thread };
  } catch (err) {
    await thread.close();
    throw err;
  }
}
