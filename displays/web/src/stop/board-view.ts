/**
 * @module displays/web/stop/board-view
 * Renders a stop board as an outdoor bus information terminal (Seoul BIT style): one row per route
 * with the route number on its route colour, the destination, the next two arrivals (the center's own
 * texts, so the sign says exactly what the API says), crowding and low-floor marks. Crowding is a
 * word plus a filled-dot count, never colour alone.
 */
import { bilingual } from '../shared/bilingual.ts';
import type { BoardArrival, CatalogueRoute, RouteBoard, StopBoard } from '../shared/types.ts';
import { orderRows, routeDestination, splitArrival, towards } from './arrival-text.ts';

const CROWDING: Readonly<Record<'low' | 'medium' | 'high', { ko: string; en: string; dots: string }>> = {
  low: { ko: '여유', en: 'Seats', dots: '●○○' },
  medium: { ko: '보통', en: 'Standing', dots: '●●○' },
  high: { ko: '혼잡', en: 'Crowded', dots: '●●●' },
};

/** Seoul's bus colour by route number class, used when the catalogue has no colour for a route. */
export function seoulRouteColour(shortName: string): string {
  if (/^9\d{3}$/.test(shortName)) return '#E60012';
  if (/^\d{4}$/.test(shortName)) return '#53B332';
  if (/^\d{3}$/.test(shortName)) return '#0068B7';
  return '#F2B70A';
}

/**
 * One arrival. `ownWay`: the arrival's own destination, shown under its time when the route's
 * arrivals at this stop go different ways (both circles of a subway platform).
 */
function arrivalCell(a: BoardArrival | undefined, first: boolean, ownWay: boolean): HTMLElement {
  const cell = document.createElement('div');
  cell.className = first ? 'arr arr-first' : 'arr arr-second';
  if (a === undefined) return cell;
  const ko = splitArrival(a.text.ko);
  const en = splitArrival(a.text.en);
  cell.dataset['source'] = a.source;
  if (a.text.ko === '곧 도착') cell.classList.add('arriving');
  cell.append(bilingual(ko.main, en.main, 'arr-main'));
  if (ko.sub !== '') cell.append(bilingual(ko.sub, en.sub, 'arr-sub'));
  if (ownWay && a.headsign !== null) {
    const way = towards(a.headsign);
    cell.append(bilingual(way.ko, way.en, 'arr-sub arr-way'));
  }
  return cell;
}

function routeRow(r: RouteBoard, route: CatalogueRoute | undefined, stopId: string): HTMLElement {
  const row = document.createElement('div');
  row.className = 'route-row';
  row.dataset['route'] = r.routeId;
  row.dataset['status'] = r.status;
  const badge = document.createElement('div');
  badge.className = 'route-badge';
  badge.textContent = r.shortName;
  badge.style.background = route?.color ?? seoulRouteColour(r.shortName);
  badge.style.color = route?.textColor ?? '#FFFFFF';
  // Arrivals going different ways (a platform both directions serve) each say where they go; the
  // destination column then names both ways.
  const ways = new Set(r.arrivals.map((a) => a.headsign).filter((h): h is string => h !== null));
  const split = ways.size > 1;
  const dest = split ? { ko: '양방향', en: 'Both directions' } : routeDestination(route, stopId);
  const destEl = document.createElement('div');
  destEl.className = 'dest';
  destEl.append(bilingual(dest.ko, dest.en));
  const marks = document.createElement('div');
  marks.className = 'marks';
  const crowd = r.arrivals[0]?.crowding ?? null;
  if (crowd !== null) {
    const c = CROWDING[crowd];
    const el = bilingual(c.ko, c.en, `crowding crowding-${crowd}`);
    const dots = document.createElement('span');
    dots.className = 'dots';
    dots.textContent = c.dots;
    dots.setAttribute('aria-hidden', 'true');
    el.prepend(dots);
    marks.append(el);
  }
  if (route?.lowFloor === true) {
    const lf = bilingual('저상', 'Low floor', 'low-floor');
    lf.prepend(Object.assign(document.createElement('span'), { className: 'wheel', textContent: '♿' }));
    marks.append(lf);
  }
  if (r.arrivals.length === 0) {
    const state = document.createElement('div');
    state.className = 'arr arr-first arr-state';
    state.append(bilingual(r.text.ko, r.text.en, 'arr-main'));
    row.append(badge, destEl, state, arrivalCell(undefined, false, false), marks);
  } else {
    const [first, second] = [r.arrivals[0], r.arrivals[1]];
    row.append(badge, destEl, arrivalCell(first, true, split), arrivalCell(second, false, split), marks);
  }
  return row;
}

/**
 * Fill `main` with the board's rows, soonest first by the minutes shown, ties in route number order
 * (ended and no-data routes last).
 */
export function renderBoard(
  main: HTMLElement,
  board: StopBoard,
  routes: ReadonlyMap<string, CatalogueRoute>,
): void {
  const rows = orderRows(board.routes);
  main.replaceChildren(...rows.map((r) => routeRow(r, routes.get(r.routeId), board.stopId)));
  if (rows.length === 0) {
    main.append(bilingual('이 정류장을 지나는 노선이 없습니다', 'No routes serve this stop', 'empty'));
  }
}

/** The honest "no data" state: no numbers at all, so nobody waits on an old prediction. */
export function renderUnavailable(main: HTMLElement, lastUpdate: string | null): void {
  const box = document.createElement('div');
  box.className = 'unavailable';
  box.append(
    bilingual('정보 없음', 'Information unavailable', 'unavail-title'),
    bilingual(
      '실시간 도착 정보를 받을 수 없습니다. 노선 안내도를 확인해 주세요.',
      'Live arrival data is not being received. Please check the route map.',
      'unavail-sub',
    ),
  );
  if (lastUpdate !== null)
    box.append(bilingual(`마지막 수신 ${lastUpdate}`, `Last update ${lastUpdate}`, 'unavail-last'));
  main.replaceChildren(box);
}
