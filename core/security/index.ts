/**
 * @module core/security
 * Security logic shared by the parts (issue 11): message-level checks (identity binding, anti-replay),
 * operator password hashing, sessions, lockout and roles. Technology-free apart from node:crypto.
 */
export type { BoundIdentity, BoundRole, BindingVerdict, BindingOptions } from './device-binding.ts';
export { checkDeviceBinding, deviceIdOfPayload, payloadBinding } from './device-binding.ts';
export type { ReplayEnvelope, ReplayReason, ReplayVerdict, ReplayWindowOptions } from './replay-window.ts';
export { ReplayWindow } from './replay-window.ts';
export type { GuardReason, GuardStats, GuardVerdict, MessageGuardOptions } from './message-guard.ts';
export { MessageGuard } from './message-guard.ts';
export type { ScryptParams } from './password-hash.ts';
export { SCRYPT_DEFAULTS, hashOperatorPassword, verifyOperatorPassword } from './password-hash.ts';
export type {
  OperatorAccount,
  OperatorAuthOptions,
  OperatorEvent,
  OperatorRole,
  OperatorSession,
  LoginOutcome,
} from './operators.ts';
export { OPERATOR_ROLES, OperatorAuth, roleAtLeast } from './operators.ts';
export type { MqttCredentials } from './mqtt-credentials.ts';
export { describeMqttIdentity, mqttCredentialsFromEnv, urlWithMqttCredentials } from './mqtt-credentials.ts';
