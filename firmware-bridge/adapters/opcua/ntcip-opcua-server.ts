/**
 * @module firmware-bridge/adapters/opcua/ntcip-opcua-server
 * Presents a polled NTCIP 1202 controller in our OPC UA address space (core/opcua), so the edge drives
 * NTCIP cabinets exactly like our own controllers: variables read the last poll; methods become NTCIP
 * phase control SetRequests. Anonymous sessions may browse, read and subscribe; methods need an
 * operator user (OPCUA_OPERATOR_ROLE), who signs in only over a Sign or SignAndEncrypt channel; the
 * server trusts only the client certificates in `<pkiDir>/trusted` (as the controllers' server).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import {
  DataType,
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAServer,
  SecurityPolicy,
  StatusCodes,
  Variant,
  VariantArrayType,
} from 'node-opcua';
import type { Namespace, UAObject } from 'node-opcua';
import type { Clock } from '../../../core/clock/index.ts';
import type { ControllerMode } from '../../../core/messages/index.ts';
import {
  OPCUA_METHODS,
  OPCUA_NAMESPACE_URI,
  operatorMaySignIn,
  opcuaPath,
} from '../../../core/opcua/index.ts';
import type { OpcuaMethodName } from '../../../core/opcua/index.ts';
import { PhaseControlState, methodToCommand } from '../../ntcip/index.ts';
import type { NtcipController, PhaseColour, PhaseControlWrite } from '../../ntcip/index.ts';

/** Where commands go: the SNMP poller's `write`. */
export type PhaseControlPort = {
  write(writes: readonly PhaseControlWrite[]): Promise<{ reason: string; detail: string } | null>;
};

/** Options of {@link startNtcipOpcuaServer}. */
export type NtcipOpcuaServerOptions = {
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  readonly intersectionId: string;
  /** The polled controller; must have been polled once (its phase count sizes the address space). */
  readonly controller: NtcipController;
  readonly control: PhaseControlPort;
  readonly clock: Clock;
  /** Operator users and their passwords. */
  readonly operators: Readonly<Record<string, string>>;
  /** PKI folder of the server (its certificate; the client certificates it trusts in `trusted/certs`). */
  readonly pkiDir: string;
  /** Accept any client certificate (tests and first set-up only). Default false. */
  readonly trustUnknownClients?: boolean;
  readonly mode?: ControllerMode;
  /** How long force-off and call bits stay set. Default 1000 ms. */
  readonly pulseMs?: number;
  readonly detectors?: number;
};

/** A running server. */
export type NtcipOpcuaServer = { readonly endpointUrl: string; close(): Promise<void> };

const LETTER: Readonly<Record<PhaseColour, string>> = { green: 'G', yellow: 'y', red: 'r', dark: 'r' };

function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** node-opcua's user check, `this` bound to the session signing in. */
function operatorCheck(operators: Readonly<Record<string, string>>) {
  return function isValidUser(
    this: { readonly channel?: { readonly securityMode?: MessageSecurityMode } | null } | undefined,
    user: string,
    password: string,
  ): boolean {
    const expected = Object.hasOwn(operators, user) ? operators[user] : undefined;
    if (expected === undefined || !timingSafeEqual(digest(expected), digest(password))) return false;
    const mode = this?.channel?.securityMode;
    return operatorMaySignIn(mode === undefined ? undefined : MessageSecurityMode[mode]);
  };
}

function str(value: string): Variant {
  return new Variant({ dataType: DataType.String, value });
}
function strArray(value: string[]): Variant {
  return new Variant({ dataType: DataType.String, arrayType: VariantArrayType.Array, value });
}

type Builder = {
  ns: Namespace;
  add(parent: UAObject, path: string, dataType: string, get: () => Variant): void;
};

function builder(ns: Namespace): Builder {
  return {
    ns,
    add: (parent, path, dataType, get) => {
      ns.addVariable({
        componentOf: parent,
        nodeId: `s=${path}`,
        browseName: path.slice(path.lastIndexOf('.') + 1),
        dataType,
        minimumSamplingInterval: 100,
        value: { get },
      });
    },
  };
}

/** Start the OPC UA server for one NTCIP controller. */
export async function startNtcipOpcuaServer(o: NtcipOpcuaServerOptions): Promise<NtcipOpcuaServer> {
  const port = o.port === 0 ? await freeTcpPort() : o.port;
  const server = new OPCUAServer({
    port,
    resourcePath: '/UA/ntcip-bridge',
    serverCertificateManager: new OPCUACertificateManager({
      rootFolder: o.pkiDir,
      automaticallyAcceptUnknownCertificate: o.trustUnknownClients ?? false,
    }),
    securityPolicies: [SecurityPolicy.None, SecurityPolicy.Basic256Sha256],
    securityModes: [MessageSecurityMode.None, MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt],
    allowAnonymous: true,
    userManager: { isValidUser: operatorCheck(o.operators) },
    buildInfo: { productName: 'its firmware-bridge (NTCIP 1202)' },
  });
  await server.initialize();
  const addressSpace = server.engine.addressSpace;
  if (addressSpace === null) throw new Error('OPC UA address space did not initialise');
  const b = builder(addressSpace.registerNamespace(OPCUA_NAMESPACE_URI));
  const { ns } = b;
  const id = o.intersectionId;
  const c = o.controller;
  const control = new PhaseControlState(c.maxPhases);
  const folder = ns.addFolder(addressSpace.rootFolder.objects, {
    nodeId: `s=${opcuaPath.intersections}`,
    browseName: opcuaPath.intersections,
  });
  const ix = ns.addObject({ organizedBy: folder, nodeId: `s=${opcuaPath.intersection(id)}`, browseName: id });
  const mode = o.mode ?? 'actuated';
  b.add(ix, opcuaPath.mode(id), 'String', () => str(mode));
  b.add(ix, opcuaPath.localMode(id), 'String', () => str(mode));
  b.add(ix, opcuaPath.planId(id), 'String', () => str(''));
  b.add(ix, opcuaPath.planIds(id), 'String', () => strArray([]));
  b.add(ix, opcuaPath.cycleSecond(id), 'Double', () => new Variant({ dataType: DataType.Double, value: -1 }));
  b.add(ix, opcuaPath.fault(id), 'String', () => str(''));
  b.add(ix, opcuaPath.activeUnits(id), 'String', () =>
    strArray(c.phases.filter((p) => p.colour === 'green').map((p) => String(p.phase))),
  );
  const units = ns.addObject({ componentOf: ix, nodeId: `s=${opcuaPath.units(id)}`, browseName: 'Units' });
  const groups = ns.addObject({
    componentOf: ix,
    nodeId: `s=${opcuaPath.groups(id)}`,
    browseName: 'SignalGroups',
  });
  const bool = (value: boolean): Variant => new Variant({ dataType: DataType.Boolean, value });
  const dbl = (value: number): Variant => new Variant({ dataType: DataType.Double, value });
  const phase = (n: number) => c.phases.find((p) => p.phase === n);
  const bit = (n: number, column: 'hold' | 'phaseOmit'): boolean =>
    (control.mask(column, Math.floor((n - 1) / 8) + 1) & (1 << ((n - 1) % 8))) !== 0;
  for (let n = 1; n <= c.maxPhases; n++) {
    const u = ns.addObject({
      componentOf: units,
      nodeId: `s=${opcuaPath.unit(id, n)}`,
      browseName: String(n),
    });
    b.add(u, opcuaPath.unitActive(id, n), 'Boolean', () => bool(phase(n)?.colour === 'green'));
    b.add(u, opcuaPath.unitHold(id, n), 'Boolean', () => bool(bit(n, 'hold')));
    b.add(u, opcuaPath.unitOmit(id, n), 'Boolean', () => bool(bit(n, 'phaseOmit')));
    b.add(u, opcuaPath.unitCall(id, n), 'Boolean', () => bool(phase(n)?.vehCall ?? false));
    const g = ns.addObject({
      componentOf: groups,
      nodeId: `s=${opcuaPath.group(id, n)}`,
      browseName: String(n),
    });
    b.add(g, opcuaPath.groupState(id, n), 'String', () => str(LETTER[phase(n)?.colour ?? 'dark']));
    b.add(g, opcuaPath.groupPed(id, n), 'String', () => {
      const p = phase(n);
      return str(p === undefined ? '' : p.walk ? 'walk' : p.pedClear ? 'flashing-dont-walk' : 'dont-walk');
    });
    b.add(g, opcuaPath.groupMinEnd(id, n), 'Double', () => dbl(-1));
    b.add(g, opcuaPath.groupMaxEnd(id, n), 'Double', () => dbl(-1));
    b.add(g, opcuaPath.groupLikelyEnd(id, n), 'Double', () => dbl(-1));
  }
  const dets = ns.addObject({
    componentOf: ix,
    nodeId: `s=${opcuaPath.detectors(id)}`,
    browseName: 'Detectors',
  });
  const detectorCount = o.detectors ?? c.detectorsOccupied.length;
  for (let d = 1; d <= detectorCount; d++) {
    const detectorId = `${id}.det${d}`;
    const obj = ns.addObject({
      componentOf: dets,
      nodeId: `s=${opcuaPath.detectors(id)}.${detectorId}`,
      browseName: detectorId,
    });
    b.add(obj, opcuaPath.detectorOccupied(id, detectorId), 'Boolean', () =>
      bool(c.detectorsOccupied[d - 1] ?? false),
    );
  }
  addMethods(ns, ix, o, control);
  await server.start();
  return {
    endpointUrl: `opc.tcp://127.0.0.1:${port}/UA/ntcip-bridge`,
    close: () => server.shutdown(0),
  };
}

function addMethods(
  ns: Namespace,
  ix: UAObject,
  o: NtcipOpcuaServerOptions,
  control: PhaseControlState,
): void {
  const pulseMs = o.pulseMs ?? 1000;
  for (const [name, args] of Object.entries(OPCUA_METHODS) as [
    OpcuaMethodName,
    readonly { name: string; dataType: string; description: string }[],
  ][]) {
    const method = ns.addMethod(ix, {
      nodeId: `s=${opcuaPath.method(o.intersectionId, name)}`,
      browseName: name,
      inputArguments: args.map((a) => ({
        name: a.name,
        description: { text: a.description },
        dataType: a.dataType === 'Boolean' ? DataType.Boolean : DataType.String,
      })),
      outputArguments: [],
    });
    method.bindMethod((inputArguments, context, callback) => {
      if (!Object.hasOwn(o.operators, context.getUserName())) {
        callback(null, { statusCode: StatusCodes.BadUserAccessDenied });
        return;
      }
      const outcome = methodToCommand(
        name,
        inputArguments.map((v) => v.value as unknown),
        o.controller.maxPhases,
      );
      if (!outcome.ok) {
        callback(null, { statusCode: StatusCodes[outcome.status] });
        return;
      }
      const command = outcome.command;
      if (command === null) {
        callback(null, { statusCode: StatusCodes.Good });
        return;
      }
      const applied = control.apply(command);
      if (!applied.ok) {
        callback(null, { statusCode: StatusCodes.BadNotFound });
        return;
      }
      const latched = command.kind === 'hold' || command.kind === 'omit' ? command : null;
      const pulse = command.kind === 'call' || command.kind === 'force-off' ? command : null;
      void o.control.write([applied.write]).then((failure) => {
        // A failed write left the controller as it was; make our record of its masks agree.
        if (latched !== null) {
          if (failure !== null) control.apply({ ...latched, on: !latched.on });
        } else if (pulse !== null && failure !== null) {
          control.release(pulse);
        } else if (pulse !== null) {
          o.clock.setTimeout(() => {
            const release = control.release(pulse);
            if (release !== null) void o.control.write([release]);
          }, pulseMs);
        }
        callback(null, {
          statusCode: failure === null ? StatusCodes.Good : StatusCodes.BadCommunicationError,
        });
      });
    });
  }
}
