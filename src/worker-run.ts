import { startWorker } from '../model/threads.js';

/** Why a run in a worker thread ended without its result. */
export type WorkerRunCode = 'FAILED' | 'OUT_OF_MEMORY' | 'STOPPED';

/** A piece of work in its own thread, which can be stopped. */
export interface WorkerRun<T> {
  result: Promise<T>;
  stop(): Promise<void>;
}

/** How to run one kind of work in a worker thread. */
export interface WorkerRunOptions<T> {
  /** Data copied to the thread. */
  workerData: unknown;
  /** The thread's JavaScript heap limit. */
  memoryMb: number;
  /** What the work is, for messages: "training", "the statistics". */
  what: string;
  /** Returns the result when a message carries it; other messages (progress) return undefined. */
  take(message: unknown): T | undefined;
  /** Makes the caller's own error class, so callers can branch on it. */
  error(code: WorkerRunCode, message: string, cause?: unknown): Error;
}

/**
 * Runs a worker module and turns how it ends into a result or a typed error:
 * OUT_OF_MEMORY when the heap limit was hit, STOPPED after stop(), FAILED
 * for anything else (a throw, or an exit without a result).
 * @param url - the worker module
 * @param options - what to send, how to read the answer, how to fail
 * @returns the run
 */
export function runWorker<T>(url: URL, options: WorkerRunOptions<T>): WorkerRun<T> {
  const worker = startWorker(url, {
    workerData: options.workerData,
    resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
  });
  const { what } = options;
  let stopped = false;

  const result = new Promise<T>((resolve, reject) => {
    let value: T | undefined;
    worker.on('message', (message: unknown) => {
      value = options.take(message) ?? value;
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        return reject(options.error('OUT_OF_MEMORY', `${what} ran out of memory`, error));
      }
      reject(options.error('FAILED', `${what} failed: ${error.message}`, error));
    });
    worker.on('exit', (exitCode) => {
      if (value !== undefined) return resolve(value);
      if (stopped) return reject(options.error('STOPPED', `${what} was stopped`));
      reject(
        options.error('FAILED', `the thread for ${what} ended (exit ${exitCode}) without a result`),
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
