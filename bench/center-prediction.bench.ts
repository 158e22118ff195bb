/**
 * @module bench/center-prediction.bench
 * Bus arrival prediction accuracy on the demo city (route 440, direction 0) over two measured hours
 * (after 30 minutes of warm-up), against a stochastic bus model as ground truth: segment times follow
 * the timetable scaled by a time-of-day congestion profile, a 20-minute slowdown on three segments,
 * and log-normal noise (σ 0.2); dwell 10-40 s. (The microscopic simulator does not run buses yet, so
 * truth comes from this model.) Mean absolute error per horizon bucket and the share inside the
 * TransitApp windows (actual − predicted within −30/+90 s at 0-3 min, −60/+150 s at 3-6, −60/+210 s at
 * 6-10, −90/+270 s at 10-15), against two baselines on the same data: the timetable, and
 * schedule-deviation propagation (the bus stays as late as it is now, as OneBusAway does).
 */
import { VirtualClock, loadScenario } from '../core/index.ts';
import { buildCenterNetwork, type StopPattern } from '../center/network/index.ts';
import { ArrivalService } from '../center/prediction/index.ts';
import type { StateUpdate, VehicleRecord } from '../center/state/index.ts';
import type { BenchFigure, Benchmark } from './types.ts';

const BUCKETS = [
  { name: '0-3 min', lo: 0, hi: 180, win: [-30, 90] },
  { name: '3-6 min', lo: 180, hi: 360, win: [-60, 150] },
  { name: '6-10 min', lo: 360, hi: 600, win: [-60, 210] },
  { name: '10-15 min', lo: 600, hi: 900, win: [-90, 270] },
  { name: '15-20 min', lo: 900, hi: 1200, win: null },
] as const;

type Acc = { n: number; absSum: number; inWindow: number };

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

function gaussian(r: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(1e-12, r()))) * Math.cos(2 * Math.PI * r());
}

/** Truth: arrival and departure time of one bus at each stop. */
function simulateBus(
  p: StopPattern,
  dispatchMs: number,
  t0: number,
  r: () => number,
): { arr: number[]; dep: number[] } {
  const arr: number[] = [dispatchMs];
  const dep: number[] = [];
  for (let j = 0; j < p.stopIds.length; j++) {
    dep[j] = (arr[j] as number) + (10 + 30 * r()) * 1000;
    if (j + 1 === p.stopIds.length) break;
    const hour = ((dep[j] as number) - t0) / 3_600_000;
    const profile = 1 + 0.6 * Math.exp(-(((hour - 1.2) / 0.5) ** 2));
    const slowdown = j >= 3 && j <= 5 && hour > 1.5 && hour < 1.85 ? 1.8 : 1;
    const base = p.scheduledSegmentS[j] ?? 90;
    arr[j + 1] = (dep[j] as number) + base * profile * slowdown * Math.exp(0.2 * gaussian(r)) * 1000;
  }
  return { arr, dep };
}

export const benchmark: Benchmark = {
  name: 'center prediction',
  run: async ({ quick }) => {
    const net = buildCenterNetwork(loadScenario('scenarios/demo-city'));
    const pattern = net.patterns.find((p) => p.routeId === '440' && p.directionId === 0) ?? net.patterns[0];
    if (pattern === undefined) throw new Error('demo city has no bus pattern');
    const t0 = Date.UTC(2026, 10, 25, 22, 0, 0);
    const clock = new VirtualClock(t0);
    const service = new ArrivalService({ network: net, clock, maxVehicleAgeMs: 120_000 });
    const r = rng(42);
    const headwayMs = 6 * 60_000;
    const totalMs = (quick ? 1.5 : 2.5) * 3_600_000;
    const warmMs = 30 * 60_000;
    const schedTotal = (j: number): number => {
      let s = 0;
      for (let k = 0; k < j; k++)
        s += (pattern.scheduledDwellS[k] ?? 0) + (pattern.scheduledSegmentS[k] ?? 0);
      return s * 1000;
    };
    const buses = [] as { id: string; dispatch: number; arr: number[]; dep: number[]; reported: number }[];
    for (let d = t0, i = 0; d < t0 + totalMs; d += headwayMs, i++) {
      buses.push({ id: `bus-${i}`, dispatch: d, ...simulateBus(pattern, d, t0, r), reported: -1 });
    }
    const acc = new Map<string, Acc>();
    const add = (method: string, bucket: string, err: number, win: readonly number[] | null): void => {
      const a = acc.get(`${method}|${bucket}`) ?? { n: 0, absSum: 0, inWindow: 0 };
      a.n++;
      a.absSum += Math.abs(err);
      if (win !== null && err >= (win[0] ?? 0) && err <= (win[1] ?? 0)) a.inWindow++;
      acc.set(`${method}|${bucket}`, a);
    };
    const stops = pattern.stopIds;
    const pos = (id: string): { lon: number; lat: number } => net.stops.get(id) ?? { lon: 127, lat: 37.5 };
    for (let t = t0; t < t0 + totalMs; t += 20_000) {
      clock.advanceTo(t);
      const updates: StateUpdate[] = [];
      for (const b of buses) {
        if (b.dispatch > t || (b.arr[stops.length - 1] as number) <= t) continue;
        for (let j = 0; j + 1 < stops.length; j++) {
          const a = b.arr[j + 1] as number;
          if (a <= t && a > t - 20_000) {
            const from = stops[j] ?? '';
            const to = stops[j + 1] ?? '';
            const region = 'gangnam';
            updates.push({
              op: 'append',
              stream: 'segmentTime',
              value: {
                routeId: pattern.routeId,
                fromStopId: from,
                toStopId: to,
                vehicleId: b.id,
                departedAt: b.dep[j] as number,
                travelTimeS: (a - (b.dep[j] as number)) / 1000,
                region,
              },
            });
          }
        }
        let last = 0;
        while (last + 1 < stops.length && (b.dep[last] as number) <= t) last++;
        // last = first stop not yet departed; the bus is between stop last-1 and last, or dwelling at last.
        const atStop = (b.arr[last] as number) <= t;
        const prevIdx = atStop ? last : last - 1;
        const nextIdx = atStop ? last + 1 : last;
        if (nextIdx >= stops.length) continue;
        const pa = pos(stops[Math.max(0, prevIdx)] ?? '');
        const pb = pos(stops[nextIdx] ?? '');
        const f = atStop
          ? 0
          : (t - (b.dep[prevIdx] as number)) / ((b.arr[nextIdx] as number) - (b.dep[prevIdx] as number));
        const lastDep = prevIdx >= 0 ? (b.dep[prevIdx] as number) : b.dispatch;
        const vehicle: VehicleRecord = {
          vehicleId: b.id,
          routeId: pattern.routeId,
          tripId: null,
          region: 'gangnam',
          at: t,
          lat: pa.lat + (pb.lat - pa.lat) * f,
          lon: pa.lon + (pb.lon - pa.lon) * f,
          speedMps: atStop ? 0 : 6,
          distanceM: 0,
          scheduleDeviationS:
            (lastDep -
              (b.dispatch +
                schedTotal(Math.max(0, prevIdx)) +
                (pattern.scheduledDwellS[Math.max(0, prevIdx)] ?? 0) * 1000)) /
            1000,
          lastStopId: prevIdx >= 0 ? (stops[prevIdx] ?? null) : null,
          nextStopId: stops[nextIdx] ?? null,
          onRoute: true,
          passengers: 20,
        };
        updates.push({ op: 'put', collection: 'vehicle', id: b.id, value: vehicle });
      }
      service.observe(updates);
      if (t < t0 + warmMs) continue;
      for (const { vehicle, predictions } of service.allPredictions()) {
        const b = buses.find((x) => x.id === vehicle.vehicleId);
        if (b === undefined) continue;
        for (const p of predictions) {
          const j = stops.indexOf(p.stopId);
          const truth = b.arr[j] as number;
          const horizonS = (truth - t) / 1000;
          const bucket = BUCKETS.find((k) => horizonS >= k.lo && horizonS < k.hi);
          if (bucket === undefined) continue;
          const sched = b.dispatch + schedTotal(j);
          const dev = (vehicle.scheduleDeviationS ?? 0) * 1000;
          add('predictor', bucket.name, (truth - p.etaMs) / 1000, bucket.win);
          add('schedule', bucket.name, (truth - sched) / 1000, bucket.win);
          add('propagation', bucket.name, (truth - Math.max(t, sched + dev)) / 1000, bucket.win);
        }
      }
    }
    const figures: BenchFigure[] = [];
    for (const k of BUCKETS) {
      const m = (method: string): Acc => acc.get(`${method}|${k.name}`) ?? { n: 0, absSum: 0, inWindow: 0 };
      const mae = (a: Acc): number => (a.n === 0 ? NaN : a.absSum / a.n);
      const pred = mae(m('predictor'));
      const prop = mae(m('propagation'));
      figures.push({
        name: `arrival MAE ${k.name}`,
        value: Math.round(pred),
        unit: 's',
        target: '>= 30% below propagation',
        reference: { name: 'schedule-deviation propagation', value: Math.round(prop) },
        ratio: Number((pred / prop).toFixed(3)),
        met: pred <= 0.7 * prop,
        note: `schedule baseline ${Math.round(mae(m('schedule')))} s; n=${m('predictor').n}`,
      });
      if (k.win !== null) {
        const share = m('predictor').inWindow / Math.max(1, m('predictor').n);
        figures.push({
          name: `inside TransitApp window ${k.name}`,
          value: Number((100 * share).toFixed(1)),
          unit: '%',
          target: '>= 90%',
          met: share >= 0.9,
          note: `propagation ${((100 * m('propagation').inWindow) / Math.max(1, m('propagation').n)).toFixed(1)}%, schedule ${((100 * m('schedule').inWindow) / Math.max(1, m('schedule').n)).toFixed(1)}%`,
        });
      }
    }
    return figures;
  },
};
