/**
 * @module edge/adapters/sqlite/sqlite-interval-marks.test
 * The interval each region closed last survives a reopen of the edge's SQLite file, beside the
 * uplink store in the same file.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { sampleItem } from '../../uplink/uplink-store.contract.ts';
import { SqliteIntervalMarks, SqliteUplinkStore } from './index.ts';

const T0 = Date.UTC(2026, 10, 27, 8, 0, 0);

test('each region’s last closed interval is read back after a reopen, beside the uplink store', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'edge-marks-')), 'edge.sqlite');
  const store = new SqliteUplinkStore(path);
  const marks = new SqliteIntervalMarks(path);
  expect(marks.lastClosed('gangnam')).toBeNull();
  marks.record('gangnam', T0);
  store.appendItems([sampleItem(1)]);
  marks.record('gangnam', T0 + 30_000);
  marks.record('seocho', T0 - 60_000);
  marks.close();
  store.close();

  const again = new SqliteIntervalMarks(path);
  const storeAgain = new SqliteUplinkStore(path);
  expect(again.lastClosed('gangnam')).toBe(T0 + 30_000);
  expect(again.lastClosed('seocho')).toBe(T0 - 60_000);
  expect(storeAgain.pendingItemCount()).toBe(1);
  // A clock set back records the earlier time: the mark is the last one written, not the latest.
  again.record('gangnam', T0 - 30_000);
  expect(again.lastClosed('gangnam')).toBe(T0 - 30_000);
  again.close();
  storeAgain.close();
});
