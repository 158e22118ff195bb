/**
 * @module bin/demo/displays-live.int.test
 * The display pages in Debian's Chromium against the whole system fed by the simulator (issue 9):
 * the live simulation publishes field messages on the MQTT broker, the controllers run over OPC UA,
 * the Gangnam edge turns them into uplinks, and the center serves the pages. Each page loads without
 * console errors or failed requests; the map draws the links and the simulator's buses; a stop sign
 * says what the API says for a stop with live buses; a driver clicks a start and a destination on the
 * map and gets the route the center planned; and when the simulation stops, the sign says
 * "information unavailable" instead of old numbers. Screenshots go to `artifacts/screenshots/`.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import type { RouteAnswer, SignView, StopBoard, VehicleView } from '../../core/index.ts';
import {
  clickMapAt,
  launchChromium,
  LOS_PIXELS_SCRIPT,
  renderedFeatures,
  watchedPage,
} from '../../displays/testing/index.ts';
import type { DemoSystem } from './demo-system.ts';
import { startTestDemo } from './testing/in-process-demo.ts';

const SHOTS = 'artifacts/screenshots';
/**
 * Simulated seconds per wall second. Low enough that the simulator keeps up on a loaded two-core
 * machine (the edge rejects bus fixes more than 120 simulated seconds old), high enough that buses
 * are on the road within seconds.
 */
const SPEED = 4;
let demo: DemoSystem;
let browser: Browser;
let base: string;
/** A Gangnam stop with at least one live prediction, found once buses run. */
let liveStop: string;

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(`${base}${path}`);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/**
 * The stop whose board holds the most live predictions now (buses two or more stops away, so they do
 * not pass it while the test reads the sign), or null when none has one.
 */
async function stopWithLiveBuses(): Promise<string | null> {
  let best: { id: string; live: number } | null = null;
  for (const id of demo.center.network.stops.keys()) {
    const board = await getJson<StopBoard>(`/api/v1/stops/${encodeURIComponent(id)}/arrivals`);
    const live = board.routes
      .flatMap((r) => r.arrivals)
      .filter((a) => a.source === 'live' && (a.stopsAway ?? 0) >= 2).length;
    if (live > 0 && (best === null || live > best.live)) best = { id, live };
  }
  return best?.id ?? null;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [{ demo }, browser] = await Promise.all([startTestDemo(SPEED, { regions: ['gangnam'] }), launchChromium()]);
  base = demo.endpoints.http;
  // The simulator's buses reach the center through the edge, and predictions turn live.
  liveStop = await vi.waitFor(
    async () => {
      const id = await stopWithLiveBuses();
      if (id === null) {
        const vehicles = await getJson<VehicleView[]>('/api/v1/vehicles');
        const edges = demo.edges.map((e) => e.stats().node);
        throw new Error(
          `no stop has a live prediction yet: ${vehicles.length} buses at the center, simulator ` +
            `${JSON.stringify(demo.simulation.stats())}, edge ${JSON.stringify(edges.map((n) => ({ buses: n.busesTracked, rejected: n.busFixesRejected })))}`,
        );
      }
      return id;
    },
    { timeout: 45_000, interval: 1_000 },
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
}, 60_000);

test('the control room draws the links by level of service and every bus the simulator runs', async () => {
  const { page, problems } = await watchedPage(browser, { width: 1920, height: 1080 });
  await page.goto(`${base}/`);
  await page.waitForSelector('body[data-state="live"]');
  await page.waitForFunction('Number(document.body.dataset.linksDrawn ?? 0) > 0');
  // Live links (measured by the edge from the simulator's loop detectors) are drawn in LOS colours.
  await expect.poll(() => page.evaluate(LOS_PIXELS_SCRIPT), { timeout: 20_000 }).toBeGreaterThan(200);
  // The bus markers are the vehicles the center tracks, which are the simulator's buses.
  await expect
    .poll(
      async () => {
        const [vehicles, markers] = await Promise.all([
          getJson<VehicleView[]>('/api/v1/vehicles'),
          page.$$eval('.bus-marker:not(.demo)', (els) => els.map((e) => e.getAttribute('data-vehicle'))),
        ]);
        const ids = vehicles.map((v) => v.vehicleId).sort();
        return ids.length > 0 && JSON.stringify(ids) === JSON.stringify([...markers].sort())
          ? 'same'
          : JSON.stringify({ ids, markers });
      },
      { timeout: 20_000 },
    )
    .toBe('same');
  const vehicles = await getJson<VehicleView[]>('/api/v1/vehicles');
  const routes = new Set(demo.center.network.scenario.transit?.routes.map((r) => r.id));
  expect(vehicles.every((v) => routes.has(v.routeId) && v.region === 'gangnam')).toBe(true);
  // Every bus marker sits on the map, not stacked in a corner.
  const map = await page.locator('#map').boundingBox();
  const boxes = await page.locator('.bus-marker:not(.demo)').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }),
  );
  if (map === null) throw new Error('the map is not on the page');
  expect(
    boxes.filter((b) => b.x < map.x || b.x > map.x + map.width || b.y < map.y || b.y > map.y + map.height),
  ).toEqual([]);
  await page.waitForSelector('.rb-running');
  await page.screenshot({ path: `${SHOTS}/live-control-room-1920x1080.png` });
  expect(problems).toEqual([]);
  await page.close();
});

/** Sign rows as [route, first arrival, second arrival] in Korean. */
async function signRows(page: Page): Promise<string[][]> {
  return page.$$eval('.route-row', (rows) =>
    rows.map((r) => [
      r.querySelector('.route-badge')?.textContent ?? '',
      ...[...r.querySelectorAll('.arr:not(.arr-state)')].map((a) =>
        [...a.querySelectorAll('.ko')].map((k) => k.textContent).join(' '),
      ),
    ]),
  );
}

/** The API's board in the same form. */
async function apiRows(stopId: string): Promise<string[][]> {
  const board = await getJson<StopBoard>(`/api/v1/stops/${encodeURIComponent(stopId)}/arrivals`);
  return board.routes
    .filter((r) => r.arrivals.length > 0)
    .map((r) => [
      r.shortName,
      ...[0, 1].map((i) => {
        const t = r.arrivals[i]?.text.ko ?? '';
        const m = /^(.*?)\s*\[(.*)\]$/.exec(t);
        return m === null ? t : `${m[1]} ${m[2]}`;
      }),
    ]);
}

test('a stop sign with live buses shows the same predictions as the API', async () => {
  const { page, problems } = await watchedPage(browser, { width: 1920, height: 540 });
  liveStop = (await stopWithLiveBuses()) ?? liveStop;
  await page.goto(`${base}/stop/${encodeURIComponent(liveStop)}?lang=ko`);
  await page.waitForSelector('body[data-state="live"] .route-row');
  const sort = (rows: string[][]): string[][] =>
    [...rows].sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
  // Predictions move every few seconds; both sides are read together until they agree.
  await expect
    .poll(
      async () => {
        const [ui, api] = await Promise.all([signRows(page), apiRows(liveStop)]);
        return JSON.stringify(sort(ui)) === JSON.stringify(sort(api)) ? 'same' : JSON.stringify({ ui, api });
      },
      { timeout: 20_000 },
    )
    .toBe('same');
  // At least one row is a live prediction (stops away in brackets), not only the timetable.
  expect((await signRows(page)).some((row) => row.some((cell) => /번째 전|곧 도착/.test(cell)))).toBe(true);
  await page.screenshot({ path: `${SHOTS}/live-stop-sign-1920x540-ko.png` });
  await page.goto(`${base}/stop/${encodeURIComponent(liveStop)}?lang=en`);
  await page.waitForSelector('body[data-state="live"] .route-row');
  await page.screenshot({ path: `${SHOTS}/live-stop-sign-1920x540-en.png` });
  expect(problems).toEqual([]);
  await page.close();
});

test('the variable message sign of a Gangnam road loads and shows what the center has it show', async () => {
  // A sign showing a message when there is one (the edge's detected congestion raises automatic ones).
  const signs = await getJson<SignView[]>('/api/v1/signs');
  const gangnam = signs.filter((s) => s.region === 'gangnam');
  const sign = gangnam.find((s) => s.displayed !== null) ?? gangnam[0];
  if (sign === undefined) throw new Error('the scenario has no sign in Gangnam');
  const signId = sign.id;
  const { page, problems } = await watchedPage(browser, { width: 1280, height: 400 });
  await page.goto(`${base}/sign/${encodeURIComponent(signId)}?lang=en`);
  await page.waitForSelector(`body[data-state="${sign.displayed === null ? 'blank' : 'message'}"]`);
  if (sign.displayed !== null)
    expect(await page.locator('.vms-face').textContent()).toContain(
      sign.displayed.textEn.split(/[\s/;]+/)[0],
    );
  await page.screenshot({ path: `${SHOTS}/live-vms-1280x400-en.png` });
  expect(problems).toEqual([]);
  await page.close();
});

test('a driver clicks a start and a destination on the map and gets the route with its live travel time', async () => {
  const nodes = new Map(demo.center.network.scenario.network.nodes.map((n) => [n.id, n]));
  const at = (id: string): [number, number] => {
    const n = nodes.get(id);
    if (n === undefined) throw new Error(`no node ${id}`);
    return [n.lon, n.lat];
  };
  const { page, problems } = await watchedPage(browser, { width: 1440, height: 900 });
  await page.goto(`${base}/drive`);
  await page.waitForSelector('body[data-state="pick-start"][data-links-drawn]');
  await clickMapAt(page, at('GN01'));
  await page.waitForSelector('body[data-state="pick-destination"] .pin-from');
  const answered = page.waitForResponse((r) => r.url().includes('/api/v1/route?'));
  await clickMapAt(page, at('GN08'));
  const answer = (await (await answered).json()) as RouteAnswer;
  await page.waitForSelector('body[data-state="route"], body[data-state="detour"]');
  // The page asked for the points clicked (to a few metres: a pixel is ~10 m at this zoom).
  const [from, to] = ((await page.evaluate('document.body.dataset.route')) as string)
    .split('&')
    .map((p) => (p.split('=')[1] ?? '').split(',').map(Number));
  for (const [got, want] of [
    [from, at('GN01')],
    [to, at('GN08')],
  ] as const) {
    expect(Math.abs((got?.[0] ?? 0) - want[0])).toBeLessThan(0.0005);
    expect(Math.abs((got?.[1] ?? 0) - want[1])).toBeLessThan(0.0005);
  }
  // It shows the travel time the center planned with live link times, and draws the route.
  expect(answer.features.some((f) => f.properties.role === 'fastest' && f.properties.links.length > 0)).toBe(
    true,
  );
  const minutes = Math.max(1, Math.round(answer.travelTimeS / 60));
  expect(await page.locator('#travel-time').textContent()).toContain(`${minutes}분`);
  await expect.poll(() => renderedFeatures(page, 'route-fastest')).toBeGreaterThan(0);
  await page.screenshot({ path: `${SHOTS}/live-drive-clicked-1440x900.png` });
  // A third click starts again from a new start.
  await clickMapAt(page, at('GN04'));
  await page.waitForSelector('body[data-state="pick-destination"]');
  expect(await page.locator('.pin').count()).toBe(1);
  expect(problems).toEqual([]);
  await page.close();
});

test('an operator switches a strategy and blocks Teheran-ro; the control room shows what the edge answered and the driver map says there is no detour', async () => {
  const token = demo.secrets.operators.apiTokens.find((t) => t.role === 'operator')?.token;
  if (token === undefined) throw new Error('the demo has no operator token');
  const { page, problems } = await watchedPage(browser, { width: 1920, height: 1080 });
  await page.goto(`${base}/`);
  await page.waitForSelector('body[data-state="live"]');
  await page.fill('.login input[name="token"]', token);
  await page.click('.login button:not([type="button"])');
  // The center answers 202 before the edge has seen the command: the panel waits for the edge.
  await page.selectOption('.plan select[name="intersection"]', 'GN03');
  await page.selectOption('.plan select[name="strategy"]', 'max-pressure');
  await page.click('.plan button');
  await page.waitForSelector('.plan .result[data-answer]', { timeout: 20_000 });
  expect(await page.locator('.plan .result').textContent()).toMatch(/accepted by edge-gangnam for GN03/);
  await page.selectOption('.declare select[name="linkId"]', 'GN03-GN04');
  await page.fill('.declare input[name="lanes"]', '0,1');
  await page.click('.declare button');
  await page.waitForSelector('.declare .result[data-ok="true"]');
  const incidentId = /declared (\S+)/.exec((await page.locator('.declare .result').textContent()) ?? '')?.[1];
  // Teheran-ro is the only way from GN02 to GN05: the route passes the incident, and the page says so.
  const nodes = new Map(demo.center.network.scenario.network.nodes.map((n) => [n.id, n]));
  const [a, b] = [nodes.get('GN02'), nodes.get('GN05')];
  if (a === undefined || b === undefined) throw new Error('no node GN02 or GN05');
  const drive = await watchedPage(browser, { width: 1440, height: 900 });
  const answered = drive.page.waitForResponse((r) => r.url().includes('/api/v1/route?'));
  await drive.page.goto(`${base}/drive?from=${a.lon},${a.lat}&to=${b.lon},${b.lat}`);
  const answer = (await (await answered).json()) as RouteAnswer;
  await drive.page.waitForSelector('body[data-state="route"], body[data-state="detour"]');
  const fastest = answer.features.find((f) => f.properties.role === 'fastest');
  if (fastest?.properties.links.includes('GN03-GN04') === true) {
    await drive.page.waitForSelector('#incident-note');
    expect(await drive.page.locator('#no-detour-note').textContent()).toMatch(/No faster detour/);
    expect(await drive.page.locator('.ok').count()).toBe(0);
  } else {
    await drive.page.waitForSelector('#detour-note');
  }
  await drive.page.screenshot({ path: `${SHOTS}/live-drive-incident-1440x900.png` });
  const cleared = await fetch(`${base}/api/v1/incidents/${incidentId ?? ''}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${token}` },
  });
  expect(cleared.status).toBe(200);
  expect([...problems, ...drive.problems]).toEqual([]);
  await Promise.all([page.close(), drive.page.close()]);
});

test('when the feed stops, the stop sign says "information unavailable" instead of old numbers', async () => {
  const { page, problems } = await watchedPage(browser, { width: 1920, height: 540 });
  liveStop = (await stopWithLiveBuses()) ?? liveStop;
  await page.goto(`${base}/stop/${encodeURIComponent(liveStop)}?lang=en&staleAfterS=8`);
  await page.waitForSelector('body[data-state="live"] .route-row');
  // The feed stops at its source: the simulator, then the edge that would still send what it holds
  // (its store-and-forward queue, and bus expiries that would turn the board into a timetable).
  demo.simulation.stop();
  await Promise.all(demo.edges.map((e) => e.close()));
  await page.waitForSelector('body[data-state="stale"]', { timeout: 30_000 });
  expect(await page.locator('.route-row').count()).toBe(0);
  expect(await page.locator('.unavail-title .en').textContent()).toMatch(/unavailable/i);
  await page.screenshot({ path: `${SHOTS}/live-stop-sign-stale-1920x540-en.png` });
  expect(problems).toEqual([]);
  await page.close();
});
