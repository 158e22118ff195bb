/**
 * @module center/adapters/ws/node-web-server.test
 * The node:http + ws server passes the web-server contract.
 */
import { runWebServerContract } from '../../http/testing/index.ts';
import { startNodeWebServer } from './index.ts';

runWebServerContract({ start: startNodeWebServer });
