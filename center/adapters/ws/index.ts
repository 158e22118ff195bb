/**
 * @module center/adapters/ws
 * The node:http + `ws` web server (fallback where uWebSockets.js does not load).
 */
export { startNodeWebServer } from './node-web-server.ts';
