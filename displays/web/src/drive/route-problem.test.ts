/**
 * @module displays/web/drive/route-problem.test
 * The driver map's words for a refused route.
 */
import { expect, test } from 'vitest';
import { routeProblem } from './route-problem.ts';

const texts = (lines: { text: string }[]): string[] => lines.map((l) => l.text);

test('a point off the network names the start or the destination in both languages', () => {
  const from = routeProblem(
    {
      status: 400,
      code: 'off-network',
      message: 'from: no road within 1000 m (the nearest junction is 312 km away)',
    },
    [],
  );
  expect(texts(from)[0]).toBe('출발지 근처에 도로가 없습니다 · No road near your start');
  const to = routeProblem({ status: 400, code: 'off-network', message: 'to: no road within 1000 m' }, []);
  expect(texts(to)[0]).toBe('도착지 근처에 도로가 없습니다 · No road near your destination');
  expect(JSON.stringify([from, to])).not.toContain('312');
});

test('the same place twice says so', () => {
  const lines = routeProblem(
    { status: 400, code: 'same-place', message: 'from and to are the same place' },
    [],
  );
  expect(texts(lines)).toEqual([
    '출발지와 도착지가 같은 곳입니다 · Your start and destination are the same place',
    '다른 도착지를 누르세요 · Choose another destination',
  ]);
});

test('no open route lists the closures, not the coordinates', () => {
  const closure = '사고 · Crash · 심각 · Critical · 테헤란로 · Teheran-ro · 4개 차로 통제 · 4 lanes closed';
  const lines = routeProblem(
    { status: 404, code: 'not-found', message: 'route "127.004,37.491012 → 127.068,37.510337" not found' },
    [closure],
  );
  expect(texts(lines)).toEqual([
    '갈 수 있는 경로가 없습니다 · No open route to your destination',
    '도로 전면 통제 · Road closed',
    closure,
  ]);
  expect(texts(routeProblem({ status: 404, code: 'not-found', message: 'x' }, []))).toHaveLength(1);
});

test('anything else keeps the center words under a plain headline', () => {
  const lines = routeProblem({ status: 0, code: 'network', message: 'the center does not answer' }, []);
  expect(lines).toEqual([
    { cls: 'error', text: '경로를 찾지 못했습니다 · No route could be planned' },
    { cls: 'error-detail', text: 'the center does not answer' },
  ]);
});
