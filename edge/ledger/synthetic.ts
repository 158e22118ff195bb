/**
 * @module edge/ledger/synthetic
 * A seeded generator of one service day of card taps and toll passes, and of the messy way they reach
 * an edge (duplicates, reordering, readers uploading hours late). Same seed, same day, byte for byte:
 * the end-to-end test, the benchmarks and `its settle demo` use it in place of the simulator.
 */
import type { TollNetwork } from '../../core/fares/index.ts';
import { seededIdFactory } from '../../core/ids/index.ts';
import type { CardTap, RiderClass, TollPass, TransitMode } from '../../core/messages/index.ts';
import type { RatedMessage } from './holder-book.ts';

/** A 32-bit seeded PRNG (mulberry32), uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Route = {
  readonly id: string | null;
  readonly mode: Exclude<TransitMode, 'taxi'>;
  readonly operatorId: string;
};

const ROUTES: readonly Route[] = [
  ...Array.from({ length: 12 }, (_, i) => ({
    id: `trunk-${100 + i}`,
    mode: 'trunkBus' as const,
    operatorId: i % 2 ? 'seoul-bus-a' : 'seoul-bus-b',
  })),
  ...Array.from({ length: 12 }, (_, i) => ({
    id: `branch-${4000 + i}`,
    mode: 'branchBus' as const,
    operatorId: 'seoul-bus-b',
  })),
  ...Array.from({ length: 4 }, (_, i) => ({
    id: `village-${i + 1}`,
    mode: 'villageBus' as const,
    operatorId: 'village-co',
  })),
  ...Array.from({ length: 4 }, (_, i) => ({
    id: `wide-${9400 + i}`,
    mode: 'wideAreaBus' as const,
    operatorId: 'gyeonggi-bus',
  })),
  { id: 'circ-1', mode: 'circulationBus', operatorId: 'seoul-bus-a' },
  { id: 'night-n26', mode: 'lateNightBus', operatorId: 'seoul-bus-a' },
  ...['line-1', 'line-2', 'line-3'].map((id) => ({
    id,
    mode: 'subway' as const,
    operatorId: id === 'line-1' ? 'korail' : 'seoul-metro',
  })),
];

/** The expressways of the synthetic day (a closed road with five interchanges and an open plaza). */
export const SYNTHETIC_TOLL_NETWORK: TollNetwork = {
  roads: [
    { id: 'gyeongbu', operatorId: 'kec', system: 'closed', lanesEachWay: 4 },
    { id: 'ring', operatorId: 'ring-co', system: 'open', lanesEachWay: 2 },
  ],
  gantries: [
    ...[0, 12, 27, 41, 66].flatMap((km, i) => [
      { id: `gb-in-${i}`, tollRoadId: 'gyeongbu', role: 'entry' as const, chainageKm: km },
      { id: `gb-out-${i}`, tollRoadId: 'gyeongbu', role: 'exit' as const, chainageKm: km },
    ]),
    { id: 'ring-plaza', tollRoadId: 'ring', role: 'plaza', chainageKm: 3, chargedKm: 18 },
  ],
};

/** Size and seed of a synthetic day. */
export type SyntheticDayOptions = {
  readonly seed: number;
  readonly riders: number;
  readonly tollPasses: number;
  /** Local midnight (epoch ms) of the service day. */
  readonly dayStartMs: number;
};

/** One generated day, in device-time order. */
export type SyntheticDay = { readonly taps: CardTap[]; readonly passes: TollPass[] };

const MIN = 60_000;

/** Generate a day of taps (each rider makes 1-2 journeys of 1-4 legs) and toll passes. */
export function syntheticDay(o: SyntheticDayOptions): SyntheticDay {
  const rnd = seededRandom(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const raw: CardTap[] = [];
  for (let r = 0; r < o.riders; r++) {
    const cardId = `card-${String(r).padStart(7, '0')}`;
    const riderClass: RiderClass = rnd() < 0.8 ? 'adult' : rnd() < 0.6 ? 'youth' : 'child';
    let t = o.dayStartMs + (300 + Math.floor(rnd() * 900)) * MIN + Math.floor(rnd() * MIN);
    const journeys = rnd() < 0.3 ? 2 : 1;
    for (let j = 0; j < journeys; j++) {
      if (rnd() < 0.03) {
        const km = 1 + rnd() * 15;
        const taxi = tapAt(cardId, riderClass, 'taxi', 'taxi-coop', null, t, 'out', null, `taxi-${r % 500}`);
        taxi.legKm = Math.round(km * 1000) / 1000;
        taxi.slowS = Math.floor(rnd() * 600);
        raw.push(taxi);
        t += 120 * MIN;
        continue;
      }
      const legs = 1 + Math.floor(rnd() * rnd() * 4);
      for (let l = 0; l < legs; l++) {
        const route = pick(ROUTES);
        const km = Math.round((0.5 + rnd() * (route.mode === 'wideAreaBus' ? 40 : 14)) * 1000) / 1000;
        const ride = Math.max(2, Math.round(km * 2.5)) * MIN;
        const deviceId =
          route.mode === 'subway'
            ? `gate-${route.id}-${Math.floor(rnd() * 20)}`
            : `reader-${route.id}-${Math.floor(rnd() * 8)}`;
        const odo = route.mode === 'subway' ? null : Math.round(rnd() * 20 * 1000) / 1000;
        raw.push(tapAt(cardId, riderClass, route.mode, route.operatorId, route.id, t, 'in', odo, deviceId));
        t += ride;
        if (rnd() > 0.02) {
          const outOdo = odo === null ? null : Math.round((odo + km) * 1000) / 1000;
          const out = tapAt(
            cardId,
            riderClass,
            route.mode,
            route.operatorId,
            route.id,
            t,
            'out',
            outOdo,
            `${deviceId}-x`,
          );
          if (route.mode === 'subway') out.legKm = km;
          raw.push(out);
        }
        t += (2 + Math.floor(rnd() * (rnd() < 0.9 ? 25 : 70))) * MIN;
      }
      t += (60 + Math.floor(rnd() * 400)) * MIN;
    }
  }
  return { taps: withEnvelopes(raw, o.seed), passes: tollPasses(o, rnd) };
}

/** A tap built in one literal (one object shape; id and seq are filled in by `withEnvelopes`). */
function tapAt(
  cardId: string,
  riderClass: RiderClass,
  mode: TransitMode,
  operatorId: string,
  routeId: string | null,
  ts: number,
  tap: 'in' | 'out',
  odometerKm: number | null,
  deviceId: string,
): CardTap {
  return {
    kind: 'tap',
    id: '',
    deviceId,
    seq: 0,
    ts,
    cardId,
    tap,
    mode,
    operatorId,
    routeId,
    stopId: null,
    vehicleId: null,
    riderClass,
    odometerKm,
    chargedKrw: 0,
    balanceAfterKrw: 20_000,
  };
}

/** Sort by device time and give each message its id and per-device sequence number. */
function withEnvelopes<T extends { ts: number; deviceId: string; id: string; seq: number }>(
  raw: T[],
  seed: number,
): T[] {
  const idOf = seededIdFactory(seed ^ 0x5eed);
  const seqs = new Map<string, number>();
  // Sort positions by a typed copy of the times (stable): far cheaper than comparing the objects.
  const ts = Float64Array.from(raw, (m) => m.ts);
  const order = Array.from(raw.keys()).sort((a, b) => (ts[a] as number) - (ts[b] as number) || a - b);
  return order.map((i) => {
    const m = raw[i] as T;
    const seq = (seqs.get(m.deviceId) ?? 0) + 1;
    seqs.set(m.deviceId, seq);
    m.id = idOf(m.ts);
    m.seq = seq;
    return m;
  });
}

function tollPasses(o: SyntheticDayOptions, rnd: () => number): TollPass[] {
  const raw: TollPass[] = [];
  const classes = ['1', '1', '1', '1', '2', '3', '4', '5', 'light'] as const;
  for (let v = 0; raw.length < o.tollPasses; v++) {
    const hasObu = rnd() > 0.05;
    const vehicle = {
      kind: 'toll.pass' as const,
      id: '',
      seq: 0,
      obuId: hasObu ? `obu-${String(v).padStart(7, '0')}` : null,
      vehicleClass: classes[Math.floor(rnd() * classes.length)] ?? '1',
      plate: `${10 + (v % 89)}가${String(v % 10_000).padStart(4, '0')}`,
      lane: 1 + Math.floor(rnd() * 4),
      balanceKrw: hasObu ? (rnd() < 0.02 ? 0 : 30_000) : null,
    };
    const t = o.dayStartMs + (300 + Math.floor(rnd() * 1000)) * MIN;
    if (rnd() < 0.2) {
      raw.push({ ...vehicle, gantryId: 'ring-plaza', deviceId: 'ring-plaza', ts: t });
      continue;
    }
    const a = Math.floor(rnd() * 5);
    const b = (a + 1 + Math.floor(rnd() * 4)) % 5;
    if (rnd() > 0.03) raw.push({ ...vehicle, gantryId: `gb-in-${a}`, deviceId: `gb-in-${a}`, ts: t });
    raw.push({
      ...vehicle,
      gantryId: `gb-out-${b}`,
      deviceId: `gb-out-${b}`,
      ts: t + (10 + Math.floor(rnd() * 50)) * MIN,
    });
  }
  return withEnvelopes(raw.slice(0, o.tollPasses), o.seed + 1);
}

/** How messages reach the edge. */
export type UploadOptions = {
  readonly seed: number;
  /** Share of messages delivered twice. */
  readonly duplicateShare: number;
  /** Share of devices that are offline and upload everything at the end, in reverse. */
  readonly lateDeviceShare: number;
  /** Messages are shuffled within windows of this many. */
  readonly reorderWindow: number;
};

/** The arrival sequence of a day's messages at the edge: duplicated, reordered and partly late. */
export function uploadSchedule(messages: readonly RatedMessage[], o: UploadOptions): RatedMessage[] {
  const rnd = seededRandom(o.seed);
  const late = new Set<string>();
  const onTime: RatedMessage[] = [];
  const delayed: RatedMessage[] = [];
  const devices = [...new Set(messages.map((m) => m.deviceId))].sort();
  for (const d of devices) if (rnd() < o.lateDeviceShare) late.add(d);
  for (const m of messages) {
    (late.has(m.deviceId) ? delayed : onTime).push(m);
    if (rnd() < o.duplicateShare) onTime.push(m);
  }
  for (let i = 0; i < onTime.length; i += o.reorderWindow) {
    const end = Math.min(onTime.length, i + o.reorderWindow);
    for (let k = end - 1; k > i; k--) {
      const j = i + Math.floor(rnd() * (k - i + 1));
      [onTime[k], onTime[j]] = [onTime[j] as RatedMessage, onTime[k] as RatedMessage];
    }
  }
  return [...onTime, ...delayed.reverse()];
}
