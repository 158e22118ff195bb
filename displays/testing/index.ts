/**
 * @module displays/testing
 * Test support of the displays: a fed center serving the pages, the demo feed, and Chromium.
 */
export { startDisplayCenter, TEST_TOKENS } from './display-center.ts';
export type { DisplayCenter, DisplayCenterOptions } from './display-center.ts';
export { DemoFeed, greenGroupsAt } from './demo-feed.ts';
export type { IngestHandle } from './demo-feed.ts';
export { launchChromium, watchedPage } from './browser.ts';
export type { WatchedPage } from './browser.ts';
export { LOS_PIXELS_SCRIPT } from './canvas-probe.ts';
export { clickMapAt, pixelOf, renderedFeatures } from './map-clicks.ts';
