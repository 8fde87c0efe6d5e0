import type { Model } from '../../../../model/model.js';
import type { TrainingJob } from '../../../../src/training/job.js';
import {
  TrainingError,
  type TrainingRun,
  type trainInWorker,
} from '../../../../src/training/run-training.js';

/** A training run the test finishes by hand. */
export interface HeldRun {
  /** Resolves once the retrainer has started this run. */
  started: Promise<void>;
  finish(model: Model): void;
  fail(error: Error): void;
}

/** What the next training run does. */
type Plan =
  | { kind: 'start-throws'; error: Error }
  | { kind: 'settles'; result: () => Promise<Model>; started?: () => void };

/**
 * Stands in for trainInWorker: each run follows the next plan, in the order
 * planned, and records the job it was given. Like a real run, stop() makes a
 * run that has not ended reject with TrainingError STOPPED.
 */
export class FakeTraining {
  /** The jobs of every run started, in order. */
  readonly jobs: TrainingJob[] = [];
  readonly #plans: Plan[] = [];

  /** Pass this as the retrainer's `train`. */
  readonly train: typeof trainInWorker = (job) => this.#start(job);

  /** The next run returns this model. */
  returns(model: Model): this {
    this.#plans.push({ kind: 'settles', result: async () => model });
    return this;
  }

  /** The next run fails with this error, as a crashed thread's run does. */
  fails(error: Error): this {
    this.#plans.push({ kind: 'settles', result: async () => Promise.reject(error) });
    return this;
  }

  /** Starting the next run throws, as when a thread cannot be started. */
  throwsOnStart(error: Error): this {
    this.#plans.push({ kind: 'start-throws', error });
    return this;
  }

  /** The next run goes on until the test ends it. */
  holds(): HeldRun {
    let finish!: (model: Model) => void;
    let fail!: (error: Error) => void;
    let started!: () => void;
    const result = new Promise<Model>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    const startedPromise = new Promise<void>((resolve) => (started = resolve));
    this.#plans.push({ kind: 'settles', result: () => result, started });
    return { started: startedPromise, finish, fail };
  }

  #start(job: TrainingJob): TrainingRun {
    this.jobs.push(job);
    const plan = this.#plans.shift();
    if (!plan) throw new Error('test: a training run started that the test did not plan');
    if (plan.kind === 'start-throws') throw plan.error;

    plan.started?.();
    let stop!: () => void;
    const stopped = new Promise<never>((_, reject) => {
      stop = () => reject(new TrainingError('STOPPED', 'training was stopped'));
    });
    return { result: Promise.race([plan.result(), stopped]), stop: async () => stop() };
  }
}
