/**
 * @module edge/runtime/operator-commands.int.test
 * Operator commands over a real broker (embedded aedes, port 0): the edge runtime subscribes to its
 * region's command topic, switches one intersection's strategy, switches a controller's plan over its
 * controller link, rejects unknown intersections, strategies and plans with a reason, drops invalid
 * messages counted by reason, and answers each valid command with a `signal.command.result` that the
 * shared core parser (the center's ingest union) accepts.
 */
import mqtt from 'mqtt';
import { afterAll, expect, test } from 'vitest';
import {
  loadScenario,
  MINI_SCENARIO_PATH,
  newId,
  parseMessage,
  signalCommandSchema,
  signalCommandTopic,
  SystemClock,
  type SignalCommandResult,
} from '../../core/index.ts';
import { createController } from '../../controllers/index.ts';
import { startTestBroker, type TestBroker } from '../adapters/mqtt/test-broker.ts';
import { InProcessControllerLink } from '../node/index.ts';
import { startEdgeRuntime, type EdgeRuntime } from './index.ts';
import { testRuntimeOptions } from './testing/runtime-options.ts';

const scenario = loadScenario(MINI_SCENARIO_PATH);
const X = 'gangnam-stn';
let broker: TestBroker | undefined;
let edge: EdgeRuntime | undefined;
let center: mqtt.MqttClient | undefined;
let stepper: NodeJS.Timeout | undefined;

afterAll(async () => {
  clearInterval(stepper);
  await center?.endAsync();
  await edge?.stop();
  await broker?.stop();
});

test('the edge applies, rejects and answers operator commands from the center broker', async () => {
  broker = await startTestBroker();
  const clock = new SystemClock();
  const intersection = scenario.intersections.find((x) => x.id === X);
  if (intersection === undefined) throw new Error('no intersection');
  const controller = createController(intersection, { watchdogTimeoutS: 10 });
  controller.step(clock.now());
  stepper = setInterval(() => controller.step(clock.now()), 100);
  edge = await startEdgeRuntime({
    ...testRuntimeOptions({ scenario, region: 'gangnam', clock, brokerUrl: broker.url, name: 'cmd' }),
    controllers: new Map([[X, new InProcessControllerLink(X, controller)]]),
  });
  center = await mqtt.connectAsync(broker.url, { clientId: `center-${process.pid}` });
  const results: SignalCommandResult[] = [];
  const unparsed: string[] = [];
  center.on('message', (_topic, payload) => {
    const r = parseMessage(payload);
    if (r.ok && r.message.kind === 'signal.command.result') results.push(r.message);
    else unparsed.push(payload.toString());
  });
  await center.subscribeAsync('its/v1/gangnam/edge/+/cmd', { qos: 1 });

  let seq = 0;
  const command = (intersectionId: string, strategy: string | null, planId: string | null) =>
    signalCommandSchema.parse({
      kind: 'signal.command',
      id: newId(),
      deviceId: 'center',
      seq: seq++,
      ts: clock.now(),
      commandId: newId(),
      region: 'gangnam',
      intersectionId,
      strategy,
      planId,
      issuedBy: 'operator-kim',
      at: clock.now(),
    });
  const send = async (topic: string, payload: string): Promise<void> => {
    await center?.publishAsync(topic, payload, { qos: 1 });
  };
  const toStrategy = command(X, 'max-pressure', null);
  const toPlan = command(X, null, 'am-peak');
  await send(signalCommandTopic('gangnam', X), JSON.stringify(toStrategy));
  await send(signalCommandTopic('gangnam', X), JSON.stringify(toPlan));
  await send(signalCommandTopic('gangnam', 'nowhere'), JSON.stringify(command('nowhere', 'webster', null)));
  await send(signalCommandTopic('gangnam', X), JSON.stringify(command(X, 'telepathy', null)));
  await send(signalCommandTopic('gangnam', X), JSON.stringify(command(X, null, 'night')));
  // Dropped unanswered: not JSON, a schema violation, a command for another intersection's topic, a resend.
  await send(signalCommandTopic('gangnam', X), '{"kind":"signal.command"');
  await send(signalCommandTopic('gangnam', X), JSON.stringify({ ...toStrategy, commandId: 'c1' }));
  await send(signalCommandTopic('gangnam', 'other-x'), JSON.stringify(command(X, 'webster', null)));
  await send(signalCommandTopic('gangnam', X), JSON.stringify(toStrategy));

  const until = Date.now() + 10_000;
  const counted = (): number => {
    const s = edge?.stats().node.operatorCommands;
    if (s === undefined) return 0;
    const sum = (r: Readonly<Record<string, number | undefined>>): number =>
      Object.values(r).reduce<number>((a, b) => a + (b ?? 0), 0);
    return s.accepted + sum(s.rejectedByReason) + sum(s.droppedByReason);
  };
  while ((results.length < 5 || counted() < 9) && Date.now() < until)
    await new Promise((r) => setTimeout(r, 20));

  expect(unparsed).toEqual([]);
  expect(results.map((r) => [r.intersectionId, r.status, r.reason])).toEqual([
    [X, 'accepted', null],
    [X, 'accepted', null],
    ['nowhere', 'rejected', 'unknown-intersection'],
    [X, 'rejected', 'unknown-strategy'],
    [X, 'rejected', 'unknown-plan'],
  ]);
  expect(results[0]?.commandId).toBe(toStrategy.commandId);
  expect(results.every((r) => r.deviceId === 'edge-gangnam')).toBe(true);
  expect(edge.node.controls.find((c) => c.intersection.id === X)?.strategyName).toBe('max-pressure');
  expect(controller.planId).toBe('am-peak');
  expect(edge.stats().node.operatorCommands).toEqual({
    accepted: 2,
    rejectedByReason: { 'unknown-intersection': 1, 'unknown-strategy': 1, 'unknown-plan': 1 },
    droppedByReason: { 'not-json': 1, schema: 1, 'topic-mismatch': 1, duplicate: 1 },
  });
  // The switched strategy now drives the controller: max-pressure takes it into external control.
  const external = Date.now() + 5_000;
  while (controller.mode !== 'external' && Date.now() < external) await new Promise((r) => setTimeout(r, 50));
  expect(controller.mode).toBe('external');
});
