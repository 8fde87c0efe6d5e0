import { siblingModule, startWorker } from '../../model/threads.js';
import type { TopListFigures, TopListsJob } from './top-lists.js';

/** A top-list computation that could not finish. */
export class TopListsError extends Error {
  constructor(
    readonly code: 'FAILED' | 'OUT_OF_MEMORY' | 'STOPPED',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`reelmate: ${message}`, options);
    this.name = 'TopListsError';
  }
}

/** A top-list computation in its own thread, which can be stopped. */
export interface TopListsRun {
  result: Promise<TopListFigures>;
  stop(): Promise<void>;
}

/**
 * Computes everybody's top 10 and what derives from them in a worker thread, so the
 * caller's event loop stays free.
 * @param job - the model and data, copied to the thread
 * @param memoryMb - the thread's JavaScript heap limit
 * @defaultValue memoryMb 1024
 * @returns the run: its result, and a way to stop it
 */
export function topListsInWorker(job: TopListsJob, memoryMb = 1024): TopListsRun {
  const worker = startWorker(siblingModule('./coverage-worker', import.meta.url), {
    workerData: job,
    resourceLimits: { maxOldGenerationSizeMb: memoryMb },
  });
  let stopped = false;

  const result = new Promise<TopListFigures>((resolve, reject) => {
    let figures: TopListFigures | undefined;
    worker.on('message', (message: TopListFigures) => (figures = message));
    worker.on('error', (error: Error & { code?: string }) => {
      const oom = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      const why = oom
        ? 'the statistics ran out of memory'
        : `the statistics failed: ${error.message}`;
      reject(new TopListsError(oom ? 'OUT_OF_MEMORY' : 'FAILED', why, { cause: error }));
    });
    worker.on('exit', (exitCode) => {
      if (figures) return resolve(figures);
      if (stopped) return reject(new TopListsError('STOPPED', 'the statistics were stopped'));
      reject(
        new TopListsError(
          'FAILED',
          `the statistics thread ended (exit ${exitCode}) without figures`,
        ),
      );
    });
  });
  return {
    result,
    stop: async () => {
      stopped = true;
      await worker.terminate();
    },
  };
}
