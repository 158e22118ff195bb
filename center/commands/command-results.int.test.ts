/**
 * @module center/commands/command-results.int.test
 * Operator commands end to end over a real broker (embedded aedes, port 0) and a real center node: a
 * command posted on the write route is pending until an edge answers on its command-result topic; the
 * answer turns `GET /api/v1/commands/<id>` to accepted or rejected and goes to `signals` WebSocket
 * subscribers; invalid results are counted by reason and change nothing; an unknown id is 404. The
 * edge is first a plain MQTT client answering as an edge would, then the real edge runtime.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEmbeddedBroker, type MessageBroker } from '../../broker/index.ts';
import { createController } from '../../controllers/index.ts';
import {
  loadScenario,
  MINI_SCENARIO_PATH,
  parseMessage,
  signalCommandFilter,
  signalCommandResultSchema,
  signalCommandResultTopic,
  SystemClock,
  type SignalCommandMessage,
} from '../../core/index.ts';
import { InProcessControllerLink } from '../../edge/node/index.ts';
import { startEdgeRuntime, type EdgeRuntime } from '../../edge/runtime/index.ts';
import { connectWsClient } from '../http/testing/index.ts';
import { startCenterNode, type CenterNode } from '../node/index.ts';

const OPERATOR = 'operator-token-0123456789';
const scenario = loadScenario(MINI_SCENARIO_PATH);
const X = 'gangnam-stn';
let broker: MessageBroker;
let node: CenterNode;
let base: string;

beforeAll(async () => {
  broker = await startEmbeddedBroker({ port: 0 });
  node = await startCenterNode({
    scenario,
    clock: new SystemClock(),
    mqttUrl: broker.url,
    httpPort: 0,
    engine: 'node',
    tokens: [{ name: 'ops-kim', role: 'operator', token: OPERATOR }],
    log: () => {},
  });
  base = `http://127.0.0.1:${node.port}`;
});
afterAll(async () => {
  await node?.close();
  await broker?.close();
});

type Reply = { status: number; body: Record<string, unknown> };

async function post(path: string, body: unknown): Promise<Reply> {
  const r = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${OPERATOR}` },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

async function get(path: string): Promise<Reply> {
  const r = await fetch(`${base}${path}`);
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

/** Poll until `done` holds or 10 s pass (the assertions after it say what was expected). */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  const end = Date.now() + 10_000;
  while (!(await done()) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

const rejectedCount = (): number =>
  Object.values(node.commandResults.stats().rejected).reduce<number>((a, b) => a + (b ?? 0), 0);

test('an edge answer turns a command from pending to accepted or rejected; bad answers change nothing', async () => {
  const edge = await mqtt.connectAsync(broker.url, { clientId: 'fake-edge-gangnam' });
  const commands: SignalCommandMessage[] = [];
  edge.on('message', (_topic, payload) => {
    const r = parseMessage(payload);
    if (r.ok && r.message.kind === 'signal.command') commands.push(r.message);
  });
  await edge.subscribeAsync(signalCommandFilter('gangnam'), { qos: 1 });
  const ws = await connectWsClient(node.port);
  try {
    ws.send({ op: 'subscribe', channel: 'signals' });
    await ws.next((f) => f['type'] === 'snapshot' && f['channel'] === 'signals');

    const sent = await post(`/api/v1/signals/${X}/commands`, { strategy: 'max-pressure' });
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ delivered: true, intersectionId: X, strategy: 'max-pressure' });
    const commandId = String(sent.body['commandId']);
    expect((await get(`/api/v1/commands/${commandId}`)).body).toMatchObject({
      command: {
        commandId,
        region: 'gangnam',
        intersectionId: X,
        strategy: 'max-pressure',
        issuedBy: 'ops-kim',
      },
      status: 'pending',
      reason: null,
      answeredAt: null,
    });
    await until(() => commands.length === 1);
    const command = commands[0];
    if (command === undefined) throw new Error('the command never reached the edge');
    expect(command.commandId).toBe(commandId);

    const topic = signalCommandResultTopic('gangnam', 'edge-gangnam');
    let seq = 0;
    const answer = (
      commandId: string,
      status: 'accepted' | 'rejected',
      over: Record<string, unknown> = {},
    ) => ({
      kind: 'signal.command.result',
      id: `res-${commandId}-${seq}`,
      deviceId: 'edge-gangnam',
      seq: seq++,
      ts: Date.now(),
      commandId,
      region: 'gangnam',
      intersectionId: X,
      status,
      reason: status === 'accepted' ? null : 'unknown-strategy',
      detail: status === 'accepted' ? 'strategy max-pressure' : 'no such strategy',
      strategy: 'max-pressure',
      planId: null,
      ...over,
    });
    const publish = (t: string, payload: unknown) =>
      edge.publishAsync(t, typeof payload === 'string' ? payload : JSON.stringify(payload), { qos: 1 });
    // Invalid answers: not JSON; a schema violation (rejected without a reason); a command nobody
    // issued; an edge id that differs from the topic's; another intersection than the command's.
    await publish(topic, `{"kind":"signal.command.result"`);
    await publish(topic, answer(commandId, 'rejected', { reason: null }));
    await publish(topic, answer('cmd-never-issued-01', 'accepted'));
    await publish(signalCommandResultTopic('gangnam', 'edge-other'), answer(commandId, 'accepted'));
    await publish(topic, answer(commandId, 'accepted', { intersectionId: 'other-x' }));
    await until(() => rejectedCount() === 5);
    expect(node.commandResults.stats()).toEqual({
      recorded: 0,
      rejected: {
        'not-json': 1,
        schema: 1,
        'unknown-command': 1,
        'topic-mismatch': 1,
        'command-mismatch': 1,
      },
    });
    expect((await get(`/api/v1/commands/${commandId}`)).body).toMatchObject({ status: 'pending' });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/its_center_command_results_rejected_total\{reason="not-json"\} 1/);

    const recorded = signalCommandResultSchema.parse(answer(commandId, 'accepted'));
    await publish(topic, recorded);
    await until(async () => (await get(`/api/v1/commands/${commandId}`)).body['status'] !== 'pending');
    const accepted = (await get(`/api/v1/commands/${commandId}`)).body;
    expect(accepted).toMatchObject({ status: 'accepted', reason: null, answeredBy: 'edge-gangnam' });
    expect(accepted['answeredAt']).toEqual(expect.any(Number));
    const delta = await ws.next((f) => f['type'] === 'delta' && f['channel'] === 'signals');
    expect(delta['data']).toEqual([{ collection: 'command', op: 'put', id: commandId, value: accepted }]);
    // The same result message again (a QoS 1 redelivery) is counted as a duplicate and changes nothing.
    await publish(topic, recorded);
    await until(() => node.commandResults.stats().rejected.duplicate === 1);
    expect(node.commandResults.stats().rejected.duplicate).toBe(1);
    expect((await get(`/api/v1/commands/${commandId}`)).body).toEqual(accepted);

    // A refused command, rejected with the edge's reason: an edge of an older release lacking a
    // strategy the center knows (a name the center does not know never leaves it: 400).
    const refused = await post(`/api/v1/signals/${X}/commands`, { strategy: 'schedule-driven' });
    expect(refused.status).toBe(202);
    const refusedId = String(refused.body['commandId']);
    await publish(topic, answer(refusedId, 'rejected', { strategy: 'actuated' }));
    await until(async () => (await get(`/api/v1/commands/${refusedId}`)).body['status'] !== 'pending');
    expect((await get(`/api/v1/commands/${refusedId}`)).body).toMatchObject({
      status: 'rejected',
      reason: 'unknown-strategy',
      detail: 'no such strategy',
    });
    expect(node.commandResults.stats().recorded).toBe(2);

    const unknown = await get('/api/v1/commands/cmd-nobody-knows-1');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'not-found' } });
  } finally {
    await ws.close();
    await edge.endAsync();
  }
});

test('the real edge runtime answers a command and the center reports it accepted', async () => {
  const clock = new SystemClock();
  const intersection = scenario.intersections.find((x) => x.id === X);
  if (intersection === undefined) throw new Error('no intersection');
  const controller = createController(intersection, { watchdogTimeoutS: 10 });
  controller.step(clock.now());
  const stepper = setInterval(() => controller.step(clock.now()), 100);
  let edge: EdgeRuntime | undefined;
  try {
    edge = await startEdgeRuntime({
      scenario,
      region: 'gangnam',
      edgeId: 'edge-gangnam',
      clock,
      fieldMqttUrl: broker.url,
      fieldAuth: undefined,
      centerAuth: undefined,
      dbFile: join(mkdtempSync(join(tmpdir(), 'its-center-cmd-')), 'uplink.db'),
      controllers: new Map([[X, new InProcessControllerLink(X, controller)]]),
      strategy: 'actuated',
      tsp: false,
      log: () => {},
    });
    const runtime = edge;
    // startEdgeRuntime resolves once its command subscription is in place.
    const ask = async (body: unknown): Promise<string> =>
      String((await post(`/api/v1/signals/${X}/commands`, body)).body['commandId']);
    const status = async (id: string): Promise<unknown> =>
      (await get(`/api/v1/commands/${id}`)).body['status'];
    // A strategy no edge runs is refused by the center (400, naming the allowed ones) and never
    // published; the edge's own `unknown-strategy` answer is edge/runtime operator-commands.int's.
    const unknownStrategy = await post(`/api/v1/signals/${X}/commands`, { strategy: 'telepathy' });
    expect(unknownStrategy.status).toBe(400);
    expect(JSON.stringify(unknownStrategy.body)).toContain('use one of static, webster');
    const toPlan = await ask({ planId: 'am-peak' });
    const toStrategy = await ask({ strategy: 'webster' });
    await until(async () => (await status(toPlan)) !== 'pending' && (await status(toStrategy)) !== 'pending');
    expect((await get(`/api/v1/commands/${toPlan}`)).body).toMatchObject({
      status: 'accepted',
      answeredBy: 'edge-gangnam',
    });
    expect((await get(`/api/v1/commands/${toStrategy}`)).body).toMatchObject({ status: 'accepted' });
    expect(runtime.stats().node.operatorCommands).toMatchObject({ accepted: 2, rejectedByReason: {} });
    expect(controller.planId).toBe('am-peak');
    expect(runtime.node.controls.find((c) => c.intersection.id === X)?.strategyName).toBe('webster');
  } finally {
    clearInterval(stepper);
    await edge?.stop();
  }
});
