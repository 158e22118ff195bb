/**
 * @module displays/serve/serve.test
 * The static handler maps page URLs to their HTML, serves hashed assets with long caching, refuses
 * path tricks, and the catalogue finds demo-city's coordinated arterial.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { loadScenario } from '../../core/index.ts';
import { displayCatalogue, displaysStaticHandler } from '../index.ts';
import { contrastRatio } from './text-contrast.ts';

function fakeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'displays-dist-'));
  mkdirSync(join(dir, 'assets'));
  for (const page of ['index', 'stop', 'sign', 'drive'])
    writeFileSync(join(dir, `${page}.html`), `<p>${page}</p>`);
  writeFileSync(join(dir, 'assets', 'stop-abc123.js'), 'console.log(1)');
  return dir;
}

test('page URLs serve their HTML page, with the stop or sign id left in the path', async () => {
  const serve = displaysStaticHandler(fakeDist());
  const body = async (path: string): Promise<string> => String((await serve('GET', path))?.body ?? 'null');
  expect(await body('/')).toBe('<p>index</p>');
  expect(await body('/stop/23103')).toBe('<p>stop</p>');
  expect(await body('/sign/vms-GN03-GN04')).toBe('<p>sign</p>');
  expect(await body('/drive')).toBe('<p>drive</p>');
  expect((await serve('GET', '/'))?.headers['content-security-policy']).toContain("default-src 'self'");
});

test('assets are served with immutable caching and unknown paths are left to other routes', async () => {
  const serve = displaysStaticHandler(fakeDist());
  const js = await serve('GET', '/assets/stop-abc123.js');
  expect(js?.status).toBe(200);
  expect(js?.headers['content-type']).toContain('javascript');
  expect(js?.headers['cache-control']).toContain('immutable');
  expect((await serve('GET', '/assets/missing.js'))?.status).toBe(404);
  expect(await serve('GET', '/assets/../stop.html')).toBeNull();
  expect(await serve('GET', '/api/v1/stops')).toBeNull();
  expect(await serve('POST', '/')).toBeNull();
});

test('a page that is not built yet answers 503, not a crash', async () => {
  const serve = displaysStaticHandler(mkdtempSync(join(tmpdir(), 'displays-empty-')));
  expect((await serve('GET', '/stop/1'))?.status).toBe(503);
});

test('the catalogue gives route colours, destinations and the Teheran-ro corridor of demo-city', () => {
  const c = displayCatalogue(loadScenario('scenarios/demo-city'));
  const r440 = c.routes.find((r) => r.id === '440');
  expect(r440).toMatchObject({ color: '#0068B7', lowFloor: true });
  expect(r440?.directions.map((d) => d.headsign)).toContain('Samseong Station (삼성역)');
  expect(c.corridor).toMatchObject({ name: 'Teheran-ro', nameKo: '테헤란로' });
  expect(c.corridor?.intersections.map((i) => i.id)).toEqual([
    'GN01',
    'GN02',
    'GN03',
    'GN04',
    'GN05',
    'GN06',
    'GN07',
    'GN08',
  ]);
  expect(c.intersections.find((i) => i.id === 'GN01')?.phases).toHaveLength(8);
});

test("the subway's platform signs get Line 2's own colour and ways, without a bus's low-floor mark", () => {
  // Line 2 was left out (buses only): its platform signs drew it in a circular bus's yellow, no way.
  const line2 = displayCatalogue(loadScenario('scenarios/demo-city')).routes.find((r) => r.id === 'L2');
  expect(line2).toMatchObject({ shortName: '2', gtfsType: 1, color: '#00A84D', lowFloor: false });
  expect(line2?.directions.map((d) => d.directionId)).toEqual([0, 1]);
});

test("every route's number reads on its colour: the green bus's white number (2.7:1) is black", () => {
  const c = displayCatalogue(loadScenario('scenarios/demo-city'));
  expect(c.routes.map((r) => [r.id, r.color, r.textColor])).toEqual([
    ['440', '#0068B7', '#FFFFFF'],
    ['4412', '#53B332', '#000000'],
    ['9409', '#E60012', '#FFFFFF'],
    ['L2', '#00A84D', '#000000'],
  ]);
  for (const r of c.routes) expect(contrastRatio(r.color, r.textColor)).toBeGreaterThanOrEqual(4.5);
});
