/**
 * @module center/adapters/redis/commit-batcher
 * Commits made in the same turn of the event loop go to Redis as one script call: every change keeps
 * its own dedup id and is applied or skipped on its own, but the batch costs one round trip, one
 * script run and one PUBLISH whose message lists the updates of every applied change. A center
 * ingesting thousands of uplink batches a second with many in flight thus pays Redis per tick, not
 * per message. Each record is JSON-encoded once: the same text is stored and spliced into the
 * announcement.
 */
import { GEO_COLLECTIONS, recordId, type GeoCollection, type StateChange } from '../../state/index.ts';

/**
 * ARGV: channel, then per change: seen key ('' for none), ttl ms, number of op args, the change's
 * updates as JSON array items without brackets ('' for none), then its ops `H key field value`,
 * `G key lon lat member`, `X key maxlen value`. Returns 1 or 0 per change (0: dedup id already seen).
 */
export const COMMIT_MANY_LUA = `
local i = 2
local applied = {}
local parts = {}
while i <= #ARGV do
  local seen = ARGV[i]
  local ttl = ARGV[i + 1]
  local stop = i + 4 + tonumber(ARGV[i + 2])
  local frag = ARGV[i + 3]
  i = i + 4
  if seen == '' or redis.call('SET', seen, '1', 'PX', ttl, 'NX') then
    while i < stop do
      local op = ARGV[i]
      if op == 'H' then
        redis.call('HSET', ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]); i = i + 4
      elseif op == 'G' then
        redis.call('GEOADD', ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]); i = i + 5
      elseif op == 'X' then
        redis.call('XADD', ARGV[i + 1], 'MAXLEN', '~', ARGV[i + 2], '*', 'v', ARGV[i + 3]); i = i + 4
      else
        return redis.error_reply('unknown op ' .. tostring(op))
      end
    end
    if frag ~= '' then parts[#parts + 1] = frag end
    applied[#applied + 1] = 1
  else
    i = stop
    applied[#applied + 1] = 0
  end
end
if #parts > 0 then redis.call('PUBLISH', ARGV[1], '[' .. table.concat(parts, ',') .. ']') end
return applied
`;

/** Redis key names the batcher writes to. */
export type CommitKeys = {
  readonly channel: string;
  readonly historyLimit: number;
  readonly seen: (id: string) => string;
  readonly hash: (collection: string) => string;
  readonly geo: (collection: GeoCollection) => string;
  readonly stream: (stream: string) => string;
};

/** Runs the script with its ARGV; resolves to one 1/0 per change. */
export type RunCommitScript = (args: readonly (string | number)[]) => Promise<number[]>;

/** Most script arguments in one call; a larger turn is split. */
const MAX_ARGS = 20_000;

const isGeo = (c: string): c is GeoCollection => (GEO_COLLECTIONS as readonly string[]).includes(c);

type Pending = {
  readonly args: (string | number)[];
  readonly resolve: (applied: boolean) => void;
  readonly reject: (err: unknown) => void;
};

/** Script arguments of one change (without the channel). */
export function changeArgs(change: StateChange, keys: CommitKeys): (string | number)[] {
  const ops: (string | number)[] = [];
  const items: string[] = [];
  for (const g of change.puts ?? []) {
    const hash = keys.hash(g.collection);
    const geo = isGeo(g.collection) ? keys.geo(g.collection) : null;
    const head = `{"op":"put","collection":"${g.collection}","id":`;
    for (const value of g.records) {
      const id = recordId(g.collection, value);
      const json = JSON.stringify(value);
      ops.push('H', hash, id, json);
      if (geo !== null) {
        const p = value as { lon: number; lat: number };
        ops.push('G', geo, p.lon, p.lat, id);
      }
      items.push(`${head}${JSON.stringify(id)},"value":${json}}`);
    }
  }
  for (const g of change.appends ?? []) {
    const key = keys.stream(g.stream);
    const head = `{"op":"append","stream":"${g.stream}","value":`;
    for (const value of g.records) {
      const json = JSON.stringify(value);
      ops.push('X', key, keys.historyLimit, json);
      items.push(`${head}${json}}`);
    }
  }
  const seen = change.dedup === undefined ? '' : keys.seen(change.dedup.id);
  const ttl = Math.max(1, change.dedup?.ttlMs ?? 1);
  return [seen, ttl, ops.length, items.join(','), ...ops];
}

/** Gathers the commits of one event-loop turn into script calls. */
export class CommitBatcher {
  readonly #keys: CommitKeys;
  readonly #run: RunCommitScript;
  #queue: Pending[] = [];
  #scheduled = false;

  constructor(keys: CommitKeys, run: RunCommitScript) {
    this.#keys = keys;
    this.#run = run;
  }

  /** Queue a change; resolves with whether it was applied. */
  commit(change: StateChange): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.#queue.push({ args: changeArgs(change, this.#keys), resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const queue = this.#queue;
    this.#queue = [];
    let start = 0;
    while (start < queue.length) {
      let end = start;
      let size = 1;
      while (end < queue.length && (end === start || size + queue[end]!.args.length <= MAX_ARGS)) {
        size += queue[end]!.args.length;
        end++;
      }
      this.#send(queue.slice(start, end));
      start = end;
    }
  }

  #send(group: readonly Pending[]): void {
    const args: (string | number)[] = [this.#keys.channel];
    for (const p of group) for (const a of p.args) args.push(a);
    this.#run(args).then(
      (applied) => group.forEach((p, i) => p.resolve(applied[i] === 1)),
      (err: unknown) => group.forEach((p) => p.reject(err)),
    );
  }
}
