/**
 * @module firmware-bridge/adapters/opcua/ntcip-opcua.int.test
 * An NTCIP controller (a net-snmp agent serving a simulated controller) polled by the bridge and
 * presented over OPC UA in the core/opcua address space: an OPC UA client reads phase state and
 * detector presence, and an operator's Hold call reaches the controller as an SNMP SetRequest. The
 * operator signs in over SignAndEncrypt with a certificate the server trusts (`its pki opcua`); over
 * None, or with a certificate nobody trusted, the operator is refused.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AttributeIds,
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAClient,
  SecurityPolicy,
  UserTokenType,
} from 'node-opcua';
import type { ClientSession } from 'node-opcua';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SystemClock, seededIdFactory } from '../../../core/index.ts';
import { OPCUA_NAMESPACE_URI, opcuaPath } from '../../../core/opcua/index.ts';
import { NtcipBridge, createNtcipPoller, startSimulatedController } from '../snmp/index.ts';
import type { NtcipPoller, SimulatedController } from '../snmp/index.ts';
import { createOpcuaPki } from '../../../broker/tls/adapters/opcua/index.ts';
import { startNtcipOpcuaServer } from './index.ts';
import type { NtcipOpcuaServer } from './index.ts';

const ID = 'ctl-9';
let ctl: SimulatedController;
let poller: NtcipPoller;
let server: NtcipOpcuaServer;
let client: OPCUAClient;
let secure: OPCUAClient;
let anonymous: ClientSession;
let ns = 0;

beforeAll(async () => {
  ctl = await startSimulatedController({ phaseGroups: 1, detectors: 4 });
  ctl.setPhaseMask('greens', 1, 0b0010_0010);
  ctl.setPhaseMask('reds', 1, 0b1101_1101);
  ctl.setDetectorActive(1, 0b0001);
  poller = createNtcipPoller({ host: '127.0.0.1', port: ctl.port, community: 'public' });
  const clock = new SystemClock();
  const bridge = new NtcipBridge({
    poller,
    controllerId: ID,
    region: 'seoul',
    clock,
    newId: seededIdFactory(5),
    sink: { publish: () => undefined },
  });
  await bridge.pollOnce();
  const pki = await createOpcuaPki(join(mkdtempSync(join(tmpdir(), 'ntcip-opcua-')), 'pki'));
  server = await startNtcipOpcuaServer({
    pkiDir: pki.controllerPkiDir,
    port: 0,
    intersectionId: ID,
    controller: bridge.controller,
    control: poller,
    clock,
    operators: { edge: 'secret' },
    pulseMs: 50,
  });
  client = OPCUAClient.create({
    endpointMustExist: false,
    connectionStrategy: { maxRetry: 2, initialDelay: 100 },
  });
  await client.connect(server.endpointUrl);
  // The bridge's certificate is its own (made at first start); this client trusts it by hand, the
  // bridge trusts the client's through the PKI.
  secure = OPCUAClient.create({
    endpointMustExist: false,
    connectionStrategy: { maxRetry: 2, initialDelay: 100 },
    securityMode: MessageSecurityMode.SignAndEncrypt,
    securityPolicy: SecurityPolicy.Basic256Sha256,
    clientCertificateManager: new OPCUACertificateManager({
      rootFolder: pki.edgePkiDir,
      automaticallyAcceptUnknownCertificate: true,
    }),
  });
  await secure.connect(server.endpointUrl);
  anonymous = await client.createSession();
  const namespaces = (await anonymous.readNamespaceArray()) as string[];
  ns = namespaces.indexOf(OPCUA_NAMESPACE_URI);
});

afterAll(async () => {
  await anonymous?.close();
  await client?.disconnect();
  await secure?.disconnect();
  await server?.close();
  poller?.close();
  await ctl?.close();
});

async function read(session: ClientSession, path: string): Promise<unknown> {
  const dv = await session.read({ nodeId: `ns=${ns};s=${path}`, attributeId: AttributeIds.Value });
  return dv.value.value as unknown;
}

test('presents the polled phases and detectors in the controller address space', async () => {
  expect(ns).toBeGreaterThan(0);
  expect(await read(anonymous, opcuaPath.unitActive(ID, 2))).toBe(true);
  expect(await read(anonymous, opcuaPath.unitActive(ID, 1))).toBe(false);
  expect(await read(anonymous, opcuaPath.groupState(ID, 6))).toBe('G');
  expect(await read(anonymous, opcuaPath.groupState(ID, 3))).toBe('r');
  expect(Array.from((await read(anonymous, opcuaPath.activeUnits(ID))) as string[])).toEqual(['2', '6']);
  expect(await read(anonymous, opcuaPath.detectorOccupied(ID, `${ID}.det1`))).toBe(true);
});

test('refuses commands from anonymous sessions and sends an operator Hold as an SNMP SetRequest', async () => {
  const objectId = `ns=${ns};s=${opcuaPath.intersection(ID)}`;
  const hold = (session: ClientSession) =>
    session.call({
      objectId,
      methodId: `ns=${ns};s=${opcuaPath.method(ID, 'Hold')}`,
      inputArguments: [
        { dataType: 'String', value: '2' },
        { dataType: 'Boolean', value: true },
      ],
    });
  expect((await hold(anonymous)).statusCode.name).toBe('BadUserAccessDenied');
  // Over None the operator is refused a session: nothing there protects its commands on the way.
  await expect(
    client.createSession({ type: UserTokenType.UserName, userName: 'edge', password: 'secret' }),
  ).rejects.toThrow(/BadUserAccessDenied|BadIdentityTokenRejected/);
  await expect(
    secure.createSession({ type: UserTokenType.UserName, userName: 'edge', password: 'wrong' }),
  ).rejects.toThrow(/BadUserAccessDenied|BadIdentityTokenRejected/);
  expect(ctl.phaseControl('hold', 1)).toBe(0);
  const operator = await secure.createSession({
    type: UserTokenType.UserName,
    userName: 'edge',
    password: 'secret',
  });
  try {
    expect((await hold(operator)).statusCode.name).toBe('Good');
    expect(ctl.phaseControl('hold', 1)).toBe(0b10);
    expect(await read(operator, opcuaPath.unitHold(ID, 2))).toBe(true);
    const unknown = await operator.call({
      objectId,
      methodId: `ns=${ns};s=${opcuaPath.method(ID, 'Call')}`,
      inputArguments: [{ dataType: 'String', value: '12' }],
    });
    expect(unknown.statusCode.name).toBe('BadNotFound');
    const call = await operator.call({
      objectId,
      methodId: `ns=${ns};s=${opcuaPath.method(ID, 'Call')}`,
      inputArguments: [{ dataType: 'String', value: '4' }],
    });
    expect(call.statusCode.name).toBe('Good');
    expect(ctl.phaseControl('vehCall', 1)).toBe(0b1000);
    // A call is a pulse: the bridge clears the bit after pulseMs.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ctl.phaseControl('vehCall', 1)).toBe(0);
  } finally {
    await operator.close();
  }
});
