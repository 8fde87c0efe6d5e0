import type { Worker } from 'node:worker_threads';
import type { TrainingProgress } from '../../model/als/train.js';
import type { Model } from '../../model/model.js';
import { siblingModule, startWorker } from '../../model/threads.js';
import type { TrainingJob, TrainingMessage } from './job.js';

/** A training run that could not finish. */
export class TrainingError extends Error {
  constructor(
    readonly code: 'FAILED' | 'OUT_OF_MEMORY' | 'STOPPED',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`reelmate: ${message}`, options);
    this.name = 'TrainingError';
  }
}

/** A training run in its own thread, which can be stopped. */
export interface TrainingRun {
  result: Promise<Model>;
  stop(): Promise<void>;
}

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
  const worker: Worker = startWorker(siblingModule('./worker', import.meta.url), {
    workerData: job,
    resourceLimits: { maxOldGenerationSizeMb: memoryMb },
  });
  let stopped = false;

  const result = new Promise<Model>((resolve, reject) => {
    let model: Model | undefined;
    worker.on('message', (message: TrainingMessage) => {
      if (message.type === 'progress') onProgress?.(message.progress);
      else model = message.model;
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const oom = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      const code = oom ? 'OUT_OF_MEMORY' : 'FAILED';
      const why = oom ? 'training ran out of memory' : `training failed: ${error.message}`;
      reject(new TrainingError(code, why, { cause: error }));
    });
    worker.on('exit', (exitCode) => {
      if (model) return resolve(model);
      if (stopped) return reject(new TrainingError('STOPPED', 'training was stopped'));
      reject(new TrainingError('FAILED', `the training thread ended (exit ${exitCode}) without a model`));
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
