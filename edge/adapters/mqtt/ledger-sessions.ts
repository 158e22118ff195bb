/**
 * @module edge/adapters/mqtt/ledger-sessions
 * The two MQTT sessions of a ledger service, single-threaded or threaded alike: money from the field
 * broker into the service's intake (`<prefix>-ledger`), and settlement with the center broker
 * (`<prefix>-settle`).
 */
import type { SettlementAck } from '../../../core/index.ts';
import type { LedgerIntake } from '../../ledger/index.ts';
import type { LedgerServiceOptions } from './ledger-service.ts';
import { connectLedgerSubscriber, type LedgerSubscriber } from './ledger-subscriber.ts';
import { connectSettlementLink, type SettlementLink } from './settlement-link.ts';

/** What the sessions need of a service's options. */
export type LedgerSessionOptions = Pick<
  LedgerServiceOptions,
  | 'region'
  | 'edgeId'
  | 'fieldUrl'
  | 'centerUrl'
  | 'clientIdPrefix'
  | 'fieldAuth'
  | 'centerAuth'
  | 'reconnectPeriodMs'
>;

const reconnect = (o: LedgerSessionOptions): { reconnectPeriodMs?: number } =>
  o.reconnectPeriodMs === undefined ? {} : { reconnectPeriodMs: o.reconnectPeriodMs };

/** Subscribe to taps and toll passes; each message goes to the intake, which acknowledges it. */
export function subscribeToMoney(o: LedgerSessionOptions, intake: LedgerIntake): Promise<LedgerSubscriber> {
  return connectLedgerSubscriber({
    url: o.fieldUrl,
    clientId: `${o.clientIdPrefix ?? o.edgeId}-ledger`,
    region: o.region,
    onMessage: (topic, payload, ack) => intake.accept(topic, payload, ack),
    ...o.fieldAuth,
    ...reconnect(o),
  });
}

/** Connect the settlement session to `centerUrl` (which the caller has checked is given). */
export function connectSettlement(
  o: LedgerSessionOptions & { readonly centerUrl: string },
  onAck: (ack: SettlementAck) => void,
): Promise<SettlementLink> {
  return connectSettlementLink({
    url: o.centerUrl,
    clientId: `${o.clientIdPrefix ?? o.edgeId}-settle`,
    region: o.region,
    edgeId: o.edgeId,
    onAck,
    ...o.centerAuth,
    ...reconnect(o),
  });
}
