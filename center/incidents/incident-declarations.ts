/**
 * @module center/incidents/incident-declarations
 * Declaring an incident against what is already active. A link has at most one active incident
 * declared by an operator: a second declaration there is a duplicate (two operators reacting to the
 * same call, a double click) and is refused with a {@link ConflictError} naming the one already
 * there, so the control room can offer to edit that one instead. Detected incidents neither block a
 * declaration nor are blocked by one: the detectors raise and clear their own as traffic comes and
 * goes, while an operator's declaration (usually a confirmed cause, lanes and severity) stays until
 * an operator clears it.
 */
import { ConflictError, type Clock } from '../../core/index.ts';
import type { CenterNetwork } from '../network/index.ts';
import type { IncidentRecord, StateStore } from '../state/index.ts';
import { declareIncident } from './incident-commands.ts';

/** The active operator-declared incident on `linkId`, if any (the oldest when several predate this rule). */
export function activeDeclaredOn(
  incidents: readonly IncidentRecord[],
  linkId: string,
): IncidentRecord | undefined {
  let found: IncidentRecord | undefined;
  for (const i of incidents) {
    if (i.linkId !== linkId || i.status !== 'active' || i.source !== 'operator') continue;
    if (found === undefined || i.startedAt < found.startedAt) found = i;
  }
  return found;
}

/** Throws ConflictError when `linkId` already has an active operator-declared incident. */
export function refuseDuplicateDeclaration(incidents: readonly IncidentRecord[], linkId: string): void {
  const existing = activeDeclaredOn(incidents, linkId);
  if (existing === undefined) return;
  const lanes = existing.lanes.length === 0 ? 'lanes unknown' : `lanes ${existing.lanes.join(',')}`;
  throw new ConflictError(
    'incident',
    existing.id,
    `link ${linkId} already has active incident ${existing.id} (${existing.kind}, ${existing.severity}, ${lanes}); ` +
      `edit it (PATCH /api/v1/incidents/${existing.id}) or clear it before declaring another`,
  );
}

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
 * after a clear on the same link, or after an instance died holding it, waits at most this.
 */
export const DECLARATION_CLAIM_MS = 1000;
const RETRY_MS = 50;

/**
 * Declares incidents one at a time: on this instance through a chain, and across the instances
 * sharing a store through a short claim on the link, so two requests racing for one link (a double
 * click, two operators on two instances) cannot both pass the duplicate check before either is
 * stored. A declaration finding the link claimed is refused (409) as soon as the other is stored, and
 * goes ahead when the claim lapses with nothing stored (the other failed).
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
    const run = this.#chain.then(async () => {
      const incident = declareIncident(this.#o.network, body, this.#o.clock.now());
      await this.#claim(incident);
      await this.#refuseDuplicate(incident);
      await this.#o.store.put('incident', [incident]);
      return incident;
    });
    this.#chain = run.catch(() => undefined);
    return run;
  }

  /**
   * Hold `incident.linkId` against other instances' declarations for {@link DECLARATION_CLAIM_MS}.
   * The claim is not released but lapses. While another instance holds it, a duplicate is refused as
   * soon as the other's incident is stored; after three claims' time it goes on regardless.
   */
  async #claim(incident: IncidentRecord): Promise<void> {
    const key = `incident-declaration:${incident.linkId}`;
    for (let waited = 0; ; waited += RETRY_MS) {
      if (await this.#o.store.markSeen(key, DECLARATION_CLAIM_MS)) return;
      if (waited >= 3 * DECLARATION_CLAIM_MS) return;
      await this.#refuseDuplicate(incident);
      await this.#sleep(RETRY_MS);
    }
  }

  async #refuseDuplicate(incident: IncidentRecord): Promise<void> {
    const sameRegion = await this.#o.store.list('incident', { region: incident.region });
    refuseDuplicateDeclaration(sameRegion, incident.linkId);
  }
}
