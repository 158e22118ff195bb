/**
 * @module core/workers/ts-worker
 * A `worker_thread` running one of our TypeScript modules. A worker does not inherit the TypeScript
 * loader (tsx) the process was started with, so it loads tsx first, then the module. Used by the
 * edge's threaded ledger and the center's ingest thread.
 */
import { Worker } from 'node:worker_threads';

/** Start a worker on the TypeScript module at `moduleUrl` (a `file:` URL) with `workerData`. */
export function startTsWorker(moduleUrl: string, workerData: unknown): Worker {
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const url = JSON.stringify(moduleUrl);
  const boot = `import(${tsx}).then((tsx) => tsx.tsImport(${url}, ${url}))`;
  return new Worker(boot, { eval: true, workerData });
}
