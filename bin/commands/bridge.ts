/**
 * @module bin/commands/bridge
 * `its bridge nmea`: read a GPS receiver (serial, TCP, gpsd, file, stdin) and either print its fixes
 * as JSON lines (`--json`) or publish them as `bus.position` messages over MQTT with a retained status
 * and a last will (issue 5).
 */
import type { Command } from 'commander';
import { ConfigError, ENTITY_ID_PATTERN, SystemClock, newId } from '../../core/index.ts';
import { GpsdReader, GPSD_WATCH_COMMAND } from '../../firmware-bridge/gpsd/index.ts';
import { NmeaReader, formatFixJson } from '../../firmware-bridge/nmea/index.ts';
import type { NmeaReaderOptions } from '../../firmware-bridge/nmea/index.ts';
import { runFixStream, startGpsBridge } from '../../firmware-bridge/adapters/runtime/index.ts';
import type { FixDecoder } from '../../firmware-bridge/adapters/runtime/index.ts';
import { serialSource } from '../../firmware-bridge/adapters/serial/index.ts';
import { fileSource, stdinSource } from '../../firmware-bridge/adapters/stream/index.ts';
import type { ByteSource } from '../../firmware-bridge/adapters/stream/index.ts';
import { parseHostPort, tcpSource } from '../../firmware-bridge/adapters/tcp/index.ts';

type NmeaCommandOptions = {
  file?: string;
  stdin?: boolean;
  serial?: string;
  baud: string;
  tcp?: string;
  gpsd?: string;
  json?: boolean;
  mqtt?: string;
  vehicle?: string;
  device?: string;
  region?: string;
  route?: string;
};

function log(event: string, detail: string): void {
  process.stderr.write(`its bridge: ${event} ${detail}\n`);
}

function hostPort(flag: string, text: string): { host: string; port: number } {
  const hp = parseHostPort(text);
  if (hp === null) throw new ConfigError(flag, `expected host:port, got ${JSON.stringify(text)}`);
  return hp;
}

function chooseSource(o: NmeaCommandOptions): {
  source: ByteSource;
  decoder: FixDecoder;
  counters: () => object;
} {
  const given = [o.file, o.stdin, o.serial, o.tcp, o.gpsd].filter((x) => x !== undefined && x !== false);
  if (given.length !== 1) {
    throw new ConfigError('source', 'give exactly one of --file, --stdin, --serial, --tcp, --gpsd');
  }
  let firstReject = new Set<string>();
  const nmeaOptions: NmeaReaderOptions = {
    onReject: (reason, detail) => {
      if (firstReject.has(reason)) return;
      firstReject = new Set([...firstReject, reason]);
      log('reject', `${reason} ${detail} (first of its kind; all counted)`);
    },
  };
  if (o.gpsd !== undefined) {
    const reader = new GpsdReader();
    const source = tcpSource({ ...hostPort('--gpsd', o.gpsd), greeting: GPSD_WATCH_COMMAND, onEvent: log });
    return { source, decoder: reader, counters: () => reader.counters };
  }
  const reader = new NmeaReader(nmeaOptions);
  let source: ByteSource;
  if (o.file !== undefined) source = fileSource(o.file);
  else if (o.serial !== undefined) {
    const baudRate = Number(o.baud);
    if (!Number.isInteger(baudRate) || baudRate <= 0)
      throw new ConfigError('--baud', `not a baud rate: ${o.baud}`);
    source = serialSource({ path: o.serial, baudRate, onEvent: log });
  } else if (o.tcp !== undefined) source = tcpSource({ ...hostPort('--tcp', o.tcp), onEvent: log });
  else source = stdinSource();
  return { source, decoder: reader, counters: () => reader.counters };
}

function requireId(flag: string, value: string | undefined): string {
  if (value === undefined) throw new ConfigError(flag, 'required with --mqtt');
  if (!ENTITY_ID_PATTERN.test(value)) throw new ConfigError(flag, `must match ${ENTITY_ID_PATTERN}`);
  return value;
}

async function runNmea(o: NmeaCommandOptions): Promise<void> {
  if (o.json !== true && o.mqtt === undefined) throw new ConfigError('--mqtt', 'give --mqtt <url> or --json');
  if (o.mqtt !== undefined && !/^mqtts?:\/\//.test(o.mqtt)) {
    throw new ConfigError('--mqtt', `expected mqtt://host:port, got ${JSON.stringify(o.mqtt)}`);
  }
  const { source, decoder, counters } = chooseSource(o);
  if (o.json === true) {
    await runFixStream({
      source,
      decoder,
      onFix: (fix) => process.stdout.write(`${JSON.stringify(formatFixJson(fix))}\n`),
    });
    log('counters', JSON.stringify(counters()));
    return;
  }
  const vehicleId = requireId('--vehicle', o.vehicle);
  const region = requireId('--region', o.region);
  const run = await startGpsBridge({
    mqttUrl: o.mqtt as string,
    deviceId: requireId('--device', o.device ?? `gps-${vehicleId}`),
    vehicleId,
    region,
    routeId: o.route === undefined ? null : requireId('--route', o.route),
    source,
    decoder,
    clock: new SystemClock(),
    newId,
    onEvent: log,
  });
  const onSignal = (): void => void run.stop();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  await run.done;
  log('counters', JSON.stringify({ reader: counters(), published: run.bridge.counters }));
}

/** Register `its bridge`. */
export function register(program: Command): void {
  const bridge = program
    .command('bridge')
    .description('firmware bridge: device protocols into our MQTT contracts');
  bridge
    .command('nmea')
    .description('bridge an NMEA 0183 GPS receiver (or gpsd) to bus.position messages')
    .option('--file <log>', 'read a captured log file to its end')
    .option('--stdin', 'read standard input')
    .option('--serial <device>', 'read a serial port, e.g. /dev/ttyUSB0')
    .option('--baud <rate>', 'serial baud rate', '9600')
    .option('--tcp <host:port>', 'read NMEA from a TCP socket')
    .option('--gpsd <host:port>', 'read TPV reports from a gpsd daemon (JSON protocol)')
    .option(
      '--json',
      'print one JSON line per fix {time, lat, lon, speedMps, trackDeg, mode} instead of publishing',
    )
    .option('--mqtt <url>', 'broker URL, e.g. mqtt://127.0.0.1:1883')
    .option('--vehicle <id>', 'vehicle (bus) id')
    .option('--device <id>', 'GPS unit device id (default gps-<vehicle>)')
    .option('--region <id>', 'region of the topic its/v1/<region>/bus/<device>')
    .option('--route <id>', 'route the bus serves')
    .action((o: NmeaCommandOptions) => runNmea(o));
}
