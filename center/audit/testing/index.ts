/**
 * @module center/audit/testing
 * Test support for audit logs: the shared contract suite. Imported by tests only, so production code
 * never loads vitest.
 */
export { runAuditLogContract } from './audit-log-contract.ts';
export type { AuditLogContractOptions } from './audit-log-contract.ts';
