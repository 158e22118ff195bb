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
import { TurnPacer } from './turn-pacer.ts';
import { BoardPacer, type BoardPacerOptions } from './board-pacer.ts';

/**
 * Most of the thread's time the live feed takes under load (see {@link connectLiveFeed}): after a
 * turn of D ms the next waits 3 D. Same sitting, demo city, alternate runs at load 7-9: CPU per
 * stored message 76-79 → 56-59 µs at 5,000/s and 67-76 → 50-55 µs at 20,000/s (center/README).
 */
export const LIVE_FEED_SHARE = 0.25;

/** How often a stop's board may be recomputed and sent, and resent unchanged (center/README, Performance). */
export type BoardPacing = Pick<BoardPacerOptions, 'intervalMs' | 'refreshMs'>;

/**
 * The live feed's default board pacing: a board is sent when what it shows changed, at once (no
 * interval: any interval delays the changes that follow one within it, center/README Performance),
 * and a board whose shown arrivals did not change is resent at most once a second.
 */
export const DEFAULT_BOARD_PACING: BoardPacing = Object.freeze({ intervalMs: 0, refreshMs: 1000 });

const GLOBAL_CHANNEL: Readonly<Record<string, string>> = {
  vehicle: 'vehicles',
  signal: 'signals',
  incident: 'incidents',
};

/**
 * Subscribe the hub to the store; returns the unsubscribe function. Updates arriving in one turn of
 * the event loop are published together at its end: each channel gets one delta frame per turn (and
 * a stop board is recomputed once) however many store batches arrived, so fan-out work stays bounded
 * by the tick rate, not the message rate. The turn's frames leave corked, one write per connection.
 * Under load the turns are paced ({@link TurnPacer}): the feed takes at most `share` of the thread,
 * so a board recomputed from every bus that reported since the last turn is recomputed less often
 * while ingest has the rest; idle, a turn still follows its update at once.
 */
export function connectLiveFeed(
  ctx: ApiContext,
  hub: ChannelHub,
  share = LIVE_FEED_SHARE,
  pacing: BoardPacing = DEFAULT_BOARD_PACING,
): () => void {
  // Boards asked for inside their interval come back here when it ends, recomputed from the state then.
  const boards: BoardPacer = new BoardPacer(
    (due) => hub.turn(() => publishBoards(ctx, hub, due, boards)),
    pacing,
  );
  let pending: StateUpdate[] = [];
  // The store's own JSON of each pending update where it gave one (its writes), else undefined.
  let pendingTexts: (string | undefined)[] = [];
  const flush = (): void => {
    const updates = pending;
    const texts = pendingTexts;
    pending = [];
    pendingTexts = [];
    hub.turn(() => publishUpdates(ctx, hub, updates, texts, boards));
  };
  const pacer = new TurnPacer(flush, { share });
  const unsubscribe = ctx.store.subscribe((updates, texts) => {
    for (let i = 0; i < updates.length; i++) {
      pending.push(updates[i] as StateUpdate);
      pendingTexts.push(texts?.[i]);
    }
    pacer.request();
  });
  return () => {
    unsubscribe();
    pacer.cancel();
    boards.cancel();
    pending = [];
    pendingTexts = [];
  };
}

/**
 * Publish the deltas a batch of updates implies. A delta is the update itself (`op`, `collection`,
 * `id`, `value`); `texts[i]`, when given, is update `i` already encoded as JSON by the store, and is
 * spliced into the frames as it is (an update is encoded at most once, whatever channels carry it).
 * With `boards`, the stop boards the updates touch are paced by it (see {@link BoardPacer}); without,
 * every watched board they touch is recomputed and sent.
 */
export function publishUpdates(
  ctx: ApiContext,
  hub: ChannelHub,
  updates: readonly StateUpdate[],
  texts: readonly (string | undefined)[] = [],
  boards?: BoardPacer,
): void {
  const touched = [...ctx.arrivals.observe(updates)].filter((stopId) => hub.has(`stop:${stopId}`));
  let watched = touched;
  if (boards !== undefined && touched.length > 0) {
    const buses = new Set<string>();
    for (const u of updates) if (u.op !== 'append' && u.collection === 'vehicle') buses.add(u.id);
    // Only the boards these buses can change (on them, or coming before what they show), then paced.
    watched = boards.take(ctx.arrivals.changedBoards(touched, buses, boards.refreshMs));
  }
  const byChannel = new Map<string, string[]>();
  const add = (channel: string, json: string): void => {
    const list = byChannel.get(channel);
    if (list === undefined) byChannel.set(channel, [json]);
    else list.push(json);
  };
  // Channels with listeners, looked up once per turn rather than per update.
  const listened = new Map<string, boolean>();
  const has = (channel: string): boolean => {
    let on = listened.get(channel);
    if (on === undefined) {
      on = hub.has(channel);
      listened.set(channel, on);
    }
    return on;
  };
  const signs = new Set<string>();
  let regionChannels: string[] | null = null;
  for (let i = 0; i < updates.length; i++) {
    const u = updates[i] as StateUpdate;
    if (u.op === 'append') continue;
    if (u.collection === 'sign') {
      signs.add(u.op === 'put' ? u.value.signId : (u.id.split('/')[0] ?? ''));
      continue;
    }
    const global = GLOBAL_CHANNEL[u.collection];
    const onGlobal = global !== undefined && has(global);
    let region: string | null = null;
    if (u.op === 'put') {
      const r = recordRegion(u.value);
      if (r !== null && has(`region:${r}`)) region = `region:${r}`;
    } else regionChannels ??= hub.channelsWithPrefix('region:');
    if (!onGlobal && region === null && (u.op === 'put' || regionChannels?.length === 0)) continue;
    const json = texts[i] ?? JSON.stringify(u);
    if (onGlobal) add(global, json);
    if (region !== null) add(region, json);
    else if (u.op === 'delete') for (const ch of regionChannels ?? []) add(ch, json);
  }
  // The plain deltas leave first: a `vehicles` client need not wait for the boards.
  for (const [channel, deltas] of byChannel) hub.publishJson(channel, `[${deltas.join(',')}]`);
  // All boards of the turn at once. Only the buses that reported since their last prediction are
  // predicted again (the arrival service keeps each bus's absolute predicted times); the rest of a
  // board is assembled from those, its seconds-from-now taken at this turn.
  publishBoards(ctx, hub, watched, boards);
  for (const signId of signs) {
    if (!hub.has(`sign:${signId}`)) continue;
    void signView(ctx, signId)
      .then((view) => hub.publish(`sign:${signId}`, view))
      .catch(() => undefined);
  }
}

/**
 * Recompute the boards of `stopIds` that someone watches and send them; with `boards`, only those it
 * finds worth a frame (something shown changed, or the refresh is due).
 */
export function publishBoards(
  ctx: ApiContext,
  hub: ChannelHub,
  stopIds: readonly string[],
  boards?: BoardPacer,
): void {
  const watched = stopIds.filter((stopId) => hub.has(`stop:${stopId}`));
  if (watched.length === 0) return;
  for (const [stopId, board] of ctx.arrivals.boards(watched)) {
    if (boards === undefined || boards.offer(stopId, board)) hub.publish(`stop:${stopId}`, board);
  }
}
