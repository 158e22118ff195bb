/**
 * @module edge/adapters/opcua/controller-client
 * The edge's OPC UA client to a controller process (contract: core/opcua). One client per endpoint
 * serves every intersection that process hosts: it subscribes to each intersection's mode, plan,
 * cycle second, active units and fault, and calls the NTCIP 1202-style methods (Hold, ForceOff, Call,
 * Omit, SetPlan, SetMode, Heartbeat) as an operator over SignAndEncrypt. node-opcua reconnects on its
 * own (unbounded retries); while the connection or the subscription is silent the intersections report
 * `online: false`, which makes the edge raise an alarm and leave the controller to its local plan.
 */
import {
  AttributeIds,
  ClientMonitoredItem,
  ClientSubscription,
  DataType,
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAClient,
  SecurityPolicy,
  TimestampsToReturn,
  UserTokenType,
} from 'node-opcua';
import type { ClientSession, DataValue } from 'node-opcua';
import type { Clock, ControllerMode } from '../../../core/index.ts';
import { OPCUA_NAMESPACE_URI, opcuaPath } from '../../../core/opcua/index.ts';
import type { OpcuaMethodName } from '../../../core/opcua/index.ts';
import type { ControllerSnapshot, SignalCommand } from '../../adaptive/index.ts';
import type { ControllerLink } from '../../node/index.ts';

/** Options of {@link connectControllerClient}. */
export type ControllerClientOptions = {
  readonly endpointUrl: string;
  readonly username: string;
  readonly password: string;
  /**
   * Folder of the client's PKI: its own certificate, and in `trusted/certs` the controllers'
   * certificates it accepts (`its pki opcua` puts them there). A server whose certificate is not
   * trusted is refused: the connection fails instead of handing commands to an impostor.
   */
  readonly pkiDir: string;
  /** Accept any server certificate (tests and first set-up only). Default false. */
  readonly trustUnknownServers?: boolean;
  readonly clock: Clock;
  /** A subscription silent for this long counts as lost, ms. Default 5000. */
  readonly silenceMs?: number;
};

type State = {
  mode: ControllerMode;
  planId: string | null;
  cycleSecond: number | null;
  active: string[];
  fault: string | null;
};

const MODES: readonly ControllerMode[] = ['fixed', 'actuated', 'coordinated', 'external', 'flash', 'off'];

/** A connected client and the links of the intersections it serves. */
export type ControllerClient = {
  readonly links: ReadonlyMap<string, ControllerLink>;
  /** Commands refused or lost so far. */
  failedCommands(): number;
  close(): Promise<void>;
};

/** Connect, discover the endpoint's intersections and subscribe to their state. */
export async function connectControllerClient(options: ControllerClientOptions): Promise<ControllerClient> {
  const clientCertificateManager = new OPCUACertificateManager({
    rootFolder: options.pkiDir,
    automaticallyAcceptUnknownCertificate: options.trustUnknownServers ?? false,
  });
  const client = OPCUAClient.create({
    applicationName: 'its-edge',
    endpointMustExist: false,
    keepSessionAlive: true,
    securityMode: MessageSecurityMode.SignAndEncrypt,
    securityPolicy: SecurityPolicy.Basic256Sha256,
    clientCertificateManager,
    connectionStrategy: { initialDelay: 500, maxDelay: 5000, maxRetry: -1 },
  });
  let connected = true;
  client.on('connection_lost', () => (connected = false));
  client.on('connection_reestablished', () => (connected = true));
  try {
    await client.connect(options.endpointUrl);
  } catch (err) {
    await client.disconnect().catch(() => {});
    const message = (err as Error).message;
    if (!/BadCertificateUntrusted/.test(message)) throw err;
    throw new Error(
      `OPC UA controller ${options.endpointUrl} presented a certificate this edge does not trust; ` +
        `put it in ${options.pkiDir}/trusted/certs (its pki opcua does) or start with --trust-unknown-servers (${message})`,
      { cause: err },
    );
  }
  const session: ClientSession = await client.createSession({
    type: UserTokenType.UserName,
    userName: options.username,
    password: options.password,
  });
  const ns = (await session.readNamespaceArray()).indexOf(OPCUA_NAMESPACE_URI);
  if (ns < 0) throw new Error(`${options.endpointUrl} does not serve ${OPCUA_NAMESPACE_URI}`);
  const node = (path: string): string => `ns=${ns};s=${path}`;
  const browsed = await session.browse(node(opcuaPath.intersections));
  const ids = (browsed.references ?? []).map((r) => r.browseName.name ?? '').filter((n) => n !== '');
  const subscription = ClientSubscription.create(session, {
    requestedPublishingInterval: 200,
    requestedMaxKeepAliveCount: 10,
    publishingEnabled: true,
  });
  const silenceMs = options.silenceMs ?? 5000;
  let heardMs = options.clock.now();
  subscription.on('keepalive', () => (heardMs = options.clock.now()));
  let failed = 0;
  const states = new Map<string, State>();
  const watch = (path: string, apply: (value: unknown) => void): void => {
    const item = ClientMonitoredItem.create(
      subscription,
      { nodeId: node(path), attributeId: AttributeIds.Value },
      { samplingInterval: 100, queueSize: 1, discardOldest: true },
      TimestampsToReturn.Neither,
    );
    item.on('changed', (dv: DataValue) => {
      heardMs = options.clock.now();
      apply(dv.value.value);
    });
  };
  const links = new Map<string, ControllerLink>();
  for (const id of ids) {
    const state: State = { mode: 'off', planId: null, cycleSecond: null, active: [], fault: null };
    states.set(id, state);
    watch(
      opcuaPath.mode(id),
      (v) => (state.mode = MODES.includes(v as ControllerMode) ? (v as ControllerMode) : 'off'),
    );
    watch(opcuaPath.planId(id), (v) => (state.planId = typeof v === 'string' && v !== '' ? v : null));
    watch(opcuaPath.cycleSecond(id), (v) => (state.cycleSecond = typeof v === 'number' && v >= 0 ? v : null));
    watch(opcuaPath.activeUnits(id), (v) => (state.active = Array.isArray(v) ? v.map(String) : []));
    watch(opcuaPath.fault(id), (v) => (state.fault = typeof v === 'string' && v !== '' ? v : null));
    let queue: Promise<void> = Promise.resolve();
    const call = async (
      name: OpcuaMethodName,
      args: { dataType: DataType; value: unknown }[],
    ): Promise<void> => {
      try {
        const r = await session.call({
          objectId: node(opcuaPath.intersection(id)),
          methodId: node(opcuaPath.method(id, name)),
          inputArguments: args,
        });
        if (!r.statusCode.isGood()) failed++;
      } catch {
        failed++;
      }
    };
    links.set(id, {
      intersectionId: id,
      snapshot(): ControllerSnapshot {
        const online = connected && options.clock.now() - heardMs <= silenceMs;
        return {
          online,
          mode: state.mode,
          planId: state.planId,
          cycleSecond: state.cycleSecond,
          activeUnits: online ? state.active.map((u) => (/^\d+$/.test(u) ? Number(u) : u)) : [],
        };
      },
      send(commands: readonly SignalCommand[]): void {
        for (const c of commands) {
          const [name, args] = methodOf(c);
          queue = queue.then(() => call(name, args));
        }
      },
      fault(): string | null {
        return state.fault;
      },
    });
  }
  return {
    links,
    failedCommands: () => failed,
    close: async () => {
      // With the server gone these calls would wait on retries; give each a short deadline.
      if (connected) {
        await withDeadline(subscription.terminate(), CLOSE_DEADLINE_MS);
        await withDeadline(session.close(), CLOSE_DEADLINE_MS);
      }
      await withDeadline(client.disconnect(), CLOSE_DEADLINE_MS);
    },
  };
}

const CLOSE_DEADLINE_MS = 2000;

/** Wait for `p` but at most `ms`; errors are ignored (closing is best effort). */
async function withDeadline(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    p.catch(() => {}),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}

function methodOf(c: SignalCommand): [OpcuaMethodName, { dataType: DataType; value: unknown }[]] {
  const s = (value: string | number): { dataType: DataType; value: unknown } => ({
    dataType: DataType.String,
    value: String(value),
  });
  const b = (value: boolean): { dataType: DataType; value: unknown } => ({
    dataType: DataType.Boolean,
    value,
  });
  switch (c.type) {
    case 'hold':
      return ['Hold', [s(c.unit), b(c.on)]];
    case 'force-off':
      return ['ForceOff', [s(c.unit)]];
    case 'call':
      return ['Call', [s(c.unit)]];
    case 'omit':
      return ['Omit', [s(c.unit), b(c.on)]];
    case 'set-plan':
      return ['SetPlan', [s(c.planId)]];
    case 'set-mode':
      return ['SetMode', [s(c.mode)]];
    case 'heartbeat':
      return ['Heartbeat', []];
    default: {
      const never: never = c;
      throw new Error(`unknown command ${JSON.stringify(never)}`);
    }
  }
}
