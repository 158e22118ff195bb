/**
 * @module bench/center-ingest-pacing
 * The board pacing the center benches run their center with, for before/after figures in one
 * sitting: the center's default; `ITS_BENCH_BOARD_PACING=off` as before session 8 (every watched
 * board a turn touches is recomputed and sent, unchanged or not); `ITS_BENCH_BOARD_INTERVAL_MS=<ms>`
 * the default with that interval between a board's changed frames.
 */
import { DEFAULT_BOARD_PACING, type BoardPacing } from '../center/http/index.ts';

/** The pacing of this run. */
export function benchBoardPacing(): BoardPacing {
  if (process.env['ITS_BENCH_BOARD_PACING'] === 'off') return { intervalMs: 0, refreshMs: 0 };
  const raw = process.env['ITS_BENCH_BOARD_INTERVAL_MS'];
  if (raw === undefined || raw === '') return DEFAULT_BOARD_PACING;
  const intervalMs = Number(raw);
  if (!(intervalMs >= 0)) throw new RangeError(`ITS_BENCH_BOARD_INTERVAL_MS must be >= 0, got ${raw}`);
  return { ...DEFAULT_BOARD_PACING, intervalMs };
}

/** The pacing as words for a figure's note. */
export function pacingNote(p: BoardPacing): string {
  if (p.refreshMs === 0)
    return 'board pacing off (every touched board recomputed and sent, as before session 8)';
  const interval = p.intervalMs === 0 ? 'at once' : `at most every ${p.intervalMs} ms`;
  return `boards recomputed when a bus on them or before them reported, sent when changed (${interval}), unchanged ones resent after ${p.refreshMs} ms`;
}
