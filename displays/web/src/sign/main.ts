/**
 * @module displays/web/sign/main
 * Variable message sign `/sign/<id>`: the message the center chose (priority: operator above
 * automatic, then higher priority, then newer) on up to three amber lines centred on the face,
 * Korean and English pages in turn (`?lang=ko|en` pins one). A message is taken down by the sign
 * itself at its expiry even if the center is unreachable; the status strip under the face (a
 * maintenance view, not part of the sign) shows source, priority and expiry.
 */
import '../shared/display.css';
import './sign.css';
import { callApi, idFromPath } from '../shared/api.ts';
import { clockText, numberQuery, setDisplayTimeZone } from '../shared/bilingual.ts';
import { LiveChannels, serverNow } from '../shared/live-channels.ts';
import type { Catalogue, SignMessage, SignView } from '../shared/types.ts';
import { SIGN_FACE, fittingWidth, oneLanguage, signLines } from '../../../../core/signs/index.ts';

const signId = idFromPath();
const face = document.getElementById('face') as HTMLElement;
const status = document.getElementById('status') as HTMLElement;
const pageS = numberQuery('pageS', 4);
const pinned = new URLSearchParams(location.search).get('lang');
let view: SignView | null = null;
let live: LiveChannels | null = null;
let page = 0;

function current(now: number): SignMessage | null {
  const m = view?.displayed ?? null;
  if (m === null || (m.expiresAt !== null && m.expiresAt <= now)) return null;
  return m;
}

function draw(): void {
  const now = serverNow();
  const m = current(now);
  const wantEn = pinned === 'en' || (pinned !== 'ko' && page % 2 === 1);
  const en = m !== null && m.textEn !== '' && wantEn;
  const text = m === null ? '' : oneLanguage(en ? m.textEn : m.textKo, en);
  const widest = (en ? SIGN_FACE.widthsEn : SIGN_FACE.widthsKo).at(-1) ?? 16;
  const width = fittingWidth(text, en) ?? widest;
  const lines = m === null ? [] : signLines(text, width);
  face.style.setProperty('--chars', String(width));
  // Only the lines the message has, centred on the three-line face as a sign centres them (a
  // one-line message on the top line left two dark lines under it).
  face.replaceChildren(
    ...lines.slice(0, SIGN_FACE.lines).map((line, i) => {
      const el = document.createElement('div');
      el.className = 'vms-line';
      el.lang = en ? 'en' : 'ko';
      el.textContent = i === SIGN_FACE.lines - 1 && lines.length > SIGN_FACE.lines ? `${line} …` : line;
      return el;
    }),
  );
  face.dataset['lines'] = String(Math.min(SIGN_FACE.lines, lines.length));
  document.body.dataset['state'] = m === null ? 'blank' : 'message';
  document.body.dataset['lang'] = en ? 'en' : 'ko';
  const conn = live?.connected === true ? '연결됨 online' : '통신 장애 offline';
  const detail =
    m === null
      ? '표출 없음 · blank'
      : `${m.source === 'operator' ? '운영자 operator' : '자동 auto'} · 우선순위 priority ${m.priority} · 만료 expires ${
          m.expiresAt === null ? '없음 never' : clockText(m.expiresAt)
        }`;
  status.textContent = `${signId} · ${detail} · ${conn} · ${clockText(now)}`;
}

async function start(): Promise<void> {
  const first = await callApi<SignView>('GET', `/api/v1/signs/${encodeURIComponent(signId)}`);
  if (!first.ok) {
    document.body.dataset['state'] = 'unknown-sign';
    status.textContent = `${signId}: ${first.message}`;
    return;
  }
  view = first.data;
  const catalogue = await callApi<Catalogue>('GET', '/displays/v1/catalogue');
  if (catalogue.ok) setDisplayTimeZone(catalogue.data.timezone);
  live = new LiveChannels([`sign:${signId}`], {
    snapshot: (_c, data) => {
      view = data as SignView;
      draw();
    },
    delta: (_c, data) => {
      view = data as SignView;
      draw();
    },
    status: () => draw(),
  });
  draw();
  window.setInterval(() => {
    page++;
    draw();
  }, pageS * 1000);
}

void start();
