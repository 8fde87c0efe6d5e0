import type { Model } from '../../model/model.js';
import type { Logger } from '../logger.js';
import { TopListsError, topListsInWorker, type TopListsRun } from './run-top-lists.js';
import type { TopListFigures, TopListsJob } from './top-lists.js';

/** How the cache reaches the model and data; `run` is replaceable for tests. */
export interface TopListCacheOptions {
  /** The model serving now. */
  model(): Model;
  /** The job for a model: its data, with members' likes as they are now. */
  job(model: Model): TopListsJob;
  logger: Logger;
  /** Starts a computation. @defaultValue a worker thread (topListsInWorker) */
  run?: (job: TopListsJob) => TopListsRun;
}

/**
 * Everybody's top 10 for the model serving now, computed once per model in a worker thread.
 * Callers that ask while it is being computed share the same computation; a new model starts
 * a new one. Nothing is computed before someone asks, so starting the bot costs nothing.
 * A failed computation is logged and forgotten, so the next call tries again.
 */
export class TopListCache {
  readonly #options: TopListCacheOptions;
  #model: Model | undefined;
  #figures: Promise<TopListFigures> | undefined;
  readonly #running = new Set<TopListsRun>();

  constructor(options: TopListCacheOptions) {
    this.#options = options;
  }

  /**
   * @returns the figures for the model serving now, computing them when needed
   * @throws TopListsError when the computation fails or is stopped
   */
  get(): Promise<TopListFigures> {
    const model = this.#options.model();
    if (this.#figures && this.#model === model) return this.#figures;

    const { logger } = this.#options;
    logger.info({ trainedAt: model.trainedAt }, 'Computing everybody’s top 10 for the statistics');
    const run = (this.#options.run ?? topListsInWorker)(this.#options.job(model));
    const figures = run.result.then(
      (done) => {
        logger.info(
          { seconds: Number(done.seconds.toFixed(2)), distinct: done.coverage.distinct },
          'Computed everybody’s top 10',
        );
        return done;
      },
      (error: Error) => {
        if (error instanceof TopListsError && error.code === 'STOPPED') {
          logger.info({ trainedAt: model.trainedAt }, 'Stopped computing the statistics');
        } else {
          logger.error(
            { err: error, trainedAt: model.trainedAt },
            'The statistics could not be computed',
          );
        }
        if (this.#figures === figures) this.#forget();
        throw error;
      },
    );
    void figures.finally(() => this.#running.delete(run)).catch(() => {});

    this.#model = model;
    this.#figures = figures;
    this.#running.add(run);
    return figures;
  }

  /** Stops the computations that are running, for shutdown; their callers get STOPPED errors. */
  async stop(): Promise<void> {
    const running = [...this.#running];
    this.#forget();
    await Promise.all(running.map((run) => run.stop()));
  }

  #forget(): void {
    this.#model = undefined;
    this.#figures = undefined;
  }
}
