/**
 * @module center/signs
 * Variable message signs: message priority, expiry, and what each sign shows.
 */
export {
  displayedMessage,
  newSignMessage,
  signRank,
  publishSignBody,
  OPERATOR_RANK,
} from './sign-messages.ts';
export type { PublishSignBody } from './sign-messages.ts';
