/**
 * @module displays/web/stop/main
 * Bus-stop sign `/stop/<id>`: the board from the center's `stop:<id>` channel, redrawn on every
 * delta. Stale data is never shown as if current: when the connection is down, or the board holds
 * live predictions but no update came within `?staleAfterS=` (default 90 s), the sign shows
 * "정보 없음 / Information unavailable" instead of old numbers. A board of timetable rows only
 * (nothing live to go stale) is re-read every 15 s of the center's clock so its minutes count down.
 */
import '../shared/display.css';
import './stop.css';
import { callApi, getJson, idFromPath } from '../shared/api.ts';
import { alternateLanguage, clockText, numberQuery, setDisplayTimeZone } from '../shared/bilingual.ts';
import { LiveChannels, serverNow } from '../shared/live-channels.ts';
import type { Catalogue, CatalogueRoute, StopBoard } from '../shared/types.ts';
import { timetableDue } from './arrival-text.ts';
import { renderBoard, renderUnavailable } from './board-view.ts';

const stopId = idFromPath();
const staleAfterMs = numberQuery('staleAfterS', 90) * 1000;
const main = document.getElementById('board') as HTMLElement;
const routes = new Map<string, CatalogueRoute>();
let board: StopBoard | null = null;
let boardAt = 0;
let drawnAt = -1;
let live: LiveChannels | null = null;

function setText(id: string, text: string): void {
  const el = document.getElementById(id);
  if (el !== null) el.textContent = text;
}

function isStale(now: number): boolean {
  if (board === null || live === null) return true;
  if (!live.connected) return true;
  const hasLive = board.routes.some((r) => r.status === 'live');
  return hasLive && now - boardAt > staleAfterMs;
}

function draw(): void {
  const now = Date.now();
  setText('clock', clockText(serverNow()));
  const stale = isStale(now);
  if (stale) {
    if (document.body.dataset['state'] !== 'stale' && document.body.dataset['state'] !== 'loading-failed') {
      document.body.dataset['state'] = 'stale';
      renderUnavailable(main, boardAt === 0 ? null : clockText(board?.generatedAt ?? boardAt));
    }
    return;
  }
  if (board !== null && drawnAt !== boardAt) {
    renderBoard(main, board, routes);
    drawnAt = boardAt;
    document.body.dataset['state'] = 'live';
    setText('foot', `${clockText(board?.generatedAt ?? boardAt)} 갱신 · updated`);
  } else if (document.body.dataset['state'] !== 'live' && board !== null) {
    renderBoard(main, board, routes);
    document.body.dataset['state'] = 'live';
  }
}

function accept(data: unknown): void {
  board = data as StopBoard;
  boardAt = Date.now();
  drawnAt = -1;
  setText('stop-name-ko', board.name);
  setText('stop-name-en', board.nameEn ?? board.name);
  draw();
}

async function start(): Promise<void> {
  setText('stop-id', stopId);
  alternateLanguage(numberQuery('alternateS', 6));
  const stop = await callApi<{ name: string; nameEn?: string }>(
    'GET',
    `/api/v1/stops/${encodeURIComponent(stopId)}`,
  );
  if (!stop.ok) {
    document.body.dataset['state'] = 'loading-failed';
    renderUnavailable(main, null);
    setText('foot', `${stopId}: ${stop.message}`);
    return;
  }
  setText('stop-name-ko', stop.data.name);
  setText('stop-name-en', stop.data.nameEn ?? stop.data.name);
  const catalogue = await getJson<Catalogue>('/displays/v1/catalogue');
  setDisplayTimeZone(catalogue.timezone);
  for (const r of catalogue.routes) routes.set(r.id, r);
  live = new LiveChannels([`stop:${stopId}`], {
    snapshot: (_c, data) => accept(data),
    delta: (_c, data) => accept(data),
    status: () => draw(),
  });
  window.setInterval(() => {
    draw();
    rereadTimetable();
  }, 1000);
}

/**
 * A board of timetable rows only gets no deltas (no bus reports), so it is read again once it is
 * 15 seconds old on the center's clock (`TIMETABLE_REREAD_S`): its minutes count down with the API's,
 * and a timetabled bus that has left goes. (Every 30 s of browser time, the demo at x4 showed
 * "4분 후" for two minutes while the API said 2, and a bus gone a minute before as "1분 후".)
 */
let rereading = false;
function rereadTimetable(): void {
  if (board === null || rereading || live?.connected !== true) return;
  if (board.routes.some((r) => r.status === 'live') || !timetableDue(board.generatedAt, serverNow())) return;
  rereading = true;
  void callApi<StopBoard>('GET', `/api/v1/stops/${encodeURIComponent(stopId)}/arrivals`).then((r) => {
    rereading = false;
    if (r.ok) accept(r.data);
  });
}

void start();
