/**
 * @module displays/displays.int.test
 * The display pages in Debian's Chromium against a real center fed with demo-city uplinks: each page
 * loads without console errors or failed requests, the stop sign says what the API says and turns to
 * "information unavailable" when the feed stops. Screenshots go to `artifacts/screenshots/`.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, startDisplayCenter, watchedPage, type DisplayCenter } from './testing/index.ts';

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
  await page.screenshot({ path: `${SHOTS}/stop-sign-1920x540-en.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/stop-sign-phone-390x844-en.png`, fullPage: true });
  expect(problems).toEqual([]);
  await page.close();
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

test('an unknown stop says so instead of showing an empty board', async () => {
  const { page } = await watchedPage(browser, { width: 1920, height: 540 });
  await page.goto(`${center.base}/stop/NO-SUCH-STOP?lang=en`);
  await page.waitForSelector('body[data-state="loading-failed"]');
  expect(await page.locator('#foot').textContent()).toContain('NO-SUCH-STOP');
  await page.close();
});
