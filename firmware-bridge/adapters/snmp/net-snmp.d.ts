/**
 * @module firmware-bridge/adapters/snmp/net-snmp
 * Type declarations of the part of net-snmp 3.x the bridge uses (the package ships none).
 */
declare module 'net-snmp' {
  export type Varbind = { oid: string; type: number; value: unknown };
  export type SessionOptions = {
    port?: number;
    version?: number;
    timeout?: number;
    retries?: number;
    transport?: string;
  };
  export interface Session {
    get(oids: string[], callback: (error: Error | null, varbinds: Varbind[]) => void): void;
    set(varbinds: Varbind[], callback: (error: Error | null, varbinds: Varbind[]) => void): void;
    close(): void;
    on(event: 'error', listener: (err: Error) => void): void;
  }
  export type MibRequest = { done(error?: { errorStatus: number }): void; instanceNode: { value: unknown } };
  export type TableColumn = { number: number; name: string; type: number; maxAccess: number };
  export type ProviderDefinition = {
    name: string;
    type: number;
    oid: string;
    scalarType?: number;
    maxAccess: number;
    tableColumns?: TableColumn[];
    tableIndex?: { columnName: string; foreign?: string }[];
    handler?: (request: MibRequest) => void;
  };
  export interface Mib {
    registerProvider(definition: ProviderDefinition): void;
    setScalarValue(name: string, value: unknown): void;
    addTableRow(name: string, row: unknown[]): void;
    setTableSingleCell(name: string, column: number, rowIndex: number[], value: unknown): void;
    getTableSingleCell(name: string, column: number, rowIndex: number[]): unknown;
  }
  export interface Agent {
    getMib(): Mib;
    getAuthorizer(): { addCommunity(community: string): void };
    close(callback?: () => void): void;
  }
  export type AgentOptions = {
    port?: number;
    address?: string | null;
    transport?: string;
    disableAuthorization?: boolean;
  };
  export function createSession(target: string, community: string, options?: SessionOptions): Session;
  export function createAgent(
    options: AgentOptions,
    callback: (error: Error | null, data: unknown) => void,
  ): Agent;
  export function isVarbindError(varbind: Varbind): boolean;
  export function varbindError(varbind: Varbind): string;
  export const Version2c: number;
  export const ObjectType: { Integer: number; Counter: number; Gauge: number; OctetString: number };
  export const MibProviderType: { Scalar: number; Table: number };
  export const MaxAccess: Record<
    'not-accessible' | 'read-only' | 'read-write' | 'accessible-for-notify',
    number
  >;
}
