/**
 * @module center/clearing/report
 * The day's clearing: each journey's fare apportioned among its legs' operators (by base-fare ratio,
 * or by distance), revenue per operator, and a reconciliation proving that what payers were debited
 * equals what operators are credited, to the won, listing every difference found.
 */
import type { ApportionPolicy } from './apportion.ts';
import { apportionKrw } from './apportion.ts';
import type { ClearingAccumulator, EntryProblem, JourneyFacts } from './accumulator.ts';

/** One operator's day. */
export type OperatorRevenue = {
  readonly operatorId: string;
  /** Apportioned revenue, won. */
  readonly revenueKrw: number;
  /** What the edges credited it before apportionment (fares charged on its vehicles/gates). */
  readonly postedKrw: number;
  /** Legs it carried. */
  readonly legs: number;
  /** Legs of journeys with more than one leg. */
  readonly transferLegs: number;
};

/** A difference the reconciliation found. */
export type ClearingDifference = {
  readonly kind: EntryProblem['kind'] | 'journey-without-legs' | 'negative-journey' | 'apportionment';
  readonly subject: string;
  readonly amountKrw: number;
  readonly detail: string;
};

/** The day's clearing report. */
export type ClearingReport = {
  readonly day: string;
  readonly policy: ApportionPolicy;
  readonly operators: readonly OperatorRevenue[];
  readonly journeys: number;
  readonly transferJourneys: number;
  readonly reconciliation: {
    /** Debits by payer kind: `card`, `obu` (Hi-pass purses), `plate` (billed to plates later). */
    readonly debitsKrw: Readonly<Record<string, number>>;
    readonly payerDebitsKrw: number;
    readonly operatorCreditsKrw: number;
    /** Payer debits minus operator credits; 0 when reconciled. */
    readonly differenceKrw: number;
    readonly differences: readonly ClearingDifference[];
    readonly reconciled: boolean;
  };
};

type LiveLeg = { legNo: number; operatorId: string; legBaseKrw: number; legM: number };

/** The legs alive after corrections: per leg number, the largest base and distance posted. */
export function liveLegs(journey: JourneyFacts): LiveLeg[] {
  const byNo = new Map<number, LiveLeg>();
  for (const l of journey.legs) {
    if (l.count <= 0) continue;
    const seen = byNo.get(l.legNo);
    if (seen === undefined)
      byNo.set(l.legNo, { legNo: l.legNo, operatorId: l.operatorId, legBaseKrw: l.legBaseKrw, legM: l.legM });
    else {
      seen.legBaseKrw = Math.max(seen.legBaseKrw, l.legBaseKrw);
      seen.legM = Math.max(seen.legM, l.legM);
    }
  }
  return [...byNo.values()].sort((a, b) => a.legNo - b.legNo);
}

type Tally = { revenueKrw: number; legs: number; transferLegs: number };

/** Clear one day from accumulated entries under an apportionment policy. */
export function clearDay(acc: ClearingAccumulator, day: string, policy: ApportionPolicy): ClearingReport {
  const tallies = new Map<string, Tally>();
  const differences: ClearingDifference[] = [];
  let journeys = 0;
  let transferJourneys = 0;
  let credits = 0;
  const tally = (op: string): Tally => {
    let t = tallies.get(op);
    if (t === undefined) {
      t = { revenueKrw: 0, legs: 0, transferLegs: 0 };
      tallies.set(op, t);
    }
    return t;
  };
  for (const journey of acc.journeysOf(day)) {
    const legs = liveLegs(journey);
    if (legs.length === 0) {
      if (journey.paidKrw !== 0)
        differences.push({
          kind: 'journey-without-legs',
          subject: journey.journeyId,
          amountKrw: journey.paidKrw,
          detail: 'paid but no live leg to credit',
        });
      continue;
    }
    if (journey.paidKrw < 0) {
      differences.push({
        kind: 'negative-journey',
        subject: journey.journeyId,
        amountKrw: journey.paidKrw,
        detail: 'more reversed than posted',
      });
      continue;
    }
    journeys += 1;
    if (legs.length > 1) transferJourneys += 1;
    const useDistance = policy === 'distance' && legs.some((l) => l.legM > 0);
    const shares = apportionKrw(
      journey.paidKrw,
      legs.map((l) => (useDistance ? l.legM : l.legBaseKrw)),
    );
    let sum = 0;
    legs.forEach((leg, i) => {
      const t = tally(leg.operatorId);
      const share = shares[i] as number;
      t.revenueKrw += share;
      t.legs += 1;
      if (legs.length > 1) t.transferLegs += 1;
      sum += share;
    });
    if (sum !== journey.paidKrw)
      differences.push({
        kind: 'apportionment',
        subject: journey.journeyId,
        amountKrw: journey.paidKrw - sum,
        detail: 'shares do not add up',
      });
    credits += sum;
  }
  const totals = acc.days.get(day);
  const debitsKrw: Record<string, number> = {};
  let payerDebits = 0;
  for (const [kind, krw] of [...(totals?.debits ?? new Map<string, number>())].sort()) {
    debitsKrw[kind] = krw;
    payerDebits += krw;
  }
  for (const p of [...acc.problems, ...acc.openTransactions()])
    differences.push({ kind: p.kind, subject: p.ledgerId, amountKrw: p.amountKrw, detail: p.detail });
  const operatorIds = new Set([...tallies.keys(), ...(totals?.edgeCredits.keys() ?? [])]);
  const operators = [...operatorIds].sort().map((operatorId) => {
    const t = tallies.get(operatorId) ?? { revenueKrw: 0, legs: 0, transferLegs: 0 };
    return { operatorId, ...t, postedKrw: totals?.edgeCredits.get(operatorId) ?? 0 };
  });
  const differenceKrw = payerDebits - credits;
  return {
    day,
    policy,
    operators,
    journeys,
    transferJourneys,
    reconciliation: {
      debitsKrw,
      payerDebitsKrw: payerDebits,
      operatorCreditsKrw: credits,
      differenceKrw,
      differences,
      reconciled: differenceKrw === 0 && differences.length === 0,
    },
  };
}
