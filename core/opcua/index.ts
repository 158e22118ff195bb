/**
 * @module core/opcua
 * OPC UA address-space contract of signal controllers (node paths, methods, status meanings).
 */
export * from './address-space.ts';
