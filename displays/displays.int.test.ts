/**
 * @module displays/displays.int.test
 * The display pages in Debian's Chromium against a real center fed with demo-city uplinks: each page
 * loads without console errors or failed requests, the stop sign says what the API says and turns to
 * "information unavailable" when the feed stops. Screenshots go to `artifacts/screenshots/`.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { EdgeBatch, RouteAnswer } from '../core/index.ts';
import { haversineM, newId, polylineLengthM, ScaledClock, STRATEGY_NAMES } from '../core/index.ts';
import {
  clickMapAt,
  launchChromium,
  LOS_PIXELS_SCRIPT,
  pixelOf,
  renderedFeatures,
  startDisplayCenter,
  TEST_TOKENS,
  watchedPage,
  type DisplayCenter,
} from './testing/index.ts';

const SHOTS = 'artifacts/screenshots';
/** 역삼역 (Yeoksam Station) eastbound: three bus routes stop here. */
const STOP = '23103';
let center: DisplayCenter;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [center, browser] = await Promise.all([startDisplayCenter(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await center?.close();
});

type Board = { routes: { shortName: string; arrivals: { text: { ko: string; en: string } }[] }[] };

/** Rows of the sign as [route, first arrival, second arrival] in Korean. */
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

async function apiRows(): Promise<string[][]> {
  const board = (await (await fetch(`${center.base}/api/v1/stops/${STOP}/arrivals`)).json()) as Board;
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

test('the bus-stop sign shows the same predictions as the API, in Korean and English', async () => {
  const { page, problems } = await watchedPage(browser, { width: 1920, height: 540 });
  await page.goto(`${center.base}/stop/${STOP}?lang=ko`);
  await page.waitForSelector('body[data-state="live"] .route-row');
  await expect
    .poll(async () => {
      const [ui, api] = await Promise.all([signRows(page), apiRows()]);
      const sort = (rows: string[][]): string[][] =>
        [...rows].sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
      return JSON.stringify(sort(ui)) === JSON.stringify(sort(api)) ? 'same' : JSON.stringify({ ui, api });
    })
    .toBe('same');
  await page.screenshot({ path: `${SHOTS}/stop-sign-1920x540-ko.png` });
  await page.goto(`${center.base}/stop/${STOP}?lang=en`);
  await page.waitForSelector('body[data-state="live"] .route-row');
  expect(await page.locator('.route-row .en').first().isVisible()).toBe(true);
  // The longest crowding marks end at the row's 2 vw margin like the other columns ("●●○ Standing"
  // ran to 1911 of 1920 px). Measured by putting each in the first row's marks for a moment.
  const marksRight = (await page.evaluate(`(() => {
    const marks = document.querySelector('.route-row .marks');
    return [['●●○', '보통', 'Standing', 'medium'], ['●●●', '혼잡', 'Crowded', 'high']].map(([dots, ko, en, c]) => {
      const probe = document.createElement('span');
      probe.className = 'crowding crowding-' + c;
      probe.innerHTML = '<span class="dots">' + dots + '</span><span class="ko" lang="ko">' + ko + '</span><span class="en" lang="en">' + en + '</span>';
      marks.prepend(probe);
      const right = Math.max(...[...probe.children].map((e) => e.getBoundingClientRect().right));
      probe.remove();
      return right;
    });
  })()`)) as number[];
  expect(marksRight.length).toBe(2);
  for (const right of marksRight) expect(right).toBeLessThanOrEqual(1920 - 0.02 * 1920 + 0.5);
  await page.screenshot({ path: `${SHOTS}/stop-sign-1920x540-en.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/stop-sign-phone-390x844-en.png`, fullPage: true });
  expect(problems).toEqual([]);
  await page.close();
});

test('a bus ten or more stops away keeps its minutes and stops whole on the sign, in both columns', async () => {
  // The center's real frames, each live arrival's text turned to two-digit stops as a long route's
  // far stops read ("16 min [11 stops away]" was cut to "11 stops awa" in the 26 vw and 21 vw columns).
  const { page, problems } = await watchedPage(browser, { width: 1920, height: 540 });
  await page.routeWebSocket(/\/ws$/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      const frame = JSON.parse(String(message)) as {
        type: string;
        data?: { routes?: { arrivals: { source: string; text: { ko: string; en: string } }[] }[] };
      };
      if (frame.type === 'snapshot' || frame.type === 'delta')
        for (const route of frame.data?.routes ?? [])
          for (const a of route.arrivals) {
            a.source = 'live';
            a.text = { ko: '16분 후 [11번째 전]', en: '16 min [11 stops away]' };
          }
      ws.send(JSON.stringify(frame));
    });
  });
  for (const lang of ['en', 'ko']) {
    await page.goto(`${center.base}/stop/${STOP}?lang=${lang}`);
    await page.waitForSelector('body[data-state="live"] .route-row .arr-sub');
    const subs = await page.locator(`.arr:not(.arr-state) .arr-sub .${lang}`).allTextContents();
    expect(subs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(subs)).toEqual(new Set([lang === 'en' ? '11 stops away' : '11번째 전']));
    const clipped = await page.$$eval('.arr', (cells) =>
      cells
        .filter((c) => c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1)
        .map((c) => `${c.className}: ${c.textContent ?? ''}`),
    );
    expect(clipped).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/stop-sign-far-stops-1920x540-${lang}.png` });
  }
  expect(problems).toEqual([]);
  await page.close();
});

test('a timetable-only sign on a center at x4 keeps its times in their columns, its clock and its minutes running', async () => {
  // The demo's timebase: the scenario's morning at 4x, and no bus reports, so every board is the
  // timetable (live buses would send deltas; a timetable board gets none and must be read again).
  const own = await startDisplayCenter({
    clock: new ScaledClock(Date.parse(center.scenario.startTime), 4),
    feed: false,
  });
  const stop = '23101';
  const { page, problems } = await watchedPage(browser, { width: 1920, height: 540 });
  try {
    const board = (await (await fetch(`${own.base}/api/v1/stops/${stop}/arrivals`)).json()) as {
      routes: { status: string }[];
    };
    expect(board.routes.map((r) => r.status)).toEqual(['schedule', 'schedule', 'schedule']);
    let reads = 0;
    page.on('request', (r) => {
      if (r.url().endsWith(`/api/v1/stops/${stop}/arrivals`)) reads++;
    });
    await page.goto(`${own.base}/stop/${stop}?lang=en`);
    await page.waitForSelector('body[data-state="live"] .arr[data-source="schedule"]');
    // "20 min (scheduled)" was cut to "20 min (schedulec": the flag goes in the small type beside it.
    const mains = await page.locator('.arr[data-source="schedule"] .arr-main .en').allTextContents();
    expect(mains.length).toBe(6);
    expect(mains.every((t) => /^\d+ min$/.test(t))).toBe(true);
    expect(await page.locator('.arr[data-source="schedule"] .arr-sub .en').allTextContents()).toEqual(
      mains.map(() => '(scheduled)'),
    );
    const clipped = await page.$$eval('.arr', (cells) =>
      cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent),
    );
    expect(clipped).toEqual([]);
    // The sign's clock runs at the center's pace between frames: about 8 s per 2 s here. It ran at
    // the browser's (2 s) and jumped at each pong, every 10 s.
    await page.waitForTimeout(4_000);
    const seconds = async (): Promise<number> => {
      const [h, m, sec] = ((await page.locator('#clock').textContent()) ?? '').split(':').map(Number);
      return (h ?? 0) * 3600 + (m ?? 0) * 60 + (sec ?? 0);
    };
    const ticks: number[] = [await seconds()];
    const readsBefore = reads;
    for (let i = 0; i < 4; i++) {
      await page.waitForTimeout(2_000);
      ticks.push(await seconds());
    }
    const steps = ticks.slice(1).map((t, i) => t - (ticks[i] ?? t));
    expect(
      steps.every((d) => d >= 4 && d <= 14),
      `clock steps ${steps.join(', ')} s`,
    ).toBe(true);
    // Its minutes are read again every 15 s of the center's clock (3.75 s here); every 30 s of the
    // browser's, the demo at x4 showed "4분 후" for two minutes while the API said 2.
    expect(reads - readsBefore).toBeGreaterThanOrEqual(1);
    await expect.poll(() => reads - readsBefore, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: `${SHOTS}/stop-sign-timetable-x4-1920x540-en.png` });
    expect(problems).toEqual([]);
  } finally {
    await page.close();
    await own.close();
  }
});

test('the bus-stop sign shows "information unavailable" instead of old numbers when the feed stops', async () => {
  const { page, problems } = await watchedPage(browser, { width: 1920, height: 540 });
  await page.goto(`${center.base}/stop/${STOP}?lang=ko&staleAfterS=3`);
  await page.waitForSelector('body[data-state="live"] .route-row');
  center.stopFeed();
  try {
    await page.waitForSelector('body[data-state="stale"]', { timeout: 20_000 });
    expect(await page.locator('.route-row').count()).toBe(0);
    expect(await page.locator('.unavail-title .ko').textContent()).toBe('정보 없음');
    await page.screenshot({ path: `${SHOTS}/stop-sign-stale-1920x540-ko.png` });
  } finally {
    center.startFeed();
  }
  await page.waitForSelector('body[data-state="live"] .route-row', { timeout: 20_000 });
  expect(problems).toEqual([]);
  await page.close();
});

test('the control room says since when it has had no data instead of showing old signals and buses as live', async () => {
  // With the feed stopped two minutes, the room still read '● 실시간 live', both edges online and
  // GN01 '▶ Φ2 green 126s' on a 62 s split: nothing said the picture was old.
  const { page, problems } = await watchedPage(browser, { width: 1920, height: 1080 });
  await page.goto(`${center.base}/?staleAfterS=3`);
  await page.waitForSelector('body[data-state="live"] #conn[data-up="true"]');
  center.stopFeed();
  try {
    await page.waitForSelector('body[data-state="stale"]', { timeout: 20_000 });
    expect(await page.locator('#conn').textContent()).toMatch(
      /^⚠ 데이터 없음 · no data since \d\d:\d\d:\d\d$/,
    );
    expect(await page.getAttribute('#conn', 'data-stale')).toBe('true');
    await page.screenshot({ path: `${SHOTS}/control-room-stale-1920x1080.png` });
  } finally {
    center.startFeed();
  }
  await page.waitForSelector('body[data-state="live"]', { timeout: 20_000 });
  expect(await page.locator('#conn').textContent()).toBe('● 실시간 live');
  expect(problems).toEqual([]);
  await page.close();
});

test('an unknown stop says so instead of showing an empty board', async () => {
  const { page } = await watchedPage(browser, { width: 1920, height: 540 });
  await page.goto(`${center.base}/stop/NO-SUCH-STOP?lang=en`);
  await page.waitForSelector('body[data-state="loading-failed"]');
  expect(await page.locator('#foot').textContent()).toContain('NO-SUCH-STOP');
  await page.close();
});

test('a subway platform both circles serve says where each train goes', async () => {
  const platform = center.scenario.transit?.trips.find((t) => t.routeId === 'L2')?.stopTimes[3]?.stopId;
  expect(platform).toBeDefined();
  const { page, problems } = await watchedPage(browser, { width: 1920, height: 540 });
  await page.goto(`${center.base}/stop/${platform}?lang=ko`);
  const row = page.locator('.route-row[data-route="L2"]');
  await row.waitFor();
  // Two arrivals, one per circle (timetable or live), each with its own way under its time.
  const ways = await row.locator('.arr-way .en').allTextContents();
  expect(ways).toHaveLength(2);
  expect(new Set(ways).size).toBe(2);
  expect(ways.every((w) => /^to .*circle/.test(w))).toBe(true);
  expect(await row.locator('.dest .en').textContent()).toBe('Both directions');
  // In Line 2's own green (#00A84D), not the yellow of a Seoul circular bus the sign fell back to.
  const badge = `getComputedStyle(document.querySelector('.route-row[data-route="L2"] .route-badge')).backgroundColor`;
  expect(await page.evaluate(badge)).toBe('rgb(0, 168, 77)');
  await page.screenshot({ path: `${SHOTS}/stop-sign-subway-platform-1920x540-ko.png` });
  expect(problems).toEqual([]);
  await page.close();
});

const EXN: [number, number] = [127.0175, 37.5072];

/** The driver map's pins whose point lies outside the visible map (off screen or under the panel). */
async function pinsOutsideMap(page: Page): Promise<string[]> {
  const map = await page.locator('#map').boundingBox();
  if (map === null) throw new Error('the map is not on the page');
  const pins = await page.locator('.pin').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { label: e.textContent ?? '', x: r.x + r.width / 2, y: r.bottom };
    }),
  );
  return pins
    .filter((p) => p.x < map.x || p.x > map.x + map.width || p.y < map.y || p.y > map.y + map.height)
    .map((p) => `${p.label} at ${Math.round(p.x)},${Math.round(p.y)}`);
}

test('an operator declares an incident in the control room; the sign and the driver map show the detour', async () => {
  const gn01 = center.scenario.network.nodes.find((n) => n.id === 'GN01');
  const driveUrl = `${center.base}/drive?from=${EXN.join(',')}&to=${gn01?.lon},${gn01?.lat}`;
  const drive = await watchedPage(browser, { width: 1440, height: 900 });
  await drive.page.goto(driveUrl);
  await drive.page.waitForSelector('body[data-state="route"]');
  await drive.page.screenshot({ path: `${SHOTS}/drive-1440x900-usual.png` });

  // The one refusal expected: declaring the same road twice (409).
  const { page, problems } = await watchedPage(
    browser,
    { width: 1920, height: 1080 },
    (url, status) => url.endsWith('/api/v1/incidents') && status === 409,
  );
  await page.goto(`${center.base}/`);
  await page.waitForSelector('body[data-state="live"]');
  await page.waitForFunction('Number(document.body.dataset.linksDrawn ?? 0) > 0');
  const vehicles = (await (await fetch(`${center.base}/api/v1/vehicles`)).json()) as unknown[];
  await expect.poll(() => page.locator('.bus-marker:not(.demo)').count()).toBe(vehicles.length);
  expect(await page.locator('.sig-marker:not(.demo)').count()).toBe(center.scenario.intersections.length);
  await expect.poll(() => page.evaluate(LOS_PIXELS_SCRIPT)).toBeGreaterThan(500);
  await page.waitForSelector('.rb-running');
  // An edge alarm reads what went wrong in Korean and English, not its wire code alone.
  await expect
    .poll(() => page.locator('#alarms').textContent())
    .toContain('검지기 상시 점유 · Detector stuck on');
  await page.screenshot({ path: `${SHOTS}/control-room-1920x1080.png` });

  await page.fill('.login input[name="token"]', TEST_TOKENS.operator);
  await page.click('.login button:not([type="button"])');
  await page.selectOption('.declare select[name="linkId"]', 'EXICN-SC04');
  await page.fill('.declare input[name="lanes"]', '0,1');
  await page.selectOption('.declare select[name="kind"]', 'crash');
  await page.selectOption('.declare select[name="severity"]', 'critical');
  await page.click('.declare button');
  await page.waitForSelector('.declare .result[data-ok="true"]');
  expect(await page.locator('.declare .result').textContent()).toMatch(/declared inc-/);
  const declaredId = /declared (inc-\S+)/.exec(
    (await page.locator('.declare .result').textContent()) ?? '',
  )?.[1];
  // The same road again: the center refuses a duplicate (409); the panel names the active incident,
  // picks it for clearing and offers to update it with the form instead.
  await page.click('.declare button:not(.offer)');
  await page.waitForSelector('.declare .result[data-ok="false"]');
  expect(await page.locator('.declare .result').textContent()).toContain(
    `already declared on this road: ${declaredId ?? '?'}`,
  );
  expect(await page.locator('.clear select[name="incident"]').inputValue()).toBe(declaredId);
  await page.click('.declare button.offer');
  await page.waitForSelector('.declare .result[data-ok="true"]');
  expect(await page.locator('.declare .result').textContent()).toContain(`updated ${declaredId ?? '?'}`);
  expect(await page.locator('.declare button.offer').isHidden()).toBe(true);
  await page.waitForSelector('.incident-marker:not(.demo)');
  // The incident marker stays above the buses that pass it.
  const zIndex = (sel: string): Promise<number> =>
    page.evaluate(`Number(getComputedStyle(document.querySelector(${JSON.stringify(sel)})).zIndex)`);
  expect(await zIndex('.incident-marker:not(.demo)')).toBeGreaterThan(await zIndex('.bus-marker:not(.demo)'));
  // Its tooltip names kind and severity in words (was `crash · critical`).
  expect(await page.getAttribute('.incident-marker:not(.demo)', 'title')).toContain(
    '사고 · Crash · 매우 심각 · Critical · EXICN-SC04',
  );
  // Kinds and severities read in both languages, not as the API's values.
  expect(await page.locator('.declare select[name="kind"] option[value="crash"]').textContent()).toBe(
    '사고 · Crash',
  );
  // The strategies offered are the ones an edge runs; a center without edges says the command
  // went nowhere instead of "sent".
  expect(await page.$$eval('.plan select[name="strategy"] option', (o) => o.map((x) => x.value))).toEqual([
    '',
    ...STRATEGY_NAMES,
  ]);
  await page.selectOption('.plan select[name="intersection"]', 'GN03');
  await page.selectOption('.plan select[name="strategy"]', 'scats');
  await page.click('.plan button');
  await page.waitForSelector('.plan .result[data-ok="false"]');
  expect(await page.locator('.plan .result').textContent()).toMatch(/not delivered to GN03/);

  // Signs and incidents are offered with their road's name, as the roads are (a sign was its id alone).
  expect(await page.locator('.sign select[name="sign"] option[value="vms-GN03-GN04"]').textContent()).toMatch(
    /^vms-GN03-GN04 · 테헤란로 · Teheran-ro( · 표출 중 showing)?$/,
  );
  expect(
    await page.locator(`.clear select[name="incident"] option[value="${declaredId ?? '?'}"]`).textContent(),
  ).toBe(`${declaredId ?? '?'} · 사고 · Crash · EXICN-SC04 · 서초IC 램프 · Seocho IC ramp`);
  await page.selectOption('.sign select[name="sign"]', 'vms-GN03-GN04');
  await page.fill('.sign input[name="textKo"]', '테헤란로 행사 / 1차로 통제');
  await page.fill('.sign input[name="textEn"]', 'Event on Teheran-ro / lane 1 closed');
  await page.click('.sign button');
  await page.waitForSelector('.sign .result[data-ok="true"]');
  await page.waitForSelector('.vms-marker:not(.demo)', { state: 'attached' });
  await page.screenshot({ path: `${SHOTS}/control-room-incident-1920x1080.png` });

  await drive.page.waitForSelector('body[data-state="detour"] #detour-note');
  expect(await drive.page.locator('#incident-note').textContent()).toContain('1');
  // The driver reads what happened and on which road (Korean and English), not the API's kind and link id.
  expect(await drive.page.locator('.incidents li').first().textContent()).toBe(
    '사고 · Crash · 매우 심각 · Critical · 서초IC 램프 · Seocho IC ramp · 2개 차로 통제 · 2 lanes closed',
  );
  expect(await drive.page.locator('.incidents').textContent()).not.toContain('EXICN-SC04');
  expect(await pinsOutsideMap(drive.page)).toEqual([]);
  await drive.page.screenshot({ path: `${SHOTS}/drive-1440x900-detour.png` });
  await drive.page.setViewportSize({ width: 390, height: 844 });
  await drive.page.screenshot({ path: `${SHOTS}/drive-phone-390x844-detour.png`, fullPage: true });

  const sign = await watchedPage(browser, { width: 1280, height: 400 });
  await sign.page.goto(`${center.base}/sign/vms-EXICN-SC04?lang=ko`);
  await sign.page.waitForSelector('body[data-state="message"]');
  expect(await sign.page.locator('.vms-face').textContent()).toContain('사고');
  // The Korean sign names the road in Korean (scenario nameKo), the detour road too.
  expect(await sign.page.locator('.vms-face').textContent()).not.toMatch(/Seocho|Gyeongbu/);
  await sign.page.screenshot({ path: `${SHOTS}/vms-incident-1280x400-ko.png` });
  await sign.page.goto(`${center.base}/sign/vms-GN03-GN04?lang=en`);
  await sign.page.waitForSelector('body[data-state="message"]');
  expect(await sign.page.locator('.vms-face').textContent()).toContain('Event on Teheran-ro');
  // The message's lines (two here) sit in the middle of the face, not on its top two over a dark one.
  const centring = await sign.page.$eval('.vms-face', (face) => {
    const lines = [...face.querySelectorAll('.vms-line')].map((l) => l.getBoundingClientRect());
    const f = face.getBoundingClientRect();
    const top = Math.min(...lines.map((r) => r.top));
    const bottom = Math.max(...lines.map((r) => r.bottom));
    return { lines: lines.length, off: Math.abs((top + bottom) / 2 - (f.top + f.bottom) / 2) };
  });
  expect(centring.lines).toBe(2);
  expect(centring.off).toBeLessThan(4);
  await sign.page.screenshot({ path: `${SHOTS}/vms-operator-1280x400-en.png` });

  expect([...problems, ...drive.problems, ...sign.problems]).toEqual([]);
  await Promise.all([page.close(), drive.page.close(), sign.page.close()]);
});

test('on a 1366x768 operator screen signals stay above buses, the legend is off the network and the diagrams read at 12 px', async () => {
  const { page, problems } = await watchedPage(browser, { width: 1366, height: 768 });
  await page.goto(`${center.base}/`);
  await page.waitForSelector('body[data-state="live"]');
  await page.waitForFunction('Number(document.body.dataset.linksDrawn ?? 0) > 0');
  await expect.poll(() => page.locator('.bus-marker:not(.demo)').count()).toBeGreaterThan(0);
  await page.waitForSelector('.rv-stop-name');
  // The selected intersection's mode in words (was the wire value: 'external', 'coordinated').
  await expect
    .poll(() => page.locator('.ix-facts dd').nth(1).textContent())
    .toMatch(/^(연동 제어 · coordinated|정주기 · fixed time)$/);

  // A bus at GN01's very place: the point at the signal marker's centre is the signal, the bus under it.
  const atSignal = await page.evaluate(`(() => {
    const sig = document.querySelector('.sig-marker[data-intersection="GN01"]');
    const bus = document.querySelector('.bus-marker:not(.demo)');
    bus.style.transform = sig.style.transform;
    bus.style.visibility = '';
    const r = sig.getBoundingClientRect();
    const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
    return {
      top: document.elementFromPoint(x, y)?.closest('.sig-marker') === sig,
      busThere: document.elementsFromPoint(x, y).includes(bus),
    };
  })()`);
  expect(atSignal).toEqual({ top: true, busThere: true });

  // The legend starts collapsed to a button with a name; no link is drawn under it.
  const linksUnderLegend = (): Promise<number> =>
    page.evaluate(`(() => {
      const l = document.getElementById('legend').getBoundingClientRect();
      const m = document.getElementById('map').getBoundingClientRect();
      const box = [[l.left - m.left, l.top - m.top], [l.right - m.left, l.bottom - m.top]];
      return window.controlMap.queryRenderedFeatures(box, { layers: ['links', 'links-casing'] }).length;
    })()`);
  expect(await linksUnderLegend()).toBe(0);
  const toggle = page.getByRole('button', { name: '범례 · Legend' });
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  await page.screenshot({ path: `${SHOTS}/control-room-1366x768.png` });
  await toggle.click();
  expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  expect(await page.locator('#legend-body').isVisible()).toBe(true);
  await page.screenshot({ path: `${SHOTS}/control-room-1366x768-legend.png` });
  await toggle.click();
  expect(await page.locator('#legend-body').isVisible()).toBe(false);

  // Diagram text as drawn on screen (font size times the SVG's scale), and inside its box.
  const text = (await page.evaluate(`(() => {
    const out = { minPx: Infinity, outside: [] };
    for (const [box, sel] of [['#tsd', '.tsd text'], ['.route-canvas', '.route-svg text']]) {
      const b = document.querySelector(box).getBoundingClientRect();
      for (const t of document.querySelectorAll(sel)) {
        const svg = t.closest('svg');
        const px = parseFloat(getComputedStyle(t).fontSize) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        out.minPx = Math.min(out.minPx, px);
        const r = t.getBoundingClientRect();
        if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1)
          out.outside.push(t.textContent);
      }
    }
    return out;
  })()`)) as { minPx: number; outside: string[] };
  expect(text.minPx).toBeGreaterThanOrEqual(11.5);
  expect(text.outside).toEqual([]);
  expect(problems).toEqual([]);
  await page.close();
});

test('a driver picks start and destination by clicking the map and sees the detour and the time saved', async () => {
  // Runs after the incident test: EXICN-SC04 (on the usual way from the expressway) is blocked.
  const gn01 = center.scenario.network.nodes.find((n) => n.id === 'GN01');
  if (gn01 === undefined) throw new Error('no node GN01');
  const { page, problems } = await watchedPage(browser, { width: 1440, height: 900 });
  await page.goto(`${center.base}/drive`);
  await page.waitForSelector('body[data-state="pick-start"][data-links-drawn]');
  await clickMapAt(page, EXN);
  await page.waitForSelector('body[data-state="pick-destination"] .pin-from');
  expect(await page.locator('#hint').textContent()).toMatch(/destination/);
  const answered = page.waitForResponse((r) => r.url().includes('/api/v1/route?'));
  await clickMapAt(page, [gn01.lon, gn01.lat]);
  const answer = (await (await answered).json()) as RouteAnswer;
  await page.waitForSelector('body[data-state="detour"] #detour-note');
  await expect.poll(() => page.locator('.pin').count()).toBe(2);
  // The view keeps both pins on the map, beside the panel, not only the route between junctions.
  expect(await pinsOutsideMap(page)).toEqual([]);
  expect(answer.timeSavedS === null || answer.timeSavedS > 0).toBe(true);
  const minutes = (s: number): number => Math.max(1, Math.round(s / 60));
  expect(await page.locator('#travel-time').textContent()).toContain(`${minutes(answer.travelTimeS)}분`);
  // When the time was planned, on the center's clock in the scenario's zone (Asia/Seoul).
  const seoul = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Seoul',
  });
  expect(await page.locator('#as-of').textContent()).toMatch(/기준 · as of \d\d:\d\d$/);
  const asOf = /as of (\d\d:\d\d)$/.exec((await page.locator('#as-of').textContent()) ?? '')?.[1];
  expect([seoul.format(Date.now()), seoul.format(Date.now() - 60_000)]).toContain(asOf);
  expect(await page.locator('#detour-note').textContent()).toMatch(
    answer.timeSavedS === null
      ? /usual route closed/
      : answer.timeSavedS >= 30
        ? new RegExp(`saves ${minutes(answer.timeSavedS)} min`)
        : /about the same time/,
  );
  expect(await page.locator('#incident-note').textContent()).toContain('1');
  await expect.poll(() => renderedFeatures(page, 'route-fastest')).toBeGreaterThan(0);
  await expect.poll(() => renderedFeatures(page, 'route-usual')).toBeGreaterThan(0);
  await page.screenshot({ path: `${SHOTS}/drive-clicked-detour-1440x900.png` });
  // Reset clears the route and asks for a start again.
  await page.click('#reset');
  await page.waitForSelector('body[data-state="pick-start"]');
  expect(await page.locator('.pin').count()).toBe(0);
  // Points clicked between junctions (the route runs from the nearest ones): both pins stay in view
  // on a wall screen, neither off the left edge nor under the panel.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${center.base}/drive?from=127.03,37.499&to=127.0545,37.5063`);
  await page.waitForSelector('body[data-state="route"], body[data-state="detour"]');
  expect(await pinsOutsideMap(page)).toEqual([]);
  expect(problems).toEqual([]);
  await page.close();
});

test('a viewer picks a road on the map but is refused operator actions, and the control room says why', async () => {
  const { page, problems } = await watchedPage(
    browser,
    { width: 1920, height: 1080 },
    (url, status) => url.includes('/api/v1/') && status === 403,
  );
  await page.goto(`${center.base}/`);
  await page.waitForSelector('body[data-state="live"]');
  const a = await page.locator('.sig-marker[data-intersection="GN06"]').boundingBox();
  const b = await page.locator('.sig-marker[data-intersection="GN07"]').boundingBox();
  if (a === null || b === null) throw new Error('the GN06 and GN07 signal markers are not on the map');
  await page.mouse.click((a.x + b.x + a.width) / 2, (a.y + b.y + a.height) / 2);
  await expect.poll(() => page.locator('.declare .picked').textContent()).toMatch(/GN06-GN07|GN07-GN06/);
  await page.fill('.login input[name="token"]', TEST_TOKENS.viewer);
  await page.click('.login button:not([type="button"])');
  await page.selectOption('.declare select[name="linkId"]', 'GN04-GN05');
  await page.click('.declare button');
  await page.waitForSelector('.declare .result[data-ok="false"]');
  expect(await page.locator('.declare .result').textContent()).toContain('403');
  await page.fill('.sign input[name="textKo"]', '시험');
  await page.click('.sign button');
  await page.waitForSelector('.sign .result[data-ok="false"]');
  expect(await page.locator('.sign .result').textContent()).toMatch(/viewer/);
  const incidents = (await (await fetch(`${center.base}/api/v1/incidents`)).json()) as {
    linkId: string;
    source: string;
  }[];
  expect(incidents.filter((i) => i.source === 'operator').map((i) => i.linkId)).not.toContain('GN04-GN05');
  await page.locator('.operator').screenshot({ path: `${SHOTS}/control-room-viewer-refused.png` });
  expect(problems).toEqual([]);
  await page.close();
});

test('an operator who mistypes the lanes is told what to type, and a refusal says its reason once', async () => {
  const { page, problems } = await watchedPage(
    browser,
    { width: 1920, height: 1080 },
    (url, status) => url.endsWith('/api/v1/incidents') && status === 400,
  );
  let posts = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/v1/incidents')) posts++;
  });
  await page.goto(`${center.base}/`);
  await page.waitForSelector('body[data-state="live"]');
  await page.fill('.login input[name="token"]', TEST_TOKENS.operator);
  await page.click('.login button:not([type="button"])');
  await page.selectOption('.declare select[name="linkId"]', 'GN06-GN07');
  // A word: said in the panel, nothing sent (it went as null: "lanes.0: expected number, received null").
  await page.fill('.declare input[name="lanes"]', 'left');
  await page.click('.declare button:not(.offer)');
  await page.waitForSelector('.declare .result[data-ok="false"]');
  expect(await page.locator('.declare .result').textContent()).toBe(
    '✖ 차로 번호를 0,1처럼 적으세요 · lanes are lane numbers such as 0,1 (0 = rightmost)',
  );
  expect(posts).toBe(0);
  // The center's refusal: its reason in words, the status once, each issue once (was "✖ 400 (400):
  // incident: lanes.1: ... — lanes.1: ...").
  await page.fill('.declare input[name="lanes"]', '0,9');
  await page.click('.declare button:not(.offer)');
  await expect.poll(() => posts).toBe(1);
  await page.waitForFunction(`document.querySelector('.declare .result')?.textContent.includes('(400)')`);
  const refusal = (await page.locator('.declare .result').textContent()) ?? '';
  expect(refusal).toMatch(/^✖ 입력 오류 · invalid input \(400\): incident: lanes\.1: /);
  expect(refusal.split('lanes.1').length).toBe(2);
  expect(problems).toEqual([]);
  await page.close();
});

test('an operator clicks a road on the map and the incident form gets the link and the position clicked on it', async () => {
  // The Seocho IC ramp (3 points, 262.5 m, no bus on it); the place clicked is 160 m along it, past
  // the bend (131 m) and clear of the markers at its ends and of the incident declared on it above.
  const ramp = center.scenario.network.links.find((l) => l.id === 'EXICN-SC04');
  const line = ramp?.geometry;
  if (ramp === undefined || line === undefined) throw new Error('the demo city has no EXICN-SC04 ramp');
  const wantM = 160;
  /** The point `m` metres along the ramp as the center places it (drawn line scaled to lengthM). */
  const along = (m: number): [number, number] => {
    let leftM = (m / (ramp.lengthM ?? polylineLengthM(line))) * polylineLengthM(line);
    for (let i = 1; i < line.length; i++) {
      const [a, b] = [line[i - 1], line[i]];
      if (a === undefined || b === undefined) continue;
      const segmentM = haversineM(a, b);
      if (leftM <= segmentM)
        return [a[0] + ((b[0] - a[0]) * leftM) / segmentM, a[1] + ((b[1] - a[1]) * leftM) / segmentM];
      leftM -= segmentM;
    }
    throw new Error(`${m} m is beyond the ramp`);
  };
  const { page, problems } = await watchedPage(browser, { width: 1920, height: 1080 });
  await page.goto(`${center.base}/`);
  await page.waitForSelector('body[data-state="live"]');
  // Zoomed in as an operator would to place an incident (a quarter metre a pixel). The map's tiles cut
  // the ramp here: the feature under the click starts 45 m into it, and measured along that piece
  // the position read 148 m.
  await page.evaluate(`new Promise((resolve) => {
    window.controlMap.once('idle', () => resolve(true));
    window.controlMap.jumpTo({ center: ${JSON.stringify(along(wantM))}, zoom: 18 });
  })`);
  expect(await page.inputValue('.declare input[name="positionM"]')).toBe('');
  // Links are drawn 4 px to the right of their line (driving side); the click lands on the ramp's own
  // stroke, 6 px right, clear of the opposite direction's.
  const [x, y] = await pixelOf(page, along(wantM), 'controlMap');
  const [x2, y2] = await pixelOf(page, along(wantM + 10), 'controlMap');
  const d = Math.hypot(x2 - x, y2 - y);
  await page.mouse.click(x - ((y2 - y) / d) * 6, y + ((x2 - x) / d) * 6);
  await expect.poll(() => page.inputValue('.declare select[name="linkId"]')).toBe('EXICN-SC04');
  const positionM = Number(await page.inputValue('.declare input[name="positionM"]'));
  expect(Math.abs(positionM - wantM)).toBeLessThanOrEqual(3);
  expect(await page.locator('.declare .picked').textContent()).toMatch(
    new RegExp(`^EXICN-SC04 · .* · 위치 ${positionM} m$`),
  );
  await page.locator('.operator').screenshot({ path: `${SHOTS}/control-room-picked-position.png` });
  // The field stays the operator's: it can be cleared (an unknown position) before declaring.
  await page.fill('.declare input[name="positionM"]', '');
  expect(await page.inputValue('.declare input[name="positionM"]')).toBe('');
  expect(problems).toEqual([]);
  await page.close();
});

test('an operator clicks either direction of a two-way road on the map and the form gets that direction', async () => {
  // Seolleung-ro north of 선릉 (GN05): one straight line for both directions, reversed for the way back;
  // no bus runs on it, and its detectors are at the GN05 end, far off screen at this zoom.
  const link = (id: string): { id: string; a: [number, number]; b: [number, number] } => {
    const [a, b, ...more] = center.scenario.network.links.find((l) => l.id === id)?.geometry ?? [];
    if (a === undefined || b === undefined || more.length > 0)
      throw new Error(`the demo city has no straight ${id}`);
    return { id, a, b };
  };
  const ways = [link('GN05-GN05N'), link('GN05N-GN05')];
  const { a, b } = ways[0] ?? link('GN05-GN05N');
  const middle: [number, number] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const { page, problems } = await watchedPage(browser, { width: 1920, height: 1080 });
  await page.goto(`${center.base}/`);
  await page.waitForSelector('body[data-state="live"]');
  await page.evaluate(`new Promise((resolve) => {
    window.controlMap.once('idle', () => resolve(true));
    window.controlMap.jumpTo({ center: ${JSON.stringify(middle)}, zoom: 18 });
  })`);
  const picked: string[] = [];
  for (const way of ways) {
    // Another link in the form first, so the pick is seen to arrive.
    await page.selectOption('.declare select[name="linkId"]', 'GN04-GN05');
    // The middle of the way's own stroke: 4 px to the right of its direction of travel on screen.
    const [ax, ay] = await pixelOf(page, way.a, 'controlMap');
    const [bx, by] = await pixelOf(page, way.b, 'controlMap');
    const [x, y] = await pixelOf(page, middle, 'controlMap');
    const d = Math.hypot(bx - ax, by - ay);
    await page.mouse.click(x - ((by - ay) / d) * 4, y + ((bx - ax) / d) * 4);
    await expect.poll(() => page.inputValue('.declare select[name="linkId"]')).not.toBe('GN04-GN05');
    picked.push(await page.inputValue('.declare select[name="linkId"]'));
  }
  expect(picked).toEqual(ways.map((w) => w.id));
  expect(problems).toEqual([]);
  await page.close();
});

test('buses at one place on the control-room map show as one marker with their count, under the signal, and zooming in separates them', async () => {
  // A center of its own with three buses only, 0, 15 and 30 m east of 강남역 (GN01) on Teheran-ro:
  // a few pixels apart at the page's first zoom, tens of pixels at zoom 19.
  const own = await startDisplayCenter({ feed: false });
  const { page, problems } = await watchedPage(browser, { width: 1920, height: 1080 });
  try {
    const ix = own.scenario.intersections.find((i) => i.id === 'GN01');
    const [a, b] = own.scenario.network.links.find((l) => l.id === 'GN01-GN02')?.geometry ?? [];
    const route = own.scenario.transit?.routes.find((r) => r.gtfsType === 3);
    if (ix === undefined || a === undefined || b === undefined || route === undefined)
      throw new Error('the demo city has no GN01, GN01-GN02 or bus route');
    const share = (m: number): number => m / haversineM(a, b);
    const now = Date.now();
    const batch: EdgeBatch = {
      kind: 'edge.batch',
      id: newId(now),
      deviceId: `edge-${ix.region}`,
      seq: 0,
      ts: now,
      region: ix.region,
      items: [0, 15, 30].map((m, i) => ({
        type: 'bus-progress',
        vehicleId: `bus-stacked-${i}`,
        routeId: route.id,
        tripId: null,
        at: now,
        lat: a[1] + (b[1] - a[1]) * share(m),
        lon: a[0] + (b[0] - a[0]) * share(m),
        speedMps: 0,
        distanceM: 0,
        scheduleDeviationS: 0,
        lastStopId: null,
        nextStopId: null,
        onRoute: true,
        passengers: null,
      })),
    };
    await own.node.ingest.handle(`its/v1/${ix.region}/edge/${batch.deviceId}/up`, JSON.stringify(batch));
    await page.goto(`${own.base}/`);
    await page.waitForSelector('body[data-state="live"]');
    await page.waitForFunction('Number(document.body.dataset.linksDrawn ?? 0) > 0');
    await expect.poll(() => page.locator('.bus-marker:not(.demo)').count()).toBe(3);
    /** Each bus marker as "vehicle hidden-reason stack-count", and the badge drawn on the shown ones. */
    const markers = async (): Promise<string[]> =>
      (
        (await page.evaluate(`[...document.querySelectorAll('.bus-marker:not(.demo)')].map((e) => [
        e.dataset.vehicle,
        e.dataset.hidden || 'shown',
        e.dataset.stack || '-',
        getComputedStyle(e, '::after').content,
        getComputedStyle(e).visibility,
      ].join(' '))`)) as string[]
      ).sort();
    const before = await markers();
    const shown = before.filter((m) => m.includes(' shown '));
    expect(shown.length, before.join('; ')).toBe(1);
    expect(shown[0]).toMatch(/^bus-stacked-\d shown 3 "3" visible$/);
    expect(before.filter((m) => / stacked - none hidden$/.test(m)).length, before.join('; ')).toBe(2);
    // The signal there is drawn above the stack: the top element at its centre is the signal, the
    // shown bus marker under it.
    const atSignal = await page.evaluate(`(() => {
      const sig = document.querySelector('.sig-marker[data-intersection="GN01"]');
      const bus = [...document.querySelectorAll('.bus-marker:not(.demo)')].find((e) => e.dataset.hidden === '');
      const r = sig.getBoundingClientRect();
      const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
      return {
        top: document.elementFromPoint(x, y)?.closest('.sig-marker') === sig,
        busThere: document.elementsFromPoint(x, y).includes(bus),
      };
    })()`);
    expect(atSignal).toEqual({ top: true, busThere: true });
    // Zoomed in, 15 m is tens of pixels: three markers, no count.
    await page.evaluate(`new Promise((resolve) => {
      window.controlMap.once('idle', () => resolve(true));
      window.controlMap.jumpTo({ center: ${JSON.stringify(a)}, zoom: 19 });
    })`);
    await expect.poll(markers).toEqual([0, 1, 2].map((i) => `bus-stacked-${i} shown - none visible`));
    expect(problems).toEqual([]);
  } finally {
    await page.close();
    await own.close();
  }
});

test('the sign and the control room reconnect after the center restarts', async () => {
  const own = await startDisplayCenter({ engine: 'node' });
  const sign = await watchedPage(browser, { width: 1920, height: 540 });
  const room = await watchedPage(browser, { width: 1920, height: 1080 });
  await sign.page.goto(`${own.base}/stop/${STOP}?lang=en`);
  await room.page.goto(`${own.base}/`);
  await sign.page.waitForSelector('body[data-state="live"] .route-row');
  await room.page.waitForSelector('#conn[data-up="true"]');
  await own.restartCenter();
  // The rows drawn before the restart stay on the page until the sign goes stale: mark them, and wait
  // for rows drawn from the restarted center's frames (the old ones could be matched, then replaced by
  // the stale notice: CI once counted 0 rows here).
  await sign.page.evaluate(
    `document.querySelectorAll('.route-row').forEach((r) => { r.dataset.before = '1'; })`,
  );
  await sign.page.waitForSelector('body[data-state="live"] .route-row:not([data-before])', {
    timeout: 30_000,
  });
  await room.page.waitForSelector('#conn[data-up="true"]', { timeout: 30_000 });
  expect(await sign.page.locator('.route-row').count()).toBeGreaterThan(0);
  // While the center was down the browser logs its failed WebSocket attempts; nothing else may fail.
  const unexpected = [...sign.problems, ...room.problems].filter(
    (p) => !/WebSocket|ERR_CONNECTION_REFUSED/.test(p),
  );
  expect(unexpected).toEqual([]);
  await Promise.all([sign.page.close(), room.page.close()]);
  await own.close();
});
