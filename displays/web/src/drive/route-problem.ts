/**
 * @module displays/web/drive/route-problem
 * What the driver map says when the center plans no route, in Korean and English, from the API's
 * error code: a point far from every road (`off-network`, the message starts with `from` or `to`),
 * start and destination at one junction (`same-place`), no open road between them (404, with the
 * incidents that close a road on every lane), or anything else (the center's own words, small).
 * Before, the panel showed the API's English message with its coordinates ('route "127.004,37.49…"
 * not found').
 */

/** A refused route request, as `callApi` gives it. */
export type RouteFailure = { readonly status: number; readonly code: string; readonly message: string };

/** One paragraph of the panel: its class and text (the page escapes the text). */
export type ProblemLine = { readonly cls: string; readonly text: string };

/**
 * What to show for a refused route, and what the driver picks next: only another destination (the
 * start was fine: the destination is off the network or where the start is), or both again.
 */
export type RouteProblem = { readonly lines: ProblemLine[]; readonly retry: 'destination' | 'both' };

/**
 * The problem of a refused route. `closures` are the texts of the active incidents that close a road
 * on every lane (the page's incident texts), listed under a 404.
 */
export function routeProblem(failure: RouteFailure, closures: readonly string[]): RouteProblem {
  const lines = problemLines(failure, closures);
  const destination =
    failure.code === 'same-place' || (failure.code === 'off-network' && failure.message.startsWith('to'));
  return { lines, retry: destination ? 'destination' : 'both' };
}

function problemLines(failure: RouteFailure, closures: readonly string[]): ProblemLine[] {
  if (failure.code === 'off-network') {
    const start = !failure.message.startsWith('to');
    return [
      {
        cls: 'error',
        text: start
          ? '출발지 근처에 도로가 없습니다 · No road near your start'
          : '도착지 근처에 도로가 없습니다 · No road near your destination',
      },
      {
        cls: 'hint-line',
        text: start
          ? '지도의 도로 위를 누르세요 · Click on a road on the map'
          : '도로 위의 도착지를 누르세요 · Click a destination on a road',
      },
    ];
  }
  if (failure.code === 'same-place') {
    return [
      {
        cls: 'error',
        text: '출발지와 도착지가 같은 곳입니다 · Your start and destination are the same place',
      },
      { cls: 'hint-line', text: '다른 도착지를 누르세요 · Choose another destination' },
    ];
  }
  if (failure.status === 404) {
    return [
      { cls: 'error', text: '갈 수 있는 경로가 없습니다 · No open route to your destination' },
      ...(closures.length > 0
        ? [
            { cls: 'warn', text: '도로 전면 통제 · Road closed' },
            ...closures.map((text) => ({ cls: 'closure', text })),
          ]
        : []),
    ];
  }
  return [
    { cls: 'error', text: '경로를 찾지 못했습니다 · No route could be planned' },
    { cls: 'error-detail', text: failure.message },
  ];
}
