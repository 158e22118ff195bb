/**
 * @module edge/adaptive/scats-linked
 * SCATS's linked operation (Sims & Dobinson 1980; Lowrie 1982, "The Sydney coordinated adaptive traffic
 * system: principles, methodology, algorithms"): an intersection of a linked subsystem keeps its green
 * windows in the subsystem's cycle at its offset, so the arterial's green wave survives adaptation.
 * The windows are laid out as the controller lays out a coordination plan (NTCIP 1202: per barrier side
 * the longest ring, units in ring order; the cycle reference is the start of the first coordinated
 * unit's green, at `offsetS` after local midnight). Each green's end is fixed when it starts: the end
 * of its window, however early or late it began (a coordinated unit that starts early, because the
 * others gapped out, keeps the spare time: "early return"). Non-coordinated units still gap out.
 */
import type { UnitKey, UnitState, UnitTiming } from './types.ts';

/** A unit's green window in the cycle: start after the cycle reference and green length, s. */
export type CycleWindow = { readonly startS: number; readonly greenS: number };

const mod = (a: number, m: number): number => ((a % m) + m) % m;
/** `a` wrapped into [-m/2, m/2). */
const signedMod = (a: number, m: number): number => {
  const r = mod(a, m);
  return r >= m / 2 ? r - m : r;
};

/**
 * Green windows of the units with a split, laid out barrier side by barrier side (each as long as its
 * longest ring), units in ring order, relative to the start of the first coordinated unit's green (or
 * of the first unit with a split when none is coordinated).
 */
export function cycleWindows(
  units: readonly UnitTiming[],
  splitsS: Readonly<Record<string, number>>,
  coordinated: readonly UnitKey[],
  cycleS: number,
): Map<string, CycleWindow> {
  const inPlan = units.filter((u) => (splitsS[String(u.unit)] ?? 0) > 0);
  const barriers = [...new Set(inPlan.map((u) => u.barrier))].sort((a, b) => a - b);
  const raw = new Map<string, CycleWindow>();
  let sideStart = 0;
  for (const b of barriers) {
    const side = inPlan.filter((u) => u.barrier === b);
    const rings = [...new Set(side.map((u) => u.ring))];
    let sideLen = 0;
    for (const r of rings) {
      let t = sideStart;
      for (const u of side.filter((x) => x.ring === r)) {
        const split = splitsS[String(u.unit)] ?? 0;
        raw.set(String(u.unit), { startS: t, greenS: Math.max(0, split - u.clearanceS) });
        t += split;
      }
      sideLen = Math.max(sideLen, t - sideStart);
    }
    sideStart += sideLen;
  }
  const refKey =
    coordinated.map(String).find((k) => raw.has(k)) ??
    (inPlan[0] === undefined ? '' : String(inPlan[0].unit));
  const ref = raw.get(refKey)?.startS ?? 0;
  const out = new Map<string, CycleWindow>();
  for (const [k, w] of raw) out.set(k, { startS: mod(w.startS - ref, cycleS), greenS: w.greenS });
  return out;
}

/** Position in the cycle at `nowMs`, s: 0 when the first coordinated unit's green is due to start. */
export function cyclePositionS(nowMs: number, cycleS: number, offsetS: number, utcOffsetMin: number): number {
  return mod(nowMs / 1000 + utcOffsetMin * 60 - offsetS, cycleS);
}

/** The cycle a linked intersection keeps: length, offset and its units' green windows. */
export type LinkedCycle = {
  readonly cycleS: number;
  readonly offsetS: number;
  readonly utcOffsetMin: number;
  readonly windows: ReadonlyMap<string, CycleWindow>;
  readonly coordinated: ReadonlySet<string>;
};

/** Decides, step by step, which greens of a linked intersection end now. */
export class LinkedTiming {
  /** Per active unit, when its green is to end, epoch ms (fixed when the green starts). */
  readonly #endAtMs = new Map<string, number>();
  /** Per unit, whether its last green ran to its window end with vehicles still crossing. */
  readonly #saturated = new Map<string, boolean>();
  /** Units whose green is being ended (the decision is recorded once per green). */
  readonly #ending = new Set<string>();
  /**
   * A green was ended by someone else (transit priority's early green) since the last coordinated
   * green ended: the cycle is disrupted, and a green that starts early runs its window's length only.
   */
  #disrupted = false;

  /** Units whose green ends now: at the end of its window, or gapped out (non-coordinated only). */
  ends(nowMs: number, units: readonly UnitState[], cycle: LinkedCycle): Set<string> {
    const end = new Set<string>();
    for (const u of units) {
      const key = String(u.unit);
      if (!u.active) {
        if (this.#endAtMs.has(key)) this.#greenEnded(key, cycle);
        this.#endAtMs.delete(key);
        continue;
      }
      const greenS = u.greenS ?? 0;
      let endAt = this.#endAtMs.get(key);
      if (endAt === undefined) {
        endAt = this.#plannedEndMs(nowMs - greenS * 1000, key, u, cycle);
        this.#endAtMs.set(key, endAt);
      }
      const coordinated = cycle.coordinated.has(key);
      const gappedOut = !coordinated && greenS >= u.minGreenS && u.gapS !== null && u.gapS >= u.passageS;
      const windowEnd = nowMs >= endAt;
      if (!windowEnd && !gappedOut) continue;
      end.add(key);
      if (!this.#ending.has(key))
        this.#saturated.set(key, windowEnd && u.gapS !== null && u.gapS < u.passageS);
      this.#ending.add(key);
    }
    for (const k of this.#ending) if (!this.#endAtMs.has(k)) this.#ending.delete(k);
    return end;
  }

  /**
   * Whether the unit's last green since {@link clearSaturation} ran to its window end with vehicles
   * still crossing (true), ended early (false), or was not served (null).
   */
  saturated(unit: UnitKey): boolean | null {
    return this.#saturated.get(String(unit)) ?? null;
  }

  /** Start a new cycle's record of saturated greens. */
  clearSaturation(): void {
    this.#saturated.clear();
  }

  /** Forget every green (after a plan change the windows are recomputed). */
  reset(): void {
    this.#endAtMs.clear();
    this.#ending.clear();
    this.#saturated.clear();
    this.#disrupted = false;
  }

  /**
   * A green ended. Not by this timing's decision: transit priority cut it for an early green, so the
   * cycle is disrupted. When a coordinated green ends the cycle is back in step (the greens after it
   * end at their window ends again).
   */
  #greenEnded(key: string, cycle: LinkedCycle): void {
    if (!this.#ending.has(key)) this.#disrupted = true;
    else if (cycle.coordinated.has(key)) this.#disrupted = false;
  }

  #plannedEndMs(startMs: number, key: string, u: UnitState, cycle: LinkedCycle): number {
    const w = cycle.windows.get(key);
    if (w === undefined) return startMs + u.minGreenS * 1000;
    const startPos = cyclePositionS(startMs, cycle.cycleS, cycle.offsetS, cycle.utcOffsetMin);
    const late = signedMod(startPos - w.startS, cycle.cycleS);
    // Early in a disrupted cycle (an early green for a bus), a green keeps its own length instead of
    // resting to its window end: the units it cut come back early and take the time (compensation),
    // rather than waiting most of a cycle while the priority green rests.
    if (this.#disrupted && late < 0) return startMs + w.greenS * 1000;
    return startMs + (w.greenS - late) * 1000;
  }
}
