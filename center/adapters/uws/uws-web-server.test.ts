/**
 * @module center/adapters/uws/uws-web-server.test
 * The uWebSockets.js server passes the web-server contract.
 */
import { runWebServerContract } from '../../http/testing/index.ts';
import { startUwsWebServer } from './index.ts';

runWebServerContract({ start: startUwsWebServer });
