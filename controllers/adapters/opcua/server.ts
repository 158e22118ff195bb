/**
 * @module controllers/adapters/opcua/server
 * The OPC UA server of a controller process (node-opcua): one object per intersection under
 * Objects/Intersections. Anonymous sessions may browse, read and subscribe; writes and methods need
 * an authenticated user with the operator role. Endpoints offer no security (read-only use) and
 * Basic256Sha256 Sign / SignAndEncrypt. The PKI (self-signed server certificate) lives in `pkiDir`,
 * created on first start and reused afterwards, because creating it is the slow part of a start.
 */
import {
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAServer,
  PermissionType,
  SecurityPolicy,
  WellKnownRoles,
} from 'node-opcua';
import { OPCUA_NAMESPACE_URI, opcuaPath } from '../../../core/opcua/index.ts';
import type { SignalController } from '../../firmware/index.ts';
import { addIntersectionMethods } from './methods.ts';
import { addIntersectionNodes } from './nodes.ts';
import { userManagerOf, type OpcuaUser } from './users.ts';

/** Options of {@link startOpcuaServer}. */
export type OpcuaServerOptions = {
  /** TCP port; pick a free one in tests. */
  readonly port: number;
  /** Folder of the server PKI (certificates, trust lists). */
  readonly pkiDir: string;
  readonly users: readonly OpcuaUser[];
  /** Accept client certificates not yet trusted (development and tests). Default false. */
  readonly trustUnknownClients?: boolean;
  /** Host name in the endpoint URL. Default `localhost`. */
  readonly hostname?: string;
};

/** A running OPC UA server. */
export type OpcuaServerHandle = {
  readonly endpointUrl: string;
  readonly port: number;
  stop(): Promise<void>;
};

const READ =
  PermissionType.Browse |
  PermissionType.Read |
  PermissionType.ReadRolePermissions |
  PermissionType.ReceiveEvents;

/** Start an OPC UA server exposing `controllers`. */
export async function startOpcuaServer(
  controllers: readonly SignalController[],
  options: OpcuaServerOptions,
): Promise<OpcuaServerHandle> {
  const certificateManager = new OPCUACertificateManager({
    rootFolder: options.pkiDir,
    automaticallyAcceptUnknownCertificate: options.trustUnknownClients ?? false,
  });
  const hostname = options.hostname ?? 'localhost';
  const server = new OPCUAServer({
    port: options.port,
    hostname,
    serverCertificateManager: certificateManager,
    securityPolicies: [SecurityPolicy.None, SecurityPolicy.Basic256Sha256],
    securityModes: [MessageSecurityMode.None, MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt],
    allowAnonymous: true,
    userManager: userManagerOf(options.users),
    buildInfo: { productName: 'its signal controller', manufacturerName: 'its', softwareVersion: '0.1.0' },
    serverInfo: {
      applicationUri: `urn:${hostname}:its:signal-controller`,
      productUri: 'urn:its:signal-controller',
    },
  });
  await server.initialize();
  const addressSpace = server.engine.addressSpace;
  if (addressSpace === null) throw new Error('OPC UA address space did not initialise');
  const ns = addressSpace.registerNamespace(OPCUA_NAMESPACE_URI);
  ns.setDefaultRolePermissions([
    { roleId: WellKnownRoles.Anonymous, permissions: READ },
    { roleId: WellKnownRoles.AuthenticatedUser, permissions: READ },
    { roleId: WellKnownRoles.Observer, permissions: READ },
    { roleId: WellKnownRoles.Operator, permissions: READ | PermissionType.Write | PermissionType.Call },
  ]);
  const root = ns.addFolder(addressSpace.rootFolder.objects, {
    nodeId: `s=${opcuaPath.intersections}`,
    browseName: opcuaPath.intersections,
  });
  for (const c of controllers) {
    const obj = addIntersectionNodes(ns, root, c);
    addIntersectionMethods(ns, obj, c);
  }
  await server.start();
  const endpointUrl = server.getEndpointUrl();
  return {
    endpointUrl,
    port: options.port,
    async stop(): Promise<void> {
      await server.shutdown(0);
      await certificateManager.dispose();
    },
  };
}
