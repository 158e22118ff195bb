/**
 * @module bin/commands/bridge
 * `its bridge nmea`: read a GPS receiver (serial, TCP, gpsd, file, stdin) and either print its fixes
 * as JSON lines (`--json`) or publish them as `bus.position` messages over MQTT with a retained status
 * and a last will (issue 5). The MQTT identity (`bridge.<region>.<id>`) comes from `ITS_MQTT_USERNAME`
 * and `ITS_MQTT_PASSWORD`.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ConfigError, ENTITY_ID_PATTERN, FileFormatError, SystemClock, newId } from '../../core/index.ts';
import { checkInputFile } from '../input-file.ts';
import { GpsdReader, GPSD_WATCH_COMMAND } from '../../firmware-bridge/gpsd/index.ts';
import { NmeaReader, formatFixJson } from '../../firmware-bridge/nmea/index.ts';
import type { NmeaReaderOptions } from '../../firmware-bridge/nmea/index.ts';
import {
  runFixStream,
  startGpsBridge,
  startNtcipBridge,
} from '../../firmware-bridge/adapters/runtime/index.ts';
import { startSimulatedController } from '../../firmware-bridge/adapters/snmp/index.ts';
import type { FixDecoder } from '../../firmware-bridge/adapters/runtime/index.ts';
import { serialSource } from '../../firmware-bridge/adapters/serial/index.ts';
import { fileSource, stdinSource } from '../../firmware-bridge/adapters/stream/index.ts';
import type { ByteSource } from '../../firmware-bridge/adapters/stream/index.ts';
import { parseHostPort, tcpSource } from '../../firmware-bridge/adapters/tcp/index.ts';
import { mqttCredentialsFromEnv } from '../../core/security/index.ts';

/** The bridge's MQTT identity from `ITS_MQTT_USERNAME`/`ITS_MQTT_PASSWORD`, never a flag. */
function mqttAuthOption(): { mqttAuth?: { username: string; password: string } } {
  const credentials = mqttCredentialsFromEnv();
  return credentials === undefined ? {} : { mqttAuth: credentials };
}

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
  if (o.file !== undefined) {
    checkInputFile('--file', o.file);
    source = fileSource(o.file);
  } else if (o.serial !== undefined) {
    const baudRate = Number(o.baud);
    if (!Number.isInteger(baudRate) || baudRate <= 0)
      throw new ConfigError('--baud', `not a baud rate: ${o.baud}`);
    source = serialSource({ path: o.serial, baudRate, onEvent: log });
  } else if (o.tcp !== undefined) source = tcpSource({ ...hostPort('--tcp', o.tcp), onEvent: log });
  else source = stdinSource();
  return { source, decoder: reader, counters: () => reader.counters };
}

/**
 * A log file read to its end without a fix must not pass for an empty success: with no NMEA sentence
 * in it, it is not an NMEA log (an error); with sentences but no fix, the receiver had none (said).
 */
function noFixesInFile(file: string | undefined, decoder: FixDecoder): void {
  if (file === undefined || !(decoder instanceof NmeaReader) || decoder.counters.fixes > 0) return;
  const c = decoder.counters;
  if (c.accepted === 0)
    throw new FileFormatError(
      file,
      null,
      c.lines === 0 ? 'empty file' : `not an NMEA 0183 log: no valid sentence in ${c.lines} lines`,
    );
  log('no-fix', `${file}: ${c.accepted} NMEA sentences, none with a position fix`);
}

function requireId(flag: string, value: string | undefined, when = 'with --mqtt'): string {
  if (value === undefined) throw new ConfigError(flag, `required ${when}`);
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
    // A closed pipe (`| head`) ends the run quietly instead of crashing on EPIPE.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      source.stop();
      process.exit(0);
    });
    await runFixStream({
      source,
      decoder,
      onFix: (fix) => process.stdout.write(`${JSON.stringify(formatFixJson(fix))}\n`),
    });
    log('counters', JSON.stringify(counters()));
    noFixesInFile(o.file, decoder);
    return;
  }
  const vehicleId = requireId('--vehicle', o.vehicle);
  const region = requireId('--region', o.region);
  const run = await startGpsBridge({
    mqttUrl: o.mqtt as string,
    ...mqttAuthOption(),
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
  noFixesInFile(o.file, decoder);
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
  bridge
    .command('ntcip')
    .description('poll an NTCIP 1202 signal controller over SNMP; publish spat and det.report messages')
    .option('--host <host>', 'controller address')
    .option('--port <port>', 'SNMP UDP port', '161')
    .option('--community <name>', 'SNMPv2c community', 'public')
    .option('--controller <id>', 'controller (intersection) id')
    .option('--region <id>', 'region of the topics', 'local')
    .option('--interval-ms <ms>', 'poll period', '1000')
    .option('--mqtt <url>', 'broker URL, e.g. mqtt://127.0.0.1:1883')
    .option('--json', 'print one JSON line per poll instead of publishing')
    .option('--simulate', 'poll a simulated controller started on a free loopback port')
    .option(
      '--opcua-port <port>',
      'present the controller over OPC UA (core/opcua address space); 0 picks a port',
    )
    .option(
      '--operator <user:password>',
      'OPC UA user allowed to call methods (with --opcua-port); default ITS_OPCUA_OPERATOR, which keeps the password off the command line',
    )
    .option(
      '--pki <dir>',
      'OPC UA PKI folder of the server; it trusts the client certificates in <dir>/trusted/certs (its pki opcua: use its controller folder)',
      join(tmpdir(), 'its-bridge-pki'),
    )
    .option('--trust-unknown-clients', 'accept any OPC UA client certificate (tests only)')
    .action((o: NtcipCommandOptions) => runNtcip(o));
}

type NtcipCommandOptions = {
  host?: string;
  port: string;
  community: string;
  controller?: string;
  region?: string;
  intervalMs: string;
  mqtt?: string;
  json?: boolean;
  simulate?: boolean;
  opcuaPort?: string;
  operator?: string;
  pki: string;
  trustUnknownClients?: boolean;
};

function positiveInt(flag: string, text: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new ConfigError(flag, `expected an integer 1-${max}, got ${text}`);
  return n;
}

async function runNtcip(o: NtcipCommandOptions): Promise<void> {
  if (o.json !== true && o.mqtt === undefined) throw new ConfigError('--mqtt', 'give --mqtt <url> or --json');
  const controllerId = requireId('--controller', o.controller, '(the controller id of the topics)');
  const region = requireId('--region', o.region ?? 'local');
  if (o.simulate !== true && o.host === undefined)
    throw new ConfigError('--host', 'give --host or --simulate');
  let opcua:
    | { port: number; operators: Record<string, string>; pkiDir: string; trustUnknownClients: boolean }
    | undefined;
  if (o.opcuaPort !== undefined) {
    const spec = o.operator ?? process.env['ITS_OPCUA_OPERATOR'] ?? '';
    const colon = spec.indexOf(':');
    const user = colon < 0 ? '' : spec.slice(0, colon);
    const password = colon < 0 ? '' : spec.slice(colon + 1);
    if (!user || !password)
      throw new ConfigError(
        '--operator',
        'give ITS_OPCUA_OPERATOR=<user:password> (or --operator) with --opcua-port',
      );
    opcua = {
      port: Number(o.opcuaPort) === 0 ? 0 : positiveInt('--opcua-port', o.opcuaPort, 65_535),
      operators: { [user]: password },
      pkiDir: o.pki,
      trustUnknownClients: o.trustUnknownClients === true,
    };
    if (o.trustUnknownClients === true)
      console.error('its bridge: accepting any OPC UA client certificate (--trust-unknown-clients)');
  }
  const sim = o.simulate === true ? await startDemoController() : null;
  const run = await startNtcipBridge({
    host: sim === null ? (o.host as string) : '127.0.0.1',
    port: sim === null ? positiveInt('--port', o.port, 65_535) : sim.port,
    community: o.community,
    controllerId,
    region,
    pollIntervalMs: positiveInt('--interval-ms', o.intervalMs, 3_600_000),
    ...(o.mqtt === undefined ? {} : { mqttUrl: o.mqtt, ...mqttAuthOption() }),
    ...(opcua === undefined ? {} : { opcua }),
    clock: new SystemClock(),
    newId,
    onEvent: log,
    onOutcome: (outcome) => {
      sim?.step();
      if (o.json !== true) return;
      const colour = (c: string) => outcome.phases.filter((p) => p.colour === c).map((p) => p.phase);
      const summary = {
        time: new Date().toISOString(),
        green: colour('green'),
        yellow: colour('yellow'),
        volumeOccupancy: outcome.volumeOccupancy,
        lostReports: outcome.lostReports,
        detectorReports: outcome.detectorReports.map((r) => ({
          id: r.deviceId,
          volume: r.volume,
          occupancyPct: r.occupancyPct,
        })),
        faulted: outcome.faultedDetectors.map((d) => ({ detector: d.detector, fault: d.fault })),
      };
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    },
  });
  // A controller that never answers printed nothing until Ctrl-C: say each kind of poll failure once.
  const said = new Set<string>();
  const watch = setInterval(() => {
    for (const [reason, n] of Object.entries(run.bridge.counters.failures))
      if (n > 0 && !said.has(reason)) {
        said.add(reason);
        log(
          'poll-failed',
          `${reason} polling ${sim === null ? `${o.host}:${o.port}` : 'the simulated controller'} (first of its kind; still polling, all counted)`,
        );
      }
  }, 500);
  watch.unref();
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      clearInterval(watch);
      void run
        .stop()
        .then(() => sim?.close())
        .then(() => resolve());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  log(
    'counters',
    JSON.stringify({ bridge: run.bridge.counters, reports: run.bridge.controller.tracker.counters }),
  );
}

/** A simulated controller for `--simulate`: phases 2+6 and 4+8 alternate, one period completes per poll. */
async function startDemoController(): Promise<{
  port: number;
  step: () => void;
  close: () => Promise<void>;
}> {
  const ctl = await startSimulatedController({ phaseGroups: 1, detectors: 4, periodS: 30 });
  let tick = 0;
  const step = (): void => {
    tick++;
    const greens = tick % 2 === 0 ? 0b0010_0010 : 0b1000_1000;
    ctl.setPhaseMask('greens', 1, greens);
    ctl.setPhaseMask('reds', 1, 0xff & ~greens);
    ctl.completePeriods(
      1,
      [1, 2, 3, 4].map((d) => ({ volume: (tick * d) % 20, occupancy: (tick * 7 * d) % 200 })),
    );
  };
  step();
  return { port: ctl.port, step, close: () => ctl.close() };
}
