/**
 * @module center/audit
 * The append-only audit log of accepted writes: in memory or a JSON-lines file.
 */
export { MemoryAuditLog } from './audit-log.ts';
export type { AuditEntry, AuditLog } from './audit-log.ts';
export { FileAuditLog } from './file-audit-log.ts';
