/**
 * @module displays/web/control/operator-panel
 * Operator login (an API bearer token, kept for this browser tab only) and actions: declare and
 * clear an incident, switch an intersection's plan or strategy, publish a sign message. Each action
 * shows the center's answer — what was created, or the error with its reason (a viewer's token is
 * refused with 403 by the center, and the panel says so). An incident's position on the road (metres
 * from the link's start) is optional; a road can hold separate incidents at different places. A
 * declaration at the same place as an active declared incident (within 250 m, or anywhere on the
 * road when either has no position) is refused (409, naming it): the panel names that incident, picks
 * it for clearing, and offers to update it with the form's lanes, kind and severity instead. A road
 * clicked on the map fills the link and the position where it was clicked (`link-position.ts`).
 */
import { STRATEGY_NAMES } from '../../../../core/signal-strategies/index.ts';
import { callApi, refusalReason, type ApiResult } from '../shared/api.ts';
import {
  INCIDENT_KIND_LABELS,
  INCIDENT_SEVERITY_LABELS,
  kindLabel,
  severityLabel,
} from '../shared/incident-labels.ts';
import { html, options } from '../shared/svg.ts';
import type { Catalogue, Incident, SignView } from '../shared/types.ts';

const TOKEN_KEY = 'its-operator-token';

/** How long the panel waits for the edge's answer to a signal command, ms. */
const COMMAND_ANSWER_WAIT_MS = 15_000;

/** `GET /api/v1/commands/<id>`: whether the edge took the command. */
type CommandStatus = {
  readonly status: 'pending' | 'accepted' | 'rejected';
  readonly reason: string | null;
  readonly detail: string | null;
  readonly answeredBy: string | null;
};

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
  /** Each link's `id · road` label, to name the road of a sign or an incident in its choice. */
  readonly #linkLabels: ReadonlyMap<string, string>;
  #incidents: readonly Incident[] = [];

  constructor(
    root: HTMLElement,
    catalogue: Catalogue,
    links: readonly (readonly [string, string])[],
    onChange: () => void,
  ) {
    this.#root = root;
    this.#onChange = onChange;
    this.#linkLabels = new Map(links);
    root.append(
      html('h2', '', ['운영자 · Operator']),
      this.#login(),
      this.#declare(links),
      this.#clear(),
      this.#plan(catalogue),
      this.#sign(),
    );
  }

  /**
   * Put a link picked on the map into the incident form, with the position clicked on it (metres from
   * its start; null when not known, which empties the field), and say what the link is doing now and
   * which position was picked. The operator may still edit or clear the position.
   */
  pickLink(linkId: string, info: string, positionM: number | null): void {
    const select = this.#root.querySelector<HTMLSelectElement>('.declare select[name="linkId"]');
    if (select !== null) select.value = linkId;
    const position = this.#root.querySelector<HTMLInputElement>('.declare input[name="positionM"]');
    if (position !== null) position.value = positionM === null ? '' : String(positionM);
    const note = this.#root.querySelector<HTMLElement>('.declare .picked');
    if (note !== null) note.textContent = positionM === null ? info : `${info} · 위치 ${positionM} m`;
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
    then?: (data: Record<string, unknown>) => Promise<void>,
    refused?: (failure: Extract<ApiResult<unknown>, { ok: false }>) => boolean,
  ): Promise<void> {
    if (this.token === '') return result(out, false, '먼저 로그인하세요 · sign in first');
    out.textContent = '…';
    delete out.dataset['ok'];
    delete out.dataset['answer'];
    const r = await callApi<Record<string, unknown>>(method, path, { token: this.token, body });
    if (r.ok) {
      result(out, true, ok(r.data));
      this.#onChange();
      if (then !== undefined) {
        // Pending until the follow-up settles: tests and operators wait for the final word.
        delete out.dataset['ok'];
        await then(r.data);
      }
    } else if (refused?.(r) !== true) {
      const status = r.status === 0 ? '' : ` (${r.status})`;
      result(out, false, `${refusalReason(r.status)}${status}: ${r.message}`);
    }
  }

  #declare(links: readonly (readonly [string, string])[]): HTMLElement {
    const form = html('form', 'op-form declare');
    const link = select('linkId', links);
    const lanes = input('lanes', '0,1 (0 = rightmost)');
    const position = Object.assign(input('positionM', 'm from the start (blank = unknown)', 'number'), {
      min: '0',
      step: '1',
    });
    const kind = select(
      'kind',
      Object.entries(INCIDENT_KIND_LABELS).map(([k, [ko, en]]) => [k, `${ko} · ${en}`] as const),
    );
    const severity = select(
      'severity',
      (['major', 'critical', 'minor'] as const).map((k) => {
        const [ko, en] = INCIDENT_SEVERITY_LABELS[k];
        return [k, `${ko} · ${en}`] as const;
      }),
    );
    const out = html('output', 'result');
    const offer = Object.assign(html('button', 'offer'), { type: 'button', hidden: true });
    form.append(
      html('h3', '', ['돌발상황 선언 · Declare incident']),
      html('p', 'picked', ['지도에서 도로를 누르면 선택됩니다 · click a road on the map to pick it']),
      field('도로 · link', link),
      field('차로 · lanes', lanes),
      field('위치 · position (m)', position),
      field('유형 · kind', kind),
      field('심각도 · severity', severity),
      html('button', '', ['선언 · Declare']),
      out,
      offer,
    );
    const laneList = (): number[] =>
      lanes.value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .map(Number);
    // Said here rather than sent: a word went as null, and the center's "lanes.0: expected number,
    // received null" did not tell the operator what to type.
    const lanesTyped = (): boolean => {
      if (laneList().every((n) => Number.isInteger(n) && n >= 0)) return true;
      result(out, false, `차로 번호를 0,1처럼 적으세요 · lanes are lane numbers such as 0,1 (0 = rightmost)`);
      return false;
    };
    // Blank (or not a number) means not known: omitted.
    const positionM = (): { positionM?: number } =>
      position.value.trim() === '' || !Number.isFinite(Number(position.value))
        ? {}
        : { positionM: Number(position.value) };
    let existingId = '';
    offer.addEventListener('click', () => {
      offer.hidden = true;
      if (!lanesTyped()) return;
      // Lanes left empty mean "not known", which should not wipe the lanes the incident has. The
      // position is left as it is: the report's own is an estimate of the same place, and moving the
      // incident by it could put it on the place of another (409).
      const list = laneList();
      void this.#act(
        out,
        'PATCH',
        `/api/v1/incidents/${encodeURIComponent(existingId)}`,
        { ...(list.length === 0 ? {} : { lanes: list }), kind: kind.value, severity: severity.value },
        (d) => `수정됨 · updated ${String(d['id'])}`,
      );
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      offer.hidden = true;
      if (!lanesTyped()) return;
      void this.#act(
        out,
        'POST',
        '/api/v1/incidents',
        { linkId: link.value, lanes: laneList(), ...positionM(), kind: kind.value, severity: severity.value },
        (d) => `declared ${String(d['id'])}`,
        undefined,
        (failure) => {
          if (failure.status !== 409 || failure.existingId === null) return false;
          existingId = failure.existingId;
          this.#clearSelect.value = existingId;
          const known = this.#describe(existingId) ?? `${existingId} (${failure.message})`;
          result(out, false, `이미 선언됨 · already declared on this road: ${known}`);
          offer.textContent = `${existingId} 수정 · update it with this form`;
          offer.hidden = false;
          return true;
        },
      );
    });
    return form;
  }

  /** An active incident as the operator knows it (id, kind, severity, lanes, position); null when not listed yet. */
  #describe(id: string): string | null {
    const i = this.#incidents.find((x) => x.id === id);
    if (i === undefined) return null;
    const lanes = i.lanes.length === 0 ? '' : ` · 차로 lanes ${i.lanes.join(',')}`;
    const at = i.positionM === null ? '' : ` · 위치 at ${i.positionM} m`;
    return `${id} · ${kindLabel(i.kind)} · ${severityLabel(i.severity)}${lanes}${at}`;
  }

  #clear(): HTMLElement {
    const form = html('form', 'op-form clear');
    const out = html('output', 'result');
    form.append(
      html('h3', '', ['돌발상황 해제 · Clear incident']),
      field('돌발상황 · incident', this.#clearSelect),
      html('button', '', ['해제 · Clear']),
      out,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (this.#clearSelect.value === '')
        return result(out, false, '해제할 돌발상황 없음 · no active incident');
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
      ['', ...STRATEGY_NAMES].map((s) => [s, s === '' ? '(유지 · keep)' : s] as const),
    );
    const out = html('output', 'result');
    form.append(
      html('h3', '', ['신호 계획 · Plan / strategy']),
      field('교차로 · intersection', ix),
      field('계획 · plan', plan),
      field('전략 · strategy', strategy),
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
        () => `전송됨 · sent to ${ix.value}, waiting for the edge…`,
        (d) => this.#followCommand(out, d),
      );
    });
    return form;
  }

  /**
   * The center accepts a signal command before the edge has seen it (202); what counts for the
   * operator is the edge's answer (`accepted`, or `rejected` with its reason), read from
   * `GET /api/v1/commands/<id>` until it comes or {@link COMMAND_ANSWER_WAIT_MS} passes.
   */
  async #followCommand(out: HTMLElement, issued: Record<string, unknown>): Promise<void> {
    const id = String(issued['commandId']);
    const ix = String(issued['intersectionId']);
    if (issued['delivered'] !== true) {
      return result(out, false, `전달 안 됨 · not delivered to ${ix}: the center has no link to the edges`);
    }
    const until = Date.now() + COMMAND_ANSWER_WAIT_MS;
    while (Date.now() < until) {
      await new Promise((r) => window.setTimeout(r, 500));
      const r = await callApi<CommandStatus>('GET', `/api/v1/commands/${encodeURIComponent(id)}`);
      if (!r.ok || r.data.status === 'pending') continue;
      out.dataset['answer'] = r.data.status;
      if (r.data.status === 'accepted') {
        return result(out, true, `적용됨 · accepted by ${r.data.answeredBy ?? 'the edge'} for ${ix}`);
      }
      return result(
        out,
        false,
        `거부됨 · rejected by ${r.data.answeredBy ?? 'the edge'}: ${r.data.reason ?? ''}${r.data.detail === null ? '' : ` (${r.data.detail})`}`,
      );
    }
    out.dataset['answer'] = 'none';
    result(out, false, `응답 없음 · no answer from the edge of ${ix} yet`);
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
      field('전광판 · sign', this.#signSelect),
      field('한국어', ko),
      field('English', en),
      field('우선순위 · priority', priority),
      field('표출 시간(분) · minutes', ttl),
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

  /**
   * Keep the incident and sign choices current, each naming its road as the link choices do (a sign
   * was its id alone, `vms-GN03-GN04`, among 48 alike).
   */
  update(incidents: readonly Incident[], signs: readonly SignView[]): void {
    this.#incidents = incidents;
    const road = (linkId: string): string => this.#linkLabels.get(linkId) ?? linkId;
    // A sign's id already holds its link's: only the road's name after it.
    const roadName = (linkId: string): string => road(linkId).replace(`${linkId} · `, '');
    options(
      this.#clearSelect,
      incidents.map((i) => [i.id, `${i.id} · ${kindLabel(i.kind)} · ${road(i.linkId)}`]),
    );
    options(
      this.#signSelect,
      signs.map((s) => [
        s.id,
        `${s.id} · ${roadName(s.linkId)}${s.displayed === null ? '' : ' · 표출 중 showing'}`,
      ]),
    );
  }
}
