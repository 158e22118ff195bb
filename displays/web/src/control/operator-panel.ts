/**
 * @module displays/web/control/operator-panel
 * Operator login (an API bearer token, kept for this browser tab only) and actions: declare and
 * clear an incident, switch an intersection's plan or strategy, publish a sign message. Each action
 * shows the center's answer — what was created, or the error with its reason (a viewer's token is
 * refused with 403 by the center, and the panel says so).
 */
import { callApi } from '../shared/api.ts';
import { html, options } from '../shared/svg.ts';
import type { Catalogue, Incident, SignView } from '../shared/types.ts';

const TOKEN_KEY = 'its-operator-token';

function field(label: string, input: HTMLElement): HTMLLabelElement {
  return html('label', 'field', [html('span', '', [label]), input]);
}

function input(name: string, placeholder = '', type = 'text'): HTMLInputElement {
  return Object.assign(document.createElement('input'), { name, placeholder, type });
}

function select(name: string, items: readonly (readonly [string, string])[]): HTMLSelectElement {
  const s = Object.assign(document.createElement('select'), { name });
  options(s, items);
  return s;
}

function result(el: HTMLElement, ok: boolean, text: string): void {
  el.dataset['ok'] = String(ok);
  el.textContent = `${ok ? '✔' : '✖'} ${text}`;
}

/** The panel; `linkIds` are `[id, label]` pairs for the incident form. */
export class OperatorPanel {
  readonly #root: HTMLElement;
  readonly #onChange: () => void;
  readonly #clearSelect = select('incident', []);
  readonly #signSelect = select('sign', []);

  constructor(
    root: HTMLElement,
    catalogue: Catalogue,
    links: readonly (readonly [string, string])[],
    onChange: () => void,
  ) {
    this.#root = root;
    this.#onChange = onChange;
    root.append(
      html('h2', '', ['운영자 · Operator']),
      this.#login(),
      this.#declare(links),
      this.#clear(),
      this.#plan(catalogue),
      this.#sign(),
    );
  }

  /** Put a link (picked on the map) into the incident form and say what it is doing now. */
  pickLink(linkId: string, info: string): void {
    const select = this.#root.querySelector<HTMLSelectElement>('.declare select[name="linkId"]');
    if (select !== null) select.value = linkId;
    const note = this.#root.querySelector<HTMLElement>('.declare .picked');
    if (note !== null) note.textContent = info;
  }

  get token(): string {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  }

  #login(): HTMLElement {
    const form = html('form', 'op-form login');
    const token = input('token', 'API token', 'password');
    const who = html('span', 'who');
    const show = (): void => {
      who.textContent =
        this.token === '' ? '로그아웃 상태 · signed out' : `로그인 · signed in (…${this.token.slice(-4)})`;
      this.#root.dataset['signedIn'] = String(this.token !== '');
    };
    const out = Object.assign(html('button', '', ['로그아웃 · Sign out']), { type: 'button' });
    out.addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      show();
    });
    form.append(field('토큰 · Token', token), html('button', '', ['로그인 · Sign in']), out, who);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, token.value.trim());
      token.value = '';
      show();
    });
    show();
    return form;
  }

  async #act(
    out: HTMLElement,
    method: string,
    path: string,
    body: unknown,
    ok: (data: Record<string, unknown>) => string,
  ): Promise<void> {
    if (this.token === '') return result(out, false, '먼저 로그인하세요 · sign in first');
    out.textContent = '…';
    const r = await callApi<Record<string, unknown>>(method, path, { token: this.token, body });
    if (r.ok) {
      result(out, true, ok(r.data));
      this.#onChange();
    } else {
      const why =
        r.status === 403
          ? '권한 없음 · not allowed'
          : r.status === 401
            ? '토큰 오류 · bad token'
            : `${r.status}`;
      result(out, false, `${why} (${r.status}): ${r.message}`);
    }
  }

  #declare(links: readonly (readonly [string, string])[]): HTMLElement {
    const form = html('form', 'op-form declare');
    const link = select('linkId', links);
    const lanes = input('lanes', '0,1 (0 = rightmost)');
    const kind = select(
      'kind',
      ['crash', 'breakdown', 'roadwork', 'congestion', 'other'].map((k) => [k, k] as const),
    );
    const severity = select(
      'severity',
      ['major', 'critical', 'minor'].map((k) => [k, k] as const),
    );
    const out = html('output', 'result');
    form.append(
      html('h3', '', ['돌발상황 선언 · Declare incident']),
      html('p', 'picked', ['지도에서 도로를 누르면 선택됩니다 · click a road on the map to pick it']),
      field('link', link),
      field('lanes', lanes),
      field('kind', kind),
      field('severity', severity),
      html('button', '', ['선언 · Declare']),
      out,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const laneList = lanes.value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .map(Number);
      void this.#act(
        out,
        'POST',
        '/api/v1/incidents',
        { linkId: link.value, lanes: laneList, kind: kind.value, severity: severity.value },
        (d) => `declared ${String(d['id'])}`,
      );
    });
    return form;
  }

  #clear(): HTMLElement {
    const form = html('form', 'op-form clear');
    const out = html('output', 'result');
    form.append(
      html('h3', '', ['돌발상황 해제 · Clear incident']),
      field('incident', this.#clearSelect),
      html('button', '', ['해제 · Clear']),
      out,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (this.#clearSelect.value === '') return result(out, false, 'no active incident');
      void this.#act(
        out,
        'DELETE',
        `/api/v1/incidents/${encodeURIComponent(this.#clearSelect.value)}`,
        undefined,
        (d) => `cleared ${String(d['id'])}`,
      );
    });
    return form;
  }

  #plan(catalogue: Catalogue): HTMLElement {
    const form = html('form', 'op-form plan');
    const ix = select(
      'intersection',
      catalogue.intersections.map((i) => [i.id, `${i.id} · ${i.name}`]),
    );
    const plan = select('planId', []);
    const fill = (): void =>
      options(
        plan,
        (catalogue.intersections.find((i) => i.id === ix.value)?.plans ?? []).map((p) => [
          p.id,
          `${p.id} (${p.cycleS} s)`,
        ]),
      );
    ix.addEventListener('change', fill);
    fill();
    const strategy = select(
      'strategy',
      ['', 'fixed-time', 'actuated', 'coordinated-static', 'max-pressure', 'scats-like'].map(
        (s) => [s, s === '' ? '(keep)' : s] as const,
      ),
    );
    const out = html('output', 'result');
    form.append(
      html('h3', '', ['신호 계획 · Plan / strategy']),
      field('intersection', ix),
      field('plan', plan),
      field('strategy', strategy),
      html('button', '', ['적용 · Apply']),
      out,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body = { planId: plan.value, ...(strategy.value === '' ? {} : { strategy: strategy.value }) };
      void this.#act(
        out,
        'POST',
        `/api/v1/signals/${encodeURIComponent(ix.value)}/commands`,
        body,
        () => `sent to ${ix.value}`,
      );
    });
    return form;
  }

  #sign(): HTMLElement {
    const form = html('form', 'op-form sign');
    const ko = input('textKo', '전방 공사 / 1차로 통제');
    const en = input('textEn', 'Roadwork ahead / lane 1 closed');
    const priority = Object.assign(input('priority', '500', 'number'), {
      value: '500',
      min: '0',
      max: '999',
    });
    const ttl = Object.assign(input('ttlMin', '60', 'number'), { value: '60', min: '1' });
    const out = html('output', 'result');
    form.append(
      html('h3', '', ['전광판 문구 · Sign message']),
      field('sign', this.#signSelect),
      field('한국어', ko),
      field('English', en),
      field('priority', priority),
      field('minutes', ttl),
      html('button', '', ['표출 · Publish']),
      out,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body = {
        textKo: ko.value,
        textEn: en.value,
        priority: Number(priority.value),
        ttlS: Math.round(Number(ttl.value) * 60),
      };
      void this.#act(
        out,
        'POST',
        `/api/v1/signs/${encodeURIComponent(this.#signSelect.value)}/messages`,
        body,
        (d) => `published ${String(d['id'])}`,
      );
    });
    return form;
  }

  /** Keep the incident and sign choices current. */
  update(incidents: readonly Incident[], signs: readonly SignView[]): void {
    options(
      this.#clearSelect,
      incidents.map((i) => [i.id, `${i.id} · ${i.kind} · ${i.linkId}`]),
    );
    options(
      this.#signSelect,
      signs.map((s) => [s.id, `${s.id}${s.displayed === null ? '' : ' (showing)'}`]),
    );
  }
}
