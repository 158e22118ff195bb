/**
 * @module center/node/center-node.int.test
 * A center on the real Redis and Mosquitto publishes an operator's signal command to the edge's
 * command topic. (Two instances acting as one: center-two-instances.int.test.ts; the API, channels and
 * GTFS-realtime feeds on Redis: center-redis.int.test.ts.) Own Redis prefix and share group, deleted
 * afterwards.
 */
import mqtt from 'mqtt';
import { afterAll, expect, test } from 'vitest';
import { getJson, IsolatedRun, MACHINE_MQTT_URL, OPERATOR, sendJson, SUITE_TOKENS } from './testing/index.ts';

const run = new IsolatedRun();
afterAll(() => run.close());

test('an operator signal command is published to the edge over MQTT, its status readable by id', async () => {
  const a = await run.center('center-a', SUITE_TOKENS);
  const ix = a.network.scenario.intersections[0];
  const sub = await mqtt.connectAsync(MACHINE_MQTT_URL);
  try {
    const got = new Promise<string>((resolve) => sub.on('message', (_t, p) => resolve(p.toString())));
    await sub.subscribeAsync(`its/v1/${ix?.region}/cmd/${ix?.id}`, { qos: 1 });
    const r = await sendJson(
      `http://127.0.0.1:${a.port}`,
      'POST',
      `/api/v1/signals/${ix?.id}/commands`,
      OPERATOR,
      {
        planId: ix?.plans[0]?.id,
      },
    );
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ delivered: true });
    const command = JSON.parse(await got) as { id: string };
    expect(command).toMatchObject({ kind: 'signal.command', intersectionId: ix?.id });
    // No edge answers here, so the command stays pending.
    const status = await getJson(`http://127.0.0.1:${a.port}`, `/api/v1/commands/${command.id}`);
    expect(status.body).toMatchObject({
      command: { commandId: command.id, issuedBy: 'ops-kim' },
      status: 'pending',
    });
  } finally {
    await sub.endAsync();
  }
});
