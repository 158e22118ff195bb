/**
 * @module displays/web/shared/bilingual
 * Korean/English text on public displays: both are in the page, and the body's `data-lang` decides
 * which shows (CSS), alternating every few seconds as Seoul BIT signs do. `?lang=ko|en` pins one.
 */

/** An element holding both languages: `<span class="ko">…</span><span class="en">…</span>`. */
export function bilingual(ko: string, en: string, className = ''): HTMLSpanElement {
  const wrap = document.createElement('span');
  if (className !== '') wrap.className = className;
  const k = document.createElement('span');
  k.className = 'ko';
  k.lang = 'ko';
  k.textContent = ko;
  const e = document.createElement('span');
  e.className = 'en';
  e.lang = 'en';
  e.textContent = en;
  wrap.append(k, e);
  return wrap;
}

/** Alternate the body's language every `periodS` unless `?lang=` pins it. */
export function alternateLanguage(periodS: number): void {
  const pinned = new URLSearchParams(location.search).get('lang');
  if (pinned === 'ko' || pinned === 'en') {
    document.body.dataset['lang'] = pinned;
    return;
  }
  document.body.dataset['lang'] = 'ko';
  window.setInterval(() => {
    document.body.dataset['lang'] = document.body.dataset['lang'] === 'ko' ? 'en' : 'ko';
  }, periodS * 1000);
}

/** A number query parameter with a default. */
export function numberQuery(name: string, fallback: number): number {
  const raw = new URLSearchParams(location.search).get(name);
  const n = raw === null ? NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** `Samseong Station (삼성역)` → ko `삼성역`, en `Samseong Station`; other forms are used for both. */
export function splitBilingualName(name: string): { ko: string; en: string } {
  const m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(name);
  if (m === null) return { ko: name, en: name };
  const outside = (m[1] ?? '').trim();
  const inside = (m[2] ?? '').trim();
  const hangul = /[\uac00-\ud7a3]/;
  return hangul.test(inside) ? { ko: inside, en: outside } : { ko: outside, en: inside };
}

let displayTimeZone: string | undefined;

/** Show times in the scenario's time zone (e.g. Asia/Seoul) rather than the browser's. */
export function setDisplayTimeZone(zone: string | null): void {
  displayTimeZone = zone ?? undefined;
}

/** HH:MM:SS in the display time zone. */
export function clockText(ms: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    ...(displayTimeZone === undefined ? {} : { timeZone: displayTimeZone }),
  }).format(ms);
}

/** Seconds since local midnight in the display time zone (the reference of signal plan offsets). */
export function localSecondsOfDay(ms: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    ...(displayTimeZone === undefined ? {} : { timeZone: displayTimeZone }),
  }).formatToParts(ms);
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get('hour') * 3600 + get('minute') * 60 + get('second') + (ms % 1000) / 1000;
}
