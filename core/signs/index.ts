/**
 * @module core/signs
 * The variable message sign's face and text layout, shared by the center and the sign page. No
 * dependencies: the browser build imports it.
 */
export { SIGN_FACE, fittingWidth, oneLanguage, signLines } from './sign-layout.ts';
export type { SignFace } from './sign-layout.ts';
