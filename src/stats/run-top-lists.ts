import { siblingModule } from '../../model/threads.js';
import { runWorker, type WorkerRun, type WorkerRunCode } from '../worker-run.js';
import type { TopListFigures, TopListsJob } from './top-lists.js';

/** A top-list computation that could not finish. */
export class TopListsError extends Error {
  constructor(
    readonly code: WorkerRunCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`reelmate: ${message}`, options);
    this.name = 'TopListsError';
  }
}

/** A top-list computation in its own thread, which can be stopped. */
export type TopListsRun = WorkerRun<TopListFigures>;

/**
 * Computes everybody's top 10 and what derives from them in a worker thread, so the
 * caller's event loop stays free.
 * @param job - the model and data, copied to the thread
 * @param memoryMb - the thread's JavaScript heap limit
 * @defaultValue memoryMb 1024
 * @returns the run: its result, and a way to stop it
 */
export function topListsInWorker(job: TopListsJob, memoryMb = 1024): TopListsRun {
  return runWorker(siblingModule('./coverage-worker', import.meta.url), {
    workerData: job,
    memoryMb,
    what: 'the statistics',
    take: (message) => message as TopListFigures,
    error: (code, message, cause) => new TopListsError(code, message, { cause }),
  });
}
