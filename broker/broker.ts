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
  /**
   * May this client publish this payload (after `authorizePublish` allowed the topic)? The embedded
   * broker uses it to bind the device id inside a message to the publisher's identity, which no
   * subscriber can check over MQTT 3.1.1. A refusal closes the client's connection (MQTT-3.3.5-2).
   */
  readonly authorizePayload?: (
    clientId: string,
    username: string | undefined,
    topic: string,
    payload: Uint8Array,
  ) => boolean;
  /**
   * Accept a client that presented a certificate the listener's CA verified, its common name standing
   * for the username. Absent: every verified certificate is accepted.
   */
  readonly authenticateCertificate?: (clientId: string, commonName: string) => boolean;
};

/** An MQTT-over-TLS listener beside the plain one (mqtts, OASIS MQTT 3.1.1 §5.1). */
export type BrokerTlsOptions = {
  /** Server certificate (PEM) file. */
  readonly certFile: string;
  /** Server private key (PEM) file. */
  readonly keyFile: string;
  /** CA certificate file (PEM) that client certificates must chain to. */
  readonly caFile?: string;
  /**
   * Require a client certificate signed by `caFile`; its common name becomes the client's identity,
   * no password needed. Default false (clients authenticate by username and password over TLS).
   */
  readonly requireClientCert?: boolean;
  /** TLS port; 0 picks a free one. Default 8883. */
  readonly port?: number;
};

export type BrokerOptions = {
  /** Interface to bind. Default 127.0.0.1. */
  readonly host?: string;
  /** TCP port; 0 picks a free one. Default 1883. */
  readonly port?: number;
  /** When the port is taken: `fail` (separate processes) or `any` (the demo takes a free port). */
  readonly whenPortTaken?: 'fail' | 'any';
  readonly auth?: BrokerAuth;
  /** Also listen for MQTT over TLS. */
  readonly tls?: BrokerTlsOptions;
};

/** Counters a running broker exposes for /metrics and tests. */
export type BrokerStats = {
  readonly clientsConnected: number;
  readonly messagesPublished: number;
  readonly clientErrors: number;
  readonly refusedConnections: number;
  readonly refusedPublishes: number;
  readonly refusedSubscriptions: number;
  /** Publishes refused by `authorizePayload` (a device id not the publisher's). */
  readonly refusedPayloads: number;
};

/** A running MQTT broker. */
export interface MessageBroker {
  /** `mqtt://host:port` for clients. */
  readonly url: string;
  readonly port: number;
  /** `mqtts://host:port` when a TLS listener runs. */
  readonly tlsUrl?: string;
  readonly tlsPort?: number;
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
