/**
 * @module center/adapters/uws
 * The uWebSockets.js web server.
 */
export { startUwsWebServer } from './uws-web-server.ts';
