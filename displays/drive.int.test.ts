/**
 * @module displays/drive.int.test
 * The driver map in Debian's Chromium when the center plans no route: a start far from every road,
 * start and destination at one junction, and the corridor closed on every lane. The panel says what
 * is wrong in Korean and English (with the closed road), not the API's coordinates.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  clickMapAt,
  launchChromium,
  startDisplayCenter,
  TEST_TOKENS,
  watchedPage,
  type DisplayCenter,
} from './testing/index.ts';

const SHOTS = 'artifacts/screenshots';
// West end of Seocho-daero to the east end of Teheran-ro: the corridor, with no parallel road.
const WEST = '127.004,37.491012';
const EAST = '127.068,37.510337';
/** Teheran-ro at Eonju-ro, in the middle of the map's first view. */
const GN04: [number, number] = [127.043, 37.502642];
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

/** The route request refused as the test wants (400 or 404) is not a page problem. */
const refusedRoute = (url: string, status: number): boolean =>
  url.includes('/api/v1/route?') && (status === 400 || status === 404);

async function problemShown(page: Page, query: string): Promise<{ code: string; lines: string[] }> {
  await page.goto(`${center.base}/drive?${query}`);
  await page.waitForSelector('body[data-state="error"]');
  return {
    code: (await page.locator('body').getAttribute('data-problem')) ?? '',
    lines: await page.locator('#result p').allTextContents(),
  };
}

test('a start far from every road and the same place twice are said in both languages', async () => {
  const { page, problems } = await watchedPage(browser, { width: 1440, height: 900 }, refusedRoute);
  const busan = await problemShown(page, `from=129.07,35.17&to=${EAST}`);
  expect(busan.code).toBe('off-network');
  expect(busan.lines[0]).toBe('출발지 근처에 도로가 없습니다 · No road near your start');
  expect(busan.lines.join(' ')).not.toContain('129.07');
  expect(await page.locator('#hint').textContent()).toContain('Click the map to choose again');
  await page.screenshot({ path: `${SHOTS}/drive-off-network-1440x900.png` });
  const same = await problemShown(page, `from=${WEST}&to=${WEST}`);
  expect(same.code).toBe('same-place');
  expect(same.lines[0]).toContain('Your start and destination are the same place');
  // The start stands (its pin alone), and the next click is the destination: a route from it.
  await page.waitForSelector('body[data-links-drawn]');
  expect(await page.locator('.pin').count()).toBe(1);
  expect(await page.locator('.pin-from').count()).toBe(1);
  expect(await page.locator('#hint').textContent()).toContain('Click your destination again');
  await clickMapAt(page, GN04);
  await page.waitForSelector('body[data-state="route"], body[data-state="detour"]');
  expect(await page.locator('body').getAttribute('data-route')).toMatch(/^from=127\.004,37\.491012&to=/);
  expect(await page.locator('.pin').count()).toBe(2);
  expect(problems).toEqual([]);
  await page.close();
});

test('with the corridor closed on every lane the driver reads that the road is closed and where', async () => {
  const declared = await fetch(`${center.base}/api/v1/incidents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_TOKENS.operator}`, 'content-type': 'application/json' },
    body: JSON.stringify({ linkId: 'GN03-GN04', lanes: [0, 1, 2, 3], kind: 'crash', severity: 'critical' }),
  });
  expect(declared.status).toBe(201);
  await center.node.incidents.settled();
  const { page, problems } = await watchedPage(browser, { width: 1440, height: 900 }, refusedRoute);
  // The page learns the incident from its channel; the panel lists it once it has.
  await page.goto(`${center.base}/drive?from=${WEST}&to=${EAST}`);
  await expect
    .poll(() => page.locator('#result p').allTextContents(), { timeout: 20_000 })
    .toEqual([
      '갈 수 있는 경로가 없습니다 · No open route to your destination',
      '도로 전면 통제 · Road closed',
      expect.stringMatching(/^사고 · Crash · .* · 테헤란로 · Teheran-ro · 4개 차로 통제 · 4 lanes closed$/),
    ]);
  expect(await page.locator('body').getAttribute('data-state')).toBe('error');
  await page.screenshot({ path: `${SHOTS}/drive-road-closed-1440x900.png` });
  expect(problems).toEqual([]);
  await page.close();
});
