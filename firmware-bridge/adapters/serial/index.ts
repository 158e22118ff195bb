/**
 * @module firmware-bridge/adapters/serial
 * Door of the serial port byte source.
 */
export { serialSource } from './serial-source.ts';
export type { SerialSourceOptions } from './serial-source.ts';
