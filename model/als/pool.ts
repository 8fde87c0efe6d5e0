import type { Worker } from 'node:worker_threads';
import { siblingModule, startWorker } from '../threads.js';
import type { SolverReply, SolverTask } from './messages.js';

/**
 * The solver threads of one training run. Each thread does one task at a
 * time; `all` sends one task to every thread and waits for every answer.
 */
export class SolverPool {
  readonly #workers: Worker[];
  #failure: Error | undefined;

  /**
   * @param threads - how many solver threads to start
   */
  constructor(threads: number) {
    const url = siblingModule('./worker', import.meta.url);
    this.#workers = Array.from({ length: threads }, () => startWorker(url));
  }

  /** The number of threads. */
  get size(): number {
    return this.#workers.length;
  }

  /**
   * Sends `task(i)` to thread i, for every thread.
   * @returns the answers, in thread order
   */
  all(task: (thread: number) => SolverTask): Promise<SolverReply[]> {
    return Promise.all(this.#workers.map((worker, i) => this.#send(worker, task(i))));
  }

  /**
   * Sends one task to the first thread.
   * @returns its answer
   */
  one(task: SolverTask): Promise<SolverReply> {
    return this.#send(this.#workers[0], task);
  }

  /** Stops every thread. */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }

  #send(worker: Worker, task: SolverTask): Promise<SolverReply> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => {
        this.#failure = error;
        cleanup();
        reject(error);
      };
      const onExit = (code: number) =>
        onError(new Error(`reelmate: a solver thread stopped (exit ${code})`));
      const onMessage = (reply: SolverReply) => {
        cleanup();
        resolve(reply);
      };
      const cleanup = () => {
        worker.off('error', onError).off('exit', onExit).off('message', onMessage);
      };
      worker.on('error', onError).on('exit', onExit).on('message', onMessage);
      worker.postMessage(task);
    });
  }
}
