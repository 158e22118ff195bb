/**
 * @module center/operators
 * Operator accounts (file-backed, scrypt hashes), sign-in routes and the session-aware token check
 * the center's routes use (issue 11).
 */
export { FileOperatorStore, MIN_PASSWORD_LENGTH } from './operator-store.ts';
export { SessionApiTokens } from './session-tokens.ts';
export { loginBody, operatorRoutes } from './login-routes.ts';
