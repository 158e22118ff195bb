/**
 * @module bench/center-ingest-gps-boards
 * The board side of the GPS-to-board bench, in a child process of its own: one WebSocket client
 * watching the `stop:<id>` board of every stop of the fleet's trips. It parses every board frame
 * (about 15 a second per board before the center paced them, about 600 a second in all), which in
 * the publisher's process delayed both its publishes and the frames' receive times. Times are epoch
 * milliseconds from `performance.timeOrigin + performance.now()`, comparable with the publisher's
 * process on the same machine.
 *
 * For every bus report shown (`vehicleId@asOf`) it records when a board first showed it, and when a
 * board that already showed that bus with an older report first showed it (an update of a bus on the
 * board). The first sighting alone also counts a bus that moved up onto a board when the one ahead
 * passed the stop, showing a report up to one progress period (10 s) old: its report's age, not
 * its latency.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StopBoard } from '../core/api/index.ts';
import { epochNow, openWs } from './center-ingest-ws.ts';

const BOARDS_ENV = 'ITS_GPS_BOARD_CLIENT';

/** One report's sightings: `[vehicleId@asOf, first on any board, first as an update of its bus]`. */
export type Sighting = readonly [key: string, firstMs: number, updateMs: number | null];

/** What the board client saw. */
export type BoardsReport = {
  readonly sightings: readonly Sighting[];
  readonly frames: number;
  /** CPU time of the board client's process while watching, µs. */
  readonly cpuUs: number;
};

/** A running board client. */
export type BoardsClient = { stop(): Promise<BoardsReport> };

/** Start the board client in a child process; resolves once every board's snapshot came. */
export function startBoardsChild(port: number, stopIds: readonly string[]): Promise<BoardsClient> {
  const child = fork(fileURLToPath(import.meta.url), [JSON.stringify({ port, stopIds })], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, [BOARDS_ENV]: '1' },
    serialization: 'advanced',
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`board client exited with ${code}`))),
  );
  const next = (): Promise<unknown> =>
    Promise.race([new Promise((resolve) => child.once('message', resolve)), exited]);
  return next().then(() => ({
    stop: async () => {
      const report = next() as Promise<BoardsReport>;
      child.send('stop');
      return report;
    },
  }));
}

async function watch(port: number, stopIds: readonly string[]): Promise<void> {
  const first = new Map<string, number>();
  const update = new Map<string, number>();
  // Per board, the report of each bus its last frame showed.
  const shownOn = new Map<string, Map<string, number>>();
  let frames = 0;
  const ws = await openWs(
    port,
    stopIds.map((s) => `stop:${s}`),
    (text) => {
      const now = epochNow();
      const frame = JSON.parse(text) as { type?: string; channel?: string; data?: StopBoard };
      if (frame.type !== 'delta' || frame.data === undefined || frame.channel === undefined) return;
      frames++;
      const before = shownOn.get(frame.channel);
      const shown = new Map<string, number>();
      for (const route of frame.data.routes) {
        for (const a of route.arrivals) {
          if (a.vehicleId === null || a.asOf === null) continue;
          shown.set(a.vehicleId, a.asOf);
          const key = `${a.vehicleId}@${a.asOf}`;
          if (!first.has(key)) first.set(key, now);
          const was = before?.get(a.vehicleId);
          if (was !== undefined && was < a.asOf && !update.has(key)) update.set(key, now);
        }
      }
      shownOn.set(frame.channel, shown);
    },
  );
  const cpu = process.cpuUsage();
  process.send?.('ready');
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  const used = process.cpuUsage(cpu);
  ws.close();
  const sightings: Sighting[] = [...first].map(([key, at]) => [key, at, update.get(key) ?? null]);
  const report: BoardsReport = { sightings, frames, cpuUs: used.user + used.system };
  process.send?.(report, () => process.exit(0));
}

if (process.env[BOARDS_ENV] === '1') {
  const { port, stopIds } = JSON.parse(process.argv[2] ?? '{}') as { port: number; stopIds: string[] };
  void watch(port, stopIds);
}
