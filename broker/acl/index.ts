/**
 * @module broker/acl
 * Broker access control: identities from a scenario, credentials, topic rules, and the files that make
 * Mosquitto enforce the same policy.
 */
export type { Identity, IdentityRole } from './identities.ts';
export { identitiesForScenario, usernameOf, edgeIdOf } from './identities.ts';
export type { Credential } from './credentials.ts';
export {
  issueCredentials,
  readCredentials,
  writeCredentials,
  hashPassword,
  verifyPassword,
  newPassword,
} from './credentials.ts';
export type { TopicGrants } from './rules.ts';
export { grantsOf, canPublish, canSubscribe } from './rules.ts';
export { topicMatches, filterWithin, innerFilter, isValidFilter } from './topic-match.ts';
export type { AccessPolicyOptions } from './access-policy.ts';
export { accessPolicy } from './access-policy.ts';
export type { MosquittoTlsListener } from './mosquitto.ts';
export {
  mosquittoPasswordFile,
  mosquittoPasswordLine,
  mosquittoAclFile,
  mosquittoConfig,
  MOSQUITTO_DELIVERY_SETTINGS,
} from './mosquitto.ts';
