import { test, expect } from 'vitest';
import { startTestDemo } from '../testing/in-process-demo.ts';
import { startTcpProxy, type TcpProxy } from '../testing/tcp-proxy.ts';

const SPEED = 20;
const INTERSECTION = 'GN01';

type RegionView = { alarms: { code: string; sourceId: string; state: string }[] };

test('controller communication lost: the controller runs its local plan, the edge raises an alarm, the control room shows it', async () => {
  let proxy: TcpProxy | null = null;
  const { demo } = await startTestDemo(SPEED, {
    regions: ['gangnam'],
    routeOpcua: async (port) => {
      proxy = await startTcpProxy(port);
      return `opc.tcp://127.0.0.1:${proxy.port}`;
    },
  });
  const controller = demo.controllers.get(INTERSECTION);
  const alarmShown = async (): Promise<boolean> => {
    const region = (await (
      await fetch(`${demo.endpoints.http}/api/v1/regions/gangnam`)
    ).json()) as RegionView;
    return region.alarms.some((a) => a.code === 'controller-lost' && a.sourceId === INTERSECTION);
  };
  try {
    if (controller === undefined) throw new Error(`no controller ${INTERSECTION}`);
    // The edge is in command (external mode, kept alive by its commands).
    await expect.poll(() => controller.mode, { timeout: 60_000 }).toBe('external');
    expect(await alarmShown()).toBe(false);

    const link = proxy as TcpProxy | null;
    if (link === null) throw new Error('OPC UA was not routed through the proxy');
    link.cut();
    // The controller's watchdog returns it to its local plan...
    await expect.poll(() => controller.mode, { timeout: 60_000 }).not.toBe('external');
    expect(controller.fault).toBeNull();
    // ...and the edge's alarm reaches the control room's region view.
    await expect.poll(alarmShown, { timeout: 60_000, interval: 500 }).toBe(true);

    link.restore();
    // Once reconnected the edge takes command again and the alarm clears.
    await expect.poll(() => controller.mode, { timeout: 90_000 }).toBe('external');
    await expect.poll(alarmShown, { timeout: 60_000, interval: 500 }).toBe(false);
  } finally {
    await demo.close();
    const p = proxy as TcpProxy | null;
    await p?.close();
  }
}, 300_000);
