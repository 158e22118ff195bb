/**
 * @module displays/web/drive/route-problem.test
 * The driver map's words for a refused route, and what the driver picks next.
 */
import { expect, test } from 'vitest';
import { routeProblem } from './route-problem.ts';

const texts = (p: { lines: { text: string }[] }): string[] => p.lines.map((l) => l.text);

test('a point off the network names the start or the destination in both languages', () => {
  const from = routeProblem(
    {
      status: 400,
      code: 'off-network',
      message: 'from: no road within 1000 m (the nearest is 312 km away)',
    },
    [],
  );
  expect(texts(from)).toEqual([
    '출발지 근처에 도로가 없습니다 · No road near your start',
    '지도의 도로 위를 누르세요 · Click on a road on the map',
  ]);
  expect(from.retry).toBe('both');
  const to = routeProblem({ status: 400, code: 'off-network', message: 'to: no road within 1000 m' }, []);
  expect(texts(to)).toEqual([
    '도착지 근처에 도로가 없습니다 · No road near your destination',
    '도로 위의 도착지를 누르세요 · Click a destination on a road',
  ]);
  // The start was fine: only the destination is chosen again.
  expect(to.retry).toBe('destination');
  expect(JSON.stringify([from, to])).not.toContain('312');
});

test('the same place twice says so and asks for another destination', () => {
  const p = routeProblem({ status: 400, code: 'same-place', message: 'from and to are the same place' }, []);
  expect(texts(p)).toEqual([
    '출발지와 도착지가 같은 곳입니다 · Your start and destination are the same place',
    '다른 도착지를 누르세요 · Choose another destination',
  ]);
  expect(p.retry).toBe('destination');
});

test('no open route lists the closures, not the coordinates', () => {
  const closure = '사고 · Crash · 심각 · Critical · 테헤란로 · Teheran-ro · 4개 차로 통제 · 4 lanes closed';
  const p = routeProblem(
    { status: 404, code: 'not-found', message: 'route "127.004,37.491012 → 127.068,37.510337" not found' },
    [closure],
  );
  expect(texts(p)).toEqual([
    '갈 수 있는 경로가 없습니다 · No open route to your destination',
    '도로 전면 통제 · Road closed',
    closure,
  ]);
  expect(p.retry).toBe('both');
  expect(texts(routeProblem({ status: 404, code: 'not-found', message: 'x' }, []))).toHaveLength(1);
});

test('anything else keeps the center words under a plain headline', () => {
  const p = routeProblem({ status: 0, code: 'network', message: 'the center does not answer' }, []);
  expect(p.lines).toEqual([
    { cls: 'error', text: '경로를 찾지 못했습니다 · No route could be planned' },
    { cls: 'error-detail', text: 'the center does not answer' },
  ]);
});
