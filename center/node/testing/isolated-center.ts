/**
 * @module center/node/testing/isolated-center
 * A center on the machine's shared Redis and Mosquitto that hears one test's or bench run's edge only:
 * its own Redis key prefix and shared-subscription group, and uplink and presence filters of the
 * mini scenario's region (gangnam) narrowed to an edge id equal to the group. Parallel runs, and the
 * broker's other traffic, never reach it.
 */
import type { CenterNodeOptions } from '../center-node.ts';

export const MACHINE_MQTT_URL = process.env['MQTT_URL'] ?? 'mqtt://127.0.0.1:1883';
export const MACHINE_REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** The wiring options of an isolated center; the caller adds scenario, port, tokens and the rest. */
export function isolatedCenterOptions(
  group: string,
  prefix: string,
): Pick<
  CenterNodeOptions,
  'redisUrl' | 'redisPrefix' | 'mqttUrl' | 'shareGroup' | 'uplinkFilter' | 'statusFilter'
> {
  return {
    redisUrl: MACHINE_REDIS_URL,
    redisPrefix: prefix,
    mqttUrl: MACHINE_MQTT_URL,
    shareGroup: group,
    uplinkFilter: `its/v1/gangnam/edge/${group}/up`,
    statusFilter: `its/v1/gangnam/status/${group}`,
  };
}
