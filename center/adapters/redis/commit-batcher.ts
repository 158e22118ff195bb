/**
 * @module center/adapters/redis/commit-batcher
 * Commits made in the same turn of the event loop, or while the previous call awaits its reply (group
 * commit, {@link MAX_OUTSTANDING}), go to Redis as one script call: every change keeps
 * its own dedup id and is applied or skipped on its own, but the batch costs one round trip, one
 * script run and one PUBLISH whose message lists the updates of every applied change. A center
 * ingesting thousands of uplink batches a second with many in flight thus pays Redis per tick, not
 * per message. Each record is JSON-encoded once and sent once: the script stores that text and
 * splices it into the announcement behind a short head (`{"op":"put",...,"value":`). The writer's
 * own listeners get the applied updates when the script answers (as objects, nothing to decode);
 * the announcement, tagged with the writer's origin, is for the other instances.
 */
import {
  GEO_COLLECTIONS,
  recordId,
  type GeoCollection,
  type StateChange,
  type StateUpdate,
} from '../../state/index.ts';
import { packChanges } from './commit-blob.ts';

/**
 * ARGV: channel, origin, and the changes packed into one argument (`commit-blob.ts`): per change its
 * seen key ('' for none), ttl ms, the byte length of its ops, then the ops `H key field value head`,
 * `G key lon lat member`, `X key maxlen value head`. Every H and X op also announces
 * `head .. value .. '}'`. Publishes `origin .. '\n[' .. announcements .. ']'` and returns 1 or 0 per
 * change (0: dedup id already seen).
 *
 * The H and G ops of all applied changes are gathered per key and written with one HSET and one
 * GEOADD per key (in chunks), in order, so a later change to the same id still wins: a command call
 * from Lua costs Redis more than the field it writes, and a flush holds hundreds of changes.
 */
export const COMMIT_MANY_LUA = `
local blob = ARGV[3]
local pos = 1
local size = #blob
local function field()
  local n, p = struct.unpack('>I4', blob, pos)
  pos = p + n
  return string.sub(blob, p, p + n - 1)
end
local applied = {}
local parts = {}
local hsets = {}
local geos = {}
local order = {}
-- Pieces joined once by table.concat at the end: no intermediate string per announcement.
local function announce(head, value)
  local n = #parts
  if n > 0 then parts[n + 1] = ',' n = n + 1 end
  parts[n + 1] = head
  parts[n + 2] = value
  parts[n + 3] = '}'
end
local function gather(tbl, kind, key)
  local list = tbl[key]
  if list == nil then
    list = {}
    tbl[key] = list
    order[#order + 1] = { kind, key }
  end
  return list
end
while pos <= size do
  local seen = field()
  local ttl = field()
  local opsBytes, p = struct.unpack('>I4', blob, pos)
  pos = p
  local stop = pos + opsBytes
  if seen == '' or redis.call('SET', seen, '1', 'PX', ttl, 'NX') then
    while pos < stop do
      local op = field()
      if op == 'H' then
        local list = gather(hsets, 'H', field())
        local id = field()
        local value = field()
        list[#list + 1] = id
        list[#list + 1] = value
        announce(field(), value)
      elseif op == 'G' then
        local list = gather(geos, 'G', field())
        list[#list + 1] = field()
        list[#list + 1] = field()
        list[#list + 1] = field()
      elseif op == 'X' then
        local key = field()
        local maxlen = field()
        local value = field()
        redis.call('XADD', key, 'MAXLEN', '~', maxlen, '*', 'v', value)
        announce(field(), value)
      else
        return redis.error_reply('unknown op ' .. tostring(op))
      end
    end
    applied[#applied + 1] = 1
  else
    pos = stop
    applied[#applied + 1] = 0
  end
end
for _, entry in ipairs(order) do
  local kind, key = entry[1], entry[2]
  local list = kind == 'H' and hsets[key] or geos[key]
  local step = kind == 'H' and 2 * 2000 or 3 * 2000
  for from = 1, #list, step do
    local to = math.min(from + step - 1, #list)
    if kind == 'H' then
      redis.call('HSET', key, unpack(list, from, to))
    else
      redis.call('GEOADD', key, unpack(list, from, to))
    end
  end
end
if #parts > 0 then
  redis.call('PUBLISH', ARGV[1], ARGV[2] .. '\\n[' .. table.concat(parts) .. ']')
end
return applied
`;

/** Redis key names the batcher writes to. */
export type CommitKeys = {
  readonly channel: string;
  /** This store instance's tag on its announcements (it skips its own; see the module comment). */
  readonly origin: string;
  readonly historyLimit: number;
  readonly seen: (id: string) => string;
  readonly hash: (collection: string) => string;
  readonly geo: (collection: GeoCollection) => string;
  readonly stream: (stream: string) => string;
};

/** Runs the script with its ARGV; resolves to one 1/0 per change. */
export type RunCommitScript = (args: readonly (string | Buffer)[]) => Promise<number[]>;

/** Most script arguments in one call; a larger turn is split. */
const MAX_ARGS = 20_000;

/**
 * Script calls awaiting their reply at most; commits made meanwhile wait for one to return and go
 * together in the next (group commit, as the edge ledger's): idle, a commit leaves at the end of its
 * turn as before; under load each call carries what arrived during the last round trip, so the
 * calls, their socket writes and script runs per message fall as the load rises.
 */
const MAX_OUTSTANDING = 1;

const isGeo = (c: string): c is GeoCollection => (GEO_COLLECTIONS as readonly string[]).includes(c);

type Pending = {
  readonly args: (string | number)[];
  readonly updates: StateUpdate[];
  readonly texts: string[];
  readonly resolve: (applied: boolean) => void;
  readonly reject: (err: unknown) => void;
};

/**
 * Script arguments of one change (without the channel and origin), the updates it announces, and
 * each update as JSON (the announcement's own text of it, for the writer's listeners).
 */
export function changeArgs(
  change: StateChange,
  keys: CommitKeys,
): { args: (string | number)[]; updates: StateUpdate[]; texts: string[] } {
  const seen = change.dedup === undefined ? '' : keys.seen(change.dedup.id);
  const ttl = Math.max(1, change.dedup?.ttlMs ?? 1);
  const args: (string | number)[] = [seen, ttl, 0];
  const updates: StateUpdate[] = [];
  const texts: string[] = [];
  for (const g of change.puts ?? []) {
    const hash = keys.hash(g.collection);
    const geo = isGeo(g.collection) ? keys.geo(g.collection) : null;
    const head = `{"op":"put","collection":"${g.collection}","id":`;
    for (const value of g.records) {
      const id = recordId(g.collection, value);
      const json = JSON.stringify(value);
      const idHead = `${head}${JSON.stringify(id)},"value":`;
      args.push('H', hash, id, json, idHead);
      texts.push(`${idHead}${json}}`);
      if (geo !== null) {
        const p = value as { lon: number; lat: number };
        args.push('G', geo, p.lon, p.lat, id);
      }
      updates.push({ op: 'put', collection: g.collection, id, value } as StateUpdate);
    }
  }
  for (const g of change.appends ?? []) {
    const key = keys.stream(g.stream);
    const head = `{"op":"append","stream":"${g.stream}","value":`;
    for (const value of g.records) {
      const json = JSON.stringify(value);
      args.push('X', key, keys.historyLimit, json, head);
      texts.push(`${head}${json}}`);
      updates.push({ op: 'append', stream: g.stream, value } as StateUpdate);
    }
  }
  args[2] = args.length - 3;
  return { args, updates, texts };
}

/** Gathers the commits of one event-loop turn into script calls. */
export class CommitBatcher {
  readonly #keys: CommitKeys;
  readonly #run: RunCommitScript;
  readonly #onApplied: (updates: StateUpdate[], texts: string[]) => void;
  #queue: Pending[] = [];
  #scheduled = false;
  #outstanding = 0;

  /**
   * `onApplied` gets the updates of the changes each script call applied, once per call, in order,
   * with each as JSON.
   */
  constructor(
    keys: CommitKeys,
    run: RunCommitScript,
    onApplied: (updates: StateUpdate[], texts: string[]) => void,
  ) {
    this.#keys = keys;
    this.#run = run;
    this.#onApplied = onApplied;
  }

  /** Queue a change; resolves with whether it was applied. */
  commit(change: StateChange): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      const { args, updates, texts } = changeArgs(change, this.#keys);
      this.#queue.push({ args, updates, texts, resolve, reject });
      this.#schedule();
    });
  }

  /** Flush at the end of this turn, unless the calls out are at their limit (a reply reschedules). */
  #schedule(): void {
    if (this.#scheduled || this.#outstanding >= MAX_OUTSTANDING || this.#queue.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => this.#flush());
  }

  #flush(): void {
    this.#scheduled = false;
    if (this.#outstanding >= MAX_OUTSTANDING) return;
    const queue = this.#queue;
    this.#queue = [];
    let start = 0;
    while (start < queue.length) {
      let end = start;
      let size = 2;
      while (end < queue.length && (end === start || size + queue[end]!.args.length <= MAX_ARGS)) {
        size += queue[end]!.args.length;
        end++;
      }
      this.#send(queue.slice(start, end));
      start = end;
    }
  }

  #send(group: readonly Pending[]): void {
    const args = [this.#keys.channel, this.#keys.origin, packChanges(group.map((p) => p.args))];
    this.#outstanding++;
    const returned = (): void => {
      this.#outstanding--;
      this.#schedule();
    };
    this.#run(args).then(
      (applied) => {
        returned();
        const updates: StateUpdate[] = [];
        const texts: string[] = [];
        group.forEach((p, i) => {
          if (applied[i] === 1) {
            for (const u of p.updates) updates.push(u);
            for (const t of p.texts) texts.push(t);
          }
          p.resolve(applied[i] === 1);
        });
        if (updates.length > 0) this.#onApplied(updates, texts);
      },
      (err: unknown) => {
        returned();
        group.forEach((p) => p.reject(err));
      },
    );
  }
}
