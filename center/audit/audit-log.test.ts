/**
 * @module center/audit/audit-log.test
 * Both audit logs pass the shared contract.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { runAuditLogContract } from './testing/index.ts';
import { FileAuditLog, MemoryAuditLog } from './index.ts';

describe('memory', () => runAuditLogContract({ create: async () => new MemoryAuditLog() }));
describe('file', () =>
  runAuditLogContract({
    create: async () => new FileAuditLog(join(mkdtempSync(join(tmpdir(), 'its-audit-')), 'audit.jsonl')),
  }));
