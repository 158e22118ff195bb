/**
 * @module center/node/web-engine
 * Chooses the web server: uWebSockets.js when its binary loads, else node:http + ws (BRIEF: real
 * components). `ITS_WEB_ENGINE=node` forces the fallback.
 */
import type { WebHandlers, WebServer, WebServerOptions } from '../http/index.ts';
import { startNodeWebServer } from '../adapters/ws/index.ts';

/** Which server to start. */
export type WebEngine = 'auto' | 'uws' | 'node';

/** Start the chosen server; `auto` tries uWS and falls back to node:http + ws. */
export async function startWebServer(
  handlers: WebHandlers,
  options: WebServerOptions,
  engine: WebEngine = 'auto',
): Promise<WebServer> {
  if (engine === 'node') return startNodeWebServer(handlers, options);
  try {
    const { startUwsWebServer } = await import('../adapters/uws/index.ts');
    return await startUwsWebServer(handlers, options);
  } catch (err) {
    if (engine === 'uws') throw err;
    return startNodeWebServer(handlers, options);
  }
}
