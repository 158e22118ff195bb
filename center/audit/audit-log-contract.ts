/**
 * @module center/audit/audit-log-contract
 * The contract every {@link AuditLog} passes. Test-only: imported from `*.test.ts` files.
 */
import { expect, test } from 'vitest';
import type { AuditEntry, AuditLog } from './audit-log.ts';

const entry = (n: number): AuditEntry => ({
  at: 1_700_000_000_000 + n,
  actor: 'ops-1',
  role: 'operator',
  action: 'incident.declare',
  target: `incident/inc-${n}`,
  detail: { linkId: 'L1', lanes: [0] },
});

/** Define the audit-log contract tests. */
export function runAuditLogContract(options: { readonly create: () => Promise<AuditLog> }): void {
  test('keeps entries in order and returns the newest', async () => {
    const log = await options.create();
    for (let n = 0; n < 5; n++) await log.append(entry(n));
    expect((await log.recent(2)).map((e) => e.target)).toEqual(['incident/inc-3', 'incident/inc-4']);
    expect(await log.recent(10)).toHaveLength(5);
    expect((await log.recent(1))[0]).toEqual(entry(4));
    await log.close();
  });

  test('an entry cannot be changed after it is written', async () => {
    const log = await options.create();
    const e = { ...entry(1), detail: { note: 'original' } };
    await log.append(e);
    (e as { actor: string }).actor = 'someone-else';
    expect((await log.recent(1))[0]?.actor).toBe('ops-1');
    await log.close();
  });
}
