/**
 * @module center/http/live-feed
 * Turns store updates (from this instance or any other sharing the store) into channel deltas:
 * `region:<id>`, `vehicles`, `signals`, `incidents`, `sign:<id>` and `stop:<id>` (the stop's
 * recomputed arrival board). Work is only done for channels someone listens to.
 */
import { recordRegion, type StateUpdate } from '../state/index.ts';
import type { ApiContext } from './api-context.ts';
import type { ChannelHub } from './channel-hub.ts';
import { signView } from './routes-read.ts';

type Delta = {
  readonly collection: string;
  readonly op: 'put' | 'delete';
  readonly id: string;
  readonly value?: unknown;
};

const GLOBAL_CHANNEL: Readonly<Record<string, string>> = {
  vehicle: 'vehicles',
  signal: 'signals',
  incident: 'incidents',
};

/**
 * Subscribe the hub to the store; returns the unsubscribe function. Updates arriving in one turn of
 * the event loop are published together at its end: each channel gets one delta frame per turn (and
 * a stop board is recomputed once) however many store batches arrived, so fan-out work stays bounded
 * by the tick rate, not the message rate.
 */
export function connectLiveFeed(ctx: ApiContext, hub: ChannelHub): () => void {
  let pending: StateUpdate[] = [];
  let scheduled: NodeJS.Immediate | null = null;
  const flush = (): void => {
    scheduled = null;
    const updates = pending;
    pending = [];
    publishUpdates(ctx, hub, updates);
  };
  const unsubscribe = ctx.store.subscribe((updates) => {
    for (const u of updates) pending.push(u);
    scheduled ??= setImmediate(flush);
  });
  return () => {
    unsubscribe();
    if (scheduled !== null) clearImmediate(scheduled);
    scheduled = null;
    pending = [];
  };
}

/** Publish the deltas a batch of updates implies. */
export function publishUpdates(ctx: ApiContext, hub: ChannelHub, updates: readonly StateUpdate[]): void {
  const watched = [...ctx.arrivals.observe(updates)].filter((stopId) => hub.has(`stop:${stopId}`));
  const byChannel = new Map<string, Delta[]>();
  const add = (channel: string, d: Delta): void => {
    if (!hub.has(channel)) return;
    const list = byChannel.get(channel) ?? [];
    list.push(d);
    byChannel.set(channel, list);
  };
  const signs = new Set<string>();
  for (const u of updates) {
    if (u.op === 'append') continue;
    if (u.collection === 'sign') {
      signs.add(u.op === 'put' ? u.value.signId : (u.id.split('/')[0] ?? ''));
      continue;
    }
    const d: Delta =
      u.op === 'put'
        ? { collection: u.collection, op: 'put', id: u.id, value: u.value }
        : { collection: u.collection, op: 'delete', id: u.id };
    const global = GLOBAL_CHANNEL[u.collection];
    if (global !== undefined) add(global, d);
    if (u.op === 'put') {
      const region = recordRegion(u.value);
      if (region !== null) add(`region:${region}`, d);
    } else {
      for (const ch of hub.channelsWithPrefix('region:')) add(ch, d);
    }
  }
  // The plain deltas leave first: a `vehicles` client need not wait for the boards.
  for (const [channel, deltas] of byChannel) hub.publish(channel, deltas);
  // All boards of the turn at once. Only the buses that reported since their last prediction are
  // predicted again (the arrival service keeps each bus's absolute predicted times); the rest of a
  // board is assembled from those, its seconds-from-now taken at this turn.
  for (const [stopId, board] of ctx.arrivals.boards(watched)) hub.publish(`stop:${stopId}`, board);
  for (const signId of signs) {
    if (!hub.has(`sign:${signId}`)) continue;
    void signView(ctx, signId)
      .then((view) => hub.publish(`sign:${signId}`, view))
      .catch(() => undefined);
  }
}
