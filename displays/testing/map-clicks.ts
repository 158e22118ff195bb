/**
 * @module displays/testing/map-clicks
 * Click a maplibre map where a lon/lat is drawn, as a person would: the page's own map projects the
 * point to pixels (`map.project`), and the mouse clicks there. The map must be exposed on `window`
 * under `mapName` (the driver map is `window.driveMap`).
 */
import type { Page } from 'playwright-core';

/** Viewport pixel where `lonLat` is drawn on the map `window[mapName]`. */
export async function pixelOf(
  page: Page,
  lonLat: readonly [number, number],
  mapName = 'driveMap',
): Promise<[number, number]> {
  // Evaluated as source text: the Node test project has no DOM types.
  const xy = (await page.evaluate(`(() => {
    const map = window[${JSON.stringify(mapName)}];
    if (map === undefined) return null;
    const box = map.getContainer().getBoundingClientRect();
    const p = map.project(${JSON.stringify(lonLat)});
    return [box.left + p.x, box.top + p.y];
  })()`)) as [number, number] | null;
  if (xy === null) throw new Error(`the page has no window.${mapName}`);
  return xy;
}

/** Click the map at `lonLat` with the mouse. */
export async function clickMapAt(
  page: Page,
  lonLat: readonly [number, number],
  mapName = 'driveMap',
): Promise<void> {
  const [x, y] = await pixelOf(page, lonLat, mapName);
  await page.mouse.click(x, y);
}

/** Number of features of `layerId` rendered now on the map `window[mapName]`. */
export async function renderedFeatures(page: Page, layerId: string, mapName = 'driveMap'): Promise<number> {
  return (await page.evaluate(
    `window[${JSON.stringify(mapName)}]?.queryRenderedFeatures({ layers: [${JSON.stringify(layerId)}] }).length ?? 0`,
  )) as number;
}
