/**
 * @module broker/broker
 * The MQTT broker behind an interface, so the embedded aedes broker (the `npm start` default) can be
 * replaced by Mosquitto or an EMQX cluster in production without touching any other part.
 */

/** Authorization hooks a broker enforces (issue: security). All optional: absent means allow. */
export type BrokerAuth = {
  /** Accept or refuse a connecting client by its credentials. */
  readonly authenticate?: (
    clientId: string,
    username: string | undefined,
    password: string | undefined,
  ) => boolean;
  /** May this client publish on this topic? */
  readonly authorizePublish?: (clientId: string, username: string | undefined, topic: string) => boolean;
  /** May this client subscribe to this filter? */
  readonly authorizeSubscribe?: (clientId: string, username: string | undefined, filter: string) => boolean;
};

export type BrokerOptions = {
  /** Interface to bind. Default 127.0.0.1. */
  readonly host?: string;
  /** TCP port; 0 picks a free one. Default 1883. */
  readonly port?: number;
  /** When the port is taken: `fail` (separate processes) or `any` (the demo takes a free port). */
  readonly whenPortTaken?: 'fail' | 'any';
  readonly auth?: BrokerAuth;
};

/** Counters a running broker exposes for /metrics and tests. */
export type BrokerStats = {
  readonly clientsConnected: number;
  readonly messagesPublished: number;
  readonly clientErrors: number;
  readonly refusedConnections: number;
  readonly refusedPublishes: number;
  readonly refusedSubscriptions: number;
};

/** A running MQTT broker. */
export interface MessageBroker {
  /** `mqtt://host:port` for clients. */
  readonly url: string;
  readonly port: number;
  stats(): BrokerStats;
  /** Disconnect every client and stop listening. */
  close(): Promise<void>;
}

/** The requested port is in use and the caller asked not to move. */
export class PortTakenError extends Error {
  override readonly name = 'PortTakenError';
  readonly port: number;

  constructor(port: number, option: string, options?: { cause?: unknown }) {
    super(`port ${port} is already in use; choose another with ${option}`, options);
    this.port = port;
  }
}
