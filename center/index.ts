/**
 * @module center
 * Public door of `center/` (STYLE.md §2): the National Transport Information Center. Other parts import
 * only this file.
 */
export {
  DEFAULT_MAX_IN_FLIGHT,
  DEFAULT_MIN_IN_FLIGHT,
  startCenterNode,
  startWebServer,
} from './node/index.ts';
export type { CenterNode, CenterNodeOptions, WebEngine } from './node/index.ts';
export {
  ApiTokens,
  DEFAULT_BOARD_PACING,
  DEFAULT_WS_MAX_PER_ADDRESS,
  ProxyTrust,
  ROLES,
} from './http/index.ts';
export type { ApiToken, Role, ServerFrame, ClientFrame } from './http/index.ts';
export { FileAuditLog, MemoryAuditLog } from './audit/index.ts';
export type { AuditLog, AuditEntry } from './audit/index.ts';
export { MemoryStateStore } from './state/index.ts';
export type { StateStore, StateUpdate } from './state/index.ts';
export { CenterIngest } from './ingest/index.ts';
export {
  ArrivalService,
  arrivalText,
  predictVehicle,
  SegmentSmoother,
  DwellModel,
} from './prediction/index.ts';
export type { StopBoard, ArrivalPrediction } from './prediction/index.ts';
export { buildCenterNetwork } from './network/index.ts';
export type { CenterNetwork } from './network/index.ts';
export { linkTraffic, levelOfService } from './traffic/index.ts';
