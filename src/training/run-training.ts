import type { TrainingProgress } from '../../model/als/train.js';
import type { Model } from '../../model/model.js';
import { siblingModule } from '../../model/threads.js';
import { runWorker, type WorkerRun, type WorkerRunCode } from '../worker-run.js';
import type { TrainingJob, TrainingMessage } from './job.js';

/** A training run that could not finish. */
export class TrainingError extends Error {
  constructor(
    readonly code: WorkerRunCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`reelmate: ${message}`, options);
    this.name = 'TrainingError';
  }
}

/** A training run in its own thread, which can be stopped. */
export type TrainingRun = WorkerRun<Model>;

/**
 * Trains in a worker thread so the caller's event loop stays free.
 * @param job - what to train on, with which settings
 * @param onProgress - called after each iteration of the final run
 * @param memoryMb - the thread's JavaScript heap limit
 * @defaultValue memoryMb 4096
 * @returns the run: its result, and a way to stop it
 */
export function trainInWorker(
  job: TrainingJob,
  onProgress?: (progress: TrainingProgress) => void,
  memoryMb = 4096,
): TrainingRun {
  return runWorker(siblingModule('./worker', import.meta.url), {
    workerData: job,
    memoryMb,
    what: 'training',
    take: (message) => {
      const m = message as TrainingMessage;
      if (m.type === 'progress') onProgress?.(m.progress);
      return m.type === 'done' ? m.model : undefined;
    },
    error: (code, message, cause) => new TrainingError(code, message, { cause }),
  });
}
