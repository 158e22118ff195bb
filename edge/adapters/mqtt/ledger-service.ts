/**
 * @module edge/adapters/mqtt/ledger-service
 * The live edge ledger service: taps and toll passes from the field broker are validated once, rated
 * and recorded with group commit, each acknowledged (PUBACK) only after the commit that holds it; when
 * a center broker is given, settlement batches go to the clearing house and its acknowledgements settle
 * them. The ledger (and its store) is opened by the caller, which owns the technology choice.
 */
import type { Clock } from '../../../core/index.ts';
import type { GroupCommitOptions, IntakeRejectReason, Ledger } from '../../ledger/index.ts';
import { GroupCommitter, LedgerIntake, SettlementPump } from '../../ledger/index.ts';
import { connectSettlement, subscribeToMoney } from './ledger-sessions.ts';
import type { LedgerSubscriber } from './ledger-subscriber.ts';
import type { SettlementLink } from './settlement-link.ts';

const SERVICE_GROUP_COMMIT = Object.freeze({ maxMessages: 2000, maxDelayMs: 2 });

/** Options of {@link startLedgerService}. */
export type LedgerServiceOptions = {
  readonly ledger: Ledger;
  readonly clock: Clock;
  readonly region: string;
  readonly edgeId: string;
  /** Field broker URL (devices publish `tap` and `toll` there). */
  readonly fieldUrl: string;
  /** Center broker URL for settlement; none: record only. */
  readonly centerUrl?: string;
  /** Client id prefix; `-ledger` and `-settle` are appended. Default `<edgeId>`. */
  readonly clientIdPrefix?: string;
  /**
   * Group commit. Default 2,000 messages or 2 ms: what arrived while the previous commit ran is
   * committed together, so groups grow with the load by themselves. A long wait gains nothing once
   * the broker's in-flight window is full (Mosquitto's `max_inflight_messages`, 20 by default, stops
   * sending until PUBACKs come back), it only adds latency.
   */
  readonly groupCommit?: GroupCommitOptions;
  readonly settlement?: { readonly resendAfterMs?: number; readonly pollMs?: number };
  readonly reconnectPeriodMs?: number;
  /** Credentials on the field and center brokers (the edge's identity). */
  readonly fieldAuth?: { readonly username: string; readonly password: string };
  readonly centerAuth?: { readonly username: string; readonly password: string };
  readonly onReject?: (reason: IntakeRejectReason, topic: string, detail: string) => void;
};

/** A running ledger service. */
export type LedgerService = {
  readonly intake: LedgerIntake;
  readonly committer: GroupCommitter;
  readonly pump: SettlementPump | null;
  readonly subscriber: LedgerSubscriber;
  readonly link: SettlementLink | null;
  /** Counters for logs and /metrics. */
  stats(): LedgerServiceStats;
  /** Commit what waits, stop settlement and close both sessions (broker sessions are kept). */
  close(): Promise<void>;
};

/** What a ledger service has done. */
export type LedgerServiceStats = {
  readonly recorded: number;
  readonly duplicates: number;
  readonly corrections: number;
  readonly rejected: Readonly<Record<string, number>>;
  readonly groups: number;
  readonly lastEntryNo: number;
  readonly batchesSent: number;
  readonly batchesResent: number;
  readonly batchesPending: number;
};

/** Start the service: subscribe to money on the field broker, and settle with the center if given. */
export async function startLedgerService(options: LedgerServiceOptions): Promise<LedgerService> {
  const { ledger, clock } = options;
  const committer = new GroupCommitter(ledger, clock, { ...SERVICE_GROUP_COMMIT, ...options.groupCommit });
  const intake = new LedgerIntake({
    region: options.region,
    clock,
    committer,
    ...(options.onReject === undefined ? {} : { onReject: options.onReject }),
  });
  let link: SettlementLink | null = null;
  let pump: SettlementPump | null = null;
  if (options.centerUrl !== undefined) {
    let publish: (batch: Parameters<SettlementLink['publish']>[0]) => void = () => undefined;
    pump = new SettlementPump({
      ledger,
      clock,
      publish: (batch) => publish(batch),
      ...options.settlement,
    });
    const settling = pump;
    link = await connectSettlement({ ...options, centerUrl: options.centerUrl }, (ack) =>
      settling.onAck(ack),
    );
    const connected = link;
    publish = (batch) => connected.publish(batch);
    pump.start();
  }
  const subscriber = await subscribeToMoney(options, intake);
  return {
    intake,
    committer,
    pump,
    subscriber,
    link,
    stats: () => ({
      recorded: ledger.counters.recorded,
      duplicates: ledger.counters.duplicates,
      corrections: ledger.counters.corrections,
      rejected: Object.fromEntries(intake.rejected),
      groups: committer.counters.groups,
      lastEntryNo: ledger.lastEntryNo,
      batchesSent: pump?.counters.sent ?? 0,
      batchesResent: pump?.counters.resent ?? 0,
      batchesPending: ledger.pendingBatches,
    }),
    close: async () => {
      // Commit (and acknowledge) what waits, stop taking more, then commit what came in meanwhile:
      // its PUBACKs are not sent, so the broker redelivers it next time and the ledger skips it.
      committer.flush();
      await subscriber.close();
      committer.flush();
      pump?.stop();
      await link?.close();
    },
  };
}
