/**
 * @module displays/testing/browser
 * Debian's Chromium driven by playwright-core for the display tests (never a downloaded browser),
 * and a page wrapper that records console errors, page errors, failed requests and error statuses.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

/** Launch headless Chromium from `/usr/bin/chromium` (override with `CHROMIUM_PATH`). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** A page and the problems seen on it. */
export type WatchedPage = { readonly page: Page; readonly problems: string[] };

/** Open a page that records every console error, uncaught error, failed request and HTTP error. */
export async function watchedPage(
  browser: Browser,
  viewport: { width: number; height: number },
  allowStatus: (url: string, status: number) => boolean = () => false,
): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const status = /status of (\d{3})/.exec(m.text());
    if (status !== null && allowStatus(m.location().url, Number(status[1]))) return;
    problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !allowStatus(r.url(), r.status()))
      problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { page, problems };
}
