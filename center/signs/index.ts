/**
 * @module center/signs
 * Variable message signs: message priority, expiry, what each sign shows, and what its face holds.
 */
export {
  displayedMessage,
  newSignMessage,
  signRank,
  publishSignBody,
  OPERATOR_RANK,
} from './sign-messages.ts';
export type { PublishSignBody } from './sign-messages.ts';
export { SIGN_FACE, signLineCount, signWidth } from './sign-face.ts';
export type { SignFace } from './sign-face.ts';
