/**
 * @module controllers
 * Public door of `controllers/` (STYLE.md §2). Other parts import only this file. The simulator embeds
 * {@link createController} in-process; the live process wraps the same controllers in OPC UA and MQTT.
 */
export * from './firmware/index.ts';
