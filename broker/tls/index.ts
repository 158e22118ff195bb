/**
 * @module broker/tls
 * TLS for MQTT (issue 11): a local CA and certificates for a test deployment, certificate files for a
 * listener. The OPC UA certificates of controllers and edges (node-opcua) are behind their own door,
 * `broker/tls/adapters/opcua/index.ts`, so importing the broker does not load node-opcua.
 */
export type { IssueOptions, IssuedCertificate } from './openssl-pki.ts';
export { CA_FILES, initCa, issueCertificate } from './openssl-pki.ts';
export type { TlsFiles } from './tls-files.ts';
export { readTlsFiles } from './tls-files.ts';
