/**
 * @module controllers/adapters/mqtt/spat-publishers
 * SPaT of several intersections under broker authentication: the topic rules let a controller
 * identity (`ctl.<region>.<id>`, broker/acl) publish for its own intersection only, so a process
 * serving several intersections opens one publisher per intersection, each with its own credentials
 * and its own last will. Without credentials it is a single publisher.
 */
import type { Spat } from '../../../core/index.ts';
import { connectSpatPublisher, type SpatPublisher, type SpatPublisherOptions } from './spat-publisher.ts';

/** Options of {@link connectSpatPublishers}. */
export type SpatPublishersOptions = Omit<SpatPublisherOptions, 'username' | 'password'> & {
  /** Credentials of each intersection's controller identity; undefined = anonymous. */
  readonly credentialsOf?: (
    intersectionId: string,
  ) => { readonly username: string; readonly password: string } | undefined;
};

/** Connect one publisher per intersection when credentials are given, else one for all. */
export function connectSpatPublishers(options: SpatPublishersOptions): SpatPublisher {
  const { credentialsOf, ...common } = options;
  if (credentialsOf === undefined) return connectSpatPublisher(common);
  const byIntersection = new Map<string, SpatPublisher>();
  for (const [id, region] of options.regions)
    byIntersection.set(
      id,
      connectSpatPublisher({
        ...common,
        regions: new Map([[id, region]]),
        clientId: `${options.clientId}-${id}`,
        ...credentialsOf(id),
      }),
    );
  const all = [...byIntersection.values()];
  return {
    connected: Promise.all(all.map((p) => p.connected)).then(() => undefined),
    publish(spat: Spat): void {
      byIntersection.get(spat.intersectionId)?.publish(spat);
    },
    async close(): Promise<void> {
      await Promise.all(all.map((p) => p.close()));
    },
  };
}
