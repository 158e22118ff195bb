/**
 * @module firmware-bridge/adapters/mqtt
 * Door of the MQTT.js adapter.
 */
export { connectMqttSink } from './mqtt-sink.ts';
export type { MqttSink, MqttSinkOptions, StatusPublication } from './mqtt-sink.ts';
