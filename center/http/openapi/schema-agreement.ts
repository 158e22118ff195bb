/**
 * @module center/http/openapi/schema-agreement
 * Compile-time proof that each documented schema describes the type its handler returns: `tsc`
 * fails when a field is added, removed or retyped on one side only. Records kept as the edge sent
 * them must equal the stored record type and contain every field of the core/api view.
 */
import type { z } from 'zod';
import type {
  AlarmView,
  DetectorHealthView,
  DetectorView,
  IncidentView,
  LinkStateView,
  RecordDelta,
  RegionSnapshot,
  RouteAnswer,
  Scenario,
  ServerFrame,
  SignalStateView,
  SignMessageView,
  SignView,
  StopBoard,
  Stop,
  VehicleView,
} from '../../../core/index.ts';
import type { OperatorSession } from '../../../core/security/index.ts';
import type { AuditEntry } from '../../audit/index.ts';
import type { ClearingReport } from '../../clearing/index.ts';
import type { CommandStatusView, IssuedCommand } from '../../commands/index.ts';
import type { CenterLink } from '../../network/index.ts';
import type { loginBody } from '../../operators/index.ts';
import type { AlarmRecord, LinkStateRecord, SignalStateRecord, VehicleRecord } from '../../state/index.ts';
import type { LinkTraffic } from '../../traffic/index.ts';
import type * as A from './answer-schemas.ts';
import type * as R from './record-schemas.ts';
import type { loginRequest } from './request-schemas.ts';

/** The type without `readonly` anywhere (zod's output types are mutable). */
type Writable<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends object
    ? { -readonly [K in keyof T]: Writable<T[K]> }
    : T;
type Extends<A, B> = [A] extends [B] ? true : false;
type Same<A, B> = Extends<A, B> extends true ? Extends<B, A> : false;
type Out<S extends z.ZodType> = z.output<S>;
type Assert<T extends true> = T;

/** Every entry must be `true`; a `false` is a compile error naming the pair that differs. */
export type SchemaAgreement = [
  Assert<Same<Out<typeof R.vehicleView>, Writable<VehicleRecord>>>,
  Assert<Same<Out<typeof R.vehicleView>, Writable<VehicleView>>>,
  Assert<Same<Out<typeof R.linkStateView>, Writable<LinkStateRecord>>>,
  Assert<Extends<Out<typeof R.linkStateView>, Writable<LinkStateView>>>,
  Assert<Same<Out<typeof R.signalStateView>, Writable<SignalStateRecord>>>,
  Assert<Same<Out<typeof R.signalStateView>, Writable<SignalStateView>>>,
  Assert<Same<Out<typeof R.alarmView>, Writable<AlarmRecord>>>,
  Assert<Same<Out<typeof R.alarmView>, Writable<AlarmView>>>,
  Assert<Same<Out<typeof R.detectorHealthView>, Writable<DetectorHealthView>>>,
  Assert<Same<Out<typeof R.detectorView>, Writable<DetectorView>>>,
  Assert<Same<Out<typeof R.incidentView>, Writable<IncidentView>>>,
  Assert<Same<Out<typeof R.signMessageView>, Writable<SignMessageView>>>,
  Assert<Same<Out<typeof R.signView>, Writable<SignView>>>,
  Assert<Extends<Out<typeof R.regionSnapshot>, Writable<RegionSnapshot>>>,
  Assert<Same<Out<typeof R.linkTraffic>, Writable<LinkTraffic>>>,
  Assert<Same<Out<typeof R.linkDetail>, Writable<CenterLink & { traffic: LinkTraffic }>>>,
  Assert<Same<Out<typeof R.regionView>, Writable<Scenario['regions'][number] & { links: number }>>>,
  Assert<Extends<Writable<Stop>, Out<typeof R.stopView>>>,
  Assert<Same<Out<typeof A.stopBoard>, Writable<StopBoard>>>,
  Assert<Same<Out<typeof A.routeAnswer>, Writable<RouteAnswer>>>,
  Assert<Same<Out<typeof A.issuedCommand>, Writable<IssuedCommand>>>,
  Assert<Same<Out<typeof A.signalCommandAccepted>, Writable<IssuedCommand & { delivered: boolean }>>>,
  Assert<Same<Out<typeof A.commandStatus>, Writable<CommandStatusView>>>,
  Assert<Same<Out<typeof A.auditEntry>, Writable<AuditEntry>>>,
  Assert<Same<Out<typeof A.clearingReport>, Writable<ClearingReport>>>,
  Assert<Same<Out<typeof A.wsServerFrame>, Writable<ServerFrame>>>,
  Assert<Same<Out<typeof A.recordDelta>, Writable<RecordDelta>>>,
  Assert<Same<Out<typeof A.loginAnswer>['role'], OperatorSession['role']>>,
  Assert<Same<z.input<typeof loginRequest>, z.input<typeof loginBody>>>,
];
