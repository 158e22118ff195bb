/**
 * @module firmware-bridge/adapters/tcp
 * Door of the TCP socket byte source.
 */
export { tcpSource, parseHostPort } from './tcp-source.ts';
export type { TcpSourceOptions } from './tcp-source.ts';
