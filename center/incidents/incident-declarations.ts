/**
 * @module center/incidents/incident-declarations
 * Declaring (and moving) an operator's incident against what is already active. A declaration at
 * the same place on a link as an active operator-declared incident (center/incidents/same-place.ts:
 * either has no position, or they are within 250 m) is a duplicate, two operators reacting to the
 * same call or a double click, and is refused with a {@link ConflictError} naming the nearest one, so
 * the control room can offer to edit that one instead; separate incidents on a long link are stored
 * apart. An edit that moves a declaration onto another's place is refused the same way, so the rule
 * cannot be bypassed by declaring elsewhere and moving. Detected incidents neither block a
 * declaration nor are blocked by one: the detectors raise and clear their own as traffic comes and
 * goes, while an operator's declaration (usually a confirmed cause, lanes and severity) stays until
 * an operator clears it.
 */
import type { Clock } from '../../core/index.ts';
import type { CenterNetwork } from '../network/index.ts';
import type { IncidentRecord, StateStore } from '../state/index.ts';
import { declareIncident, editIncident } from './incident-commands.ts';
import { refuseDuplicateDeclaration } from './same-place.ts';

/** Collaborators of {@link IncidentDeclarations}. */
export type IncidentDeclarationsOptions = {
  readonly network: CenterNetwork;
  readonly store: Pick<StateStore, 'list' | 'put' | 'markSeen'>;
  readonly clock: Clock;
  /** Waits between tries for a link another instance is declaring on (default a real timer). */
  readonly sleep?: (ms: number) => Promise<void>;
};

/**
 * How long a declaration holds its link across instances (the store's atomic `markSeen`, SET NX PX
 * in Redis): far longer than a check and a put take (a few ms), short enough that a declaration right
 * after another on the same link, or after an instance died holding it, waits at most this.
 */
export const DECLARATION_CLAIM_MS = 1000;
const RETRY_MS = 50;

/**
 * Declares incidents, and moves declared ones, one at a time: on this instance through a chain, and
 * across the instances sharing a store through a short claim on the link, so two requests racing for
 * one place (a double click, two operators on two instances) cannot both pass the duplicate check
 * before either is stored. The claim is per link, not per place: a place is a range, and a
 * declaration without a position conflicts with the whole link. A declaration finding the link
 * claimed is refused (409) as soon as the other is stored at its place, and goes ahead when the claim
 * lapses (at most {@link DECLARATION_CLAIM_MS}) when the other was elsewhere on the link or failed.
 * Two declarations on one link within a second are rare outside duplicates, so the wait is cheap.
 */
export class IncidentDeclarations {
  readonly #o: IncidentDeclarationsOptions;
  readonly #sleep: (ms: number) => Promise<void>;
  #chain: Promise<unknown> = Promise.resolve();

  constructor(options: IncidentDeclarationsOptions) {
    this.#o = options;
    this.#sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /**
   * Validate `body`, refuse a duplicate, store the new incident and return it. Throws
   * ValidationError (400) for a bad body, ConflictError (409) for a duplicate.
   */
  declare(body: unknown): Promise<IncidentRecord> {
    return this.#inTurn(async () => {
      const incident = declareIncident(this.#o.network, body, this.#o.clock.now());
      await this.#claim(incident, undefined);
      await this.#refuseDuplicate(incident, undefined);
      await this.#o.store.put('incident', [incident]);
      return incident;
    });
  }

  /**
   * Apply an operator's edit to `existing`, store and return it. Throws ValidationError (400) for a
   * bad body, ConflictError (409) when it moves an active declaration (a new `positionM`, null
   * included) onto the place of another.
   */
  edit(existing: IncidentRecord, body: unknown): Promise<IncidentRecord> {
    return this.#inTurn(async () => {
      const updated = editIncident(this.#o.network, existing, body, this.#o.clock.now());
      const moved =
        updated.positionM !== existing.positionM &&
        existing.status === 'active' &&
        existing.source === 'operator';
      if (moved) {
        await this.#claim(updated, existing.id);
        await this.#refuseDuplicate(updated, existing.id);
      }
      await this.#o.store.put('incident', [updated]);
      return updated;
    });
  }

  #inTurn<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(task);
    this.#chain = run.catch(() => undefined);
    return run;
  }

  /**
   * Hold `incident.linkId` against other instances' declarations for {@link DECLARATION_CLAIM_MS}.
   * The claim is not released but lapses. While another instance holds it, a duplicate is refused as
   * soon as the other's incident is stored; after three claims' time it goes on regardless.
   */
  async #claim(incident: IncidentRecord, selfId: string | undefined): Promise<void> {
    const key = `incident-declaration:${incident.linkId}`;
    for (let waited = 0; ; waited += RETRY_MS) {
      if (await this.#o.store.markSeen(key, DECLARATION_CLAIM_MS)) return;
      if (waited >= 3 * DECLARATION_CLAIM_MS) return;
      await this.#refuseDuplicate(incident, selfId);
      await this.#sleep(RETRY_MS);
    }
  }

  async #refuseDuplicate(incident: IncidentRecord, selfId: string | undefined): Promise<void> {
    const sameRegion = await this.#o.store.list('incident', { region: incident.region });
    refuseDuplicateDeclaration(sameRegion, {
      linkId: incident.linkId,
      positionM: incident.positionM,
      ...(selfId === undefined ? {} : { id: selfId }),
    });
  }
}
