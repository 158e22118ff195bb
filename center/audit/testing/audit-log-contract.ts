/**
 * @module center/audit/testing/audit-log-contract
 * The contract every {@link AuditLog} passes, with the shared-log and bounded-log parts run for the
 * implementations that are shared or bounded. Test-only: imported from `*.test.ts` files.
 */
import { expect, test } from 'vitest';
import type { AuditEntry, AuditLog } from '../audit-log.ts';

const entry = (n: number): AuditEntry => ({
  at: 1_700_000_000_000 + n,
  actor: 'ops-1',
  role: 'operator',
  action: 'incident.declare',
  target: `incident/inc-${n}`,
  detail: { linkId: 'L1', lanes: [0], note: '전방 사고' },
});

/** Options of {@link runAuditLogContract}. */
export type AuditLogContractOptions = {
  readonly create: () => Promise<AuditLog>;
  /** Two handles on one log (two center instances on one Redis), for a log shared across instances. */
  readonly createPeers?: () => Promise<readonly [AuditLog, AuditLog]>;
  /** A log keeping at most `maxEntries`, for a bounded implementation. */
  readonly createBounded?: (maxEntries: number) => Promise<AuditLog>;
};

/** Define the audit-log contract tests. */
export function runAuditLogContract(options: AuditLogContractOptions): void {
  test('keeps entries in order and returns the newest', async () => {
    const log = await options.create();
    for (let n = 0; n < 5; n++) await log.append(entry(n));
    expect((await log.recent(2)).map((e) => e.target)).toEqual(['incident/inc-3', 'incident/inc-4']);
    expect(await log.recent(10)).toHaveLength(5);
    expect((await log.recent(1))[0]).toEqual(entry(4));
    expect(await log.recent(0)).toEqual([]);
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

  const { createPeers, createBounded } = options;
  if (createPeers !== undefined) {
    test('an entry written through one instance is read through the other, in one order', async () => {
      const [a, b] = await createPeers();
      await a.append(entry(1));
      await b.append(entry(2));
      await a.append(entry(3));
      const expected = [entry(1), entry(2), entry(3)];
      expect(await b.recent(10)).toEqual(expected);
      expect(await a.recent(10)).toEqual(expected);
      await Promise.all([a.close(), b.close()]);
    });
  }

  if (createBounded !== undefined) {
    test('keeps only the newest entries up to its bound', async () => {
      const log = await createBounded(3);
      for (let n = 0; n < 7; n++) await log.append(entry(n));
      expect((await log.recent(10)).map((e) => e.target)).toEqual([
        'incident/inc-4',
        'incident/inc-5',
        'incident/inc-6',
      ]);
      await log.close();
    });
  }
}
