import cliProgress from 'cli-progress';
import type { ScheduledTask } from 'node-cron';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../model/als/options.js';
import { fingerprint } from '../model/fingerprint.js';
import type { Services } from '../commands/index.js';
import { Catalog } from './catalog/index.js';
import { trainingProgressBar } from './cli/progress.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { ModelHolder } from './model-holder.js';
import { loadOrTrain } from './model-service.js';
import { ensureMovieLens, loadMovieLens, type MovieLens } from './movielens/index.js';
import { LikeStore } from './storage/index.js';
import { DEFAULT_HOLDOUT } from './training/job.js';
import { Retrainer } from './training/retrainer.js';
import { trainInWorker } from './training/run-training.js';
import { scheduleRetraining } from './training/schedule.js';

/** Everything the bot runs on, ready to answer. */
export interface Bot {
  services: Services;
  movielens: MovieLens;
  holder: ModelHolder;
  retrainer: Retrainer;
  /** Stops the schedule and any retrain, and saves pending likes. */
  stop(): Promise<void>;
}

/**
 * Gets the bot ready: MovieLens (downloaded when missing), the catalog, the
 * liked lists, a model (loaded, or trained in a worker thread at first
 * start), the retrainer and, when asked, the nightly schedule.
 * @param config - the settings
 * @param logger - the bot's logger
 * @param schedule - whether to run the nightly retrain
 * @returns the ready bot
 */
export async function startBot(config: Config, logger: Logger, schedule: boolean): Promise<Bot> {
  const dir = await ensureMovieLens(config.movielensDir, { onProgress: downloadProgress(logger) });
  const movielens = await loadMovieLens(dir);
  logger.info({ movies: movielens.movies.length, ratings: movielens.ratings.users.length, dir }, 'Read MovieLens 1M');

  const catalog = new Catalog(movielens.movies);
  const likes = await LikeStore.open(config.serversDir, logger);
  const ratingsFile = join(dir, 'ratings.dat');
  const settings = DEFAULT_SETTINGS;
  const progress = trainingProgressBar();
  const model = await loadOrTrain({
    fingerprint: fingerprint(movielens.ratings),
    settings,
    modelDir: config.modelDir,
    logger,
    train: () =>
      trainInWorker({ ratingsFile, members: likes.snapshot(), settings, holdout: DEFAULT_HOLDOUT }, progress.onProgress)
        .result.finally(progress.stop),
  });

  const holder = new ModelHolder(model);
  const retrainer = new Retrainer({
    ratingsFile,
    modelDir: config.modelDir,
    settings,
    likes,
    logger,
    current: () => holder.current.model,
    swap: (next) => holder.replace(next),
  });
  const task: ScheduledTask | undefined = schedule
    ? scheduleRetraining(retrainer, config.retrainCron, config.retrainTimeZone, logger)
    : undefined;

  const services: Services = {
    catalog,
    likes,
    recommender: () => holder.current,
    retraining: {
      start: (reason) => {
        if (retrainer.busy) return 'already running';
        void retrainer.run(reason);
        return 'started';
      },
      busy: () => retrainer.busy,
      nextRun: () => task?.getNextRun() ?? null,
    },
  };
  const stop = async () => {
    await task?.destroy();
    await retrainer.stop();
    await likes.close();
  };
  return { services, movielens, holder, retrainer, stop };
}

/** A download progress bar on a terminal, a log line every 10% otherwise. */
function downloadProgress(logger: Logger) {
  let bar: cliProgress.SingleBar | undefined;
  let logged = -1;
  return (received: number, total: number | null) => {
    if (received === 0) logger.info({ total }, 'Downloading MovieLens 1M from GroupLens');
    if (process.stderr.isTTY && total) {
      bar ??= new cliProgress.SingleBar({ stream: process.stderr }, cliProgress.Presets.shades_classic);
      if (received === 0) bar.start(total, 0);
      bar.update(received);
      if (received >= total) bar.stop();
      return;
    }
    const tenth = total ? Math.floor((10 * received) / total) : -1;
    if (tenth > logged) {
      logged = tenth;
      logger.info({ received, total }, 'Downloading MovieLens 1M');
    }
  };
}
