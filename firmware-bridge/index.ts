/**
 * @module firmware-bridge
 * Public door of `firmware-bridge/` (STYLE.md §2): the roadside process that turns device-native
 * protocols (NMEA 0183, gpsd JSON, NTCIP 1202 over SNMP) into the `core/` contracts.
 */
export * from './nmea/index.ts';
export * from './gpsd/index.ts';
export * from './avl/index.ts';
export * from './presence/index.ts';
export * from './reconnect/index.ts';
export * from './ntcip/index.ts';
