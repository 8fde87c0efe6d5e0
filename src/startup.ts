import cliProgress from 'cli-progress';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../model/als/options.js';
import { fingerprint } from '../model/fingerprint.js';
import type { Model } from '../model/model.js';
import type { Retraining, Services } from '../commands/index.js';
import { Catalog } from './catalog/index.js';
import { trainingProgressBar } from './cli/progress.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { ModelHolder } from './model-holder.js';
import { loadOrTrain } from './model-service.js';
import { ensureMovieLens, loadMovieLens, type MovieLens } from './movielens/index.js';
import { LikeStore, type MemberLikes } from './storage/index.js';
import { DEFAULT_HOLDOUT } from './training/job.js';
import { Retrainer } from './training/retrainer.js';
import { trainInWorker } from './training/run-training.js';
import { scheduleRetraining } from './training/schedule.js';
import { TopListCache } from './stats/top-list-cache.js';
import type { TopListsJob } from './stats/top-lists.js';

/** The data and the model, ready for a bot or a shard manager. */
export interface Prepared {
  movielens: MovieLens;
  ratingsFile: string;
  model: Model;
}

/**
 * Reads MovieLens (downloaded when missing) and loads the saved model, or
 * trains one in a worker thread when none fits the data.
 * @param config - the settings
 * @param logger - the bot's logger
 * @param members - members' likes, trained in when a model must be trained
 * @returns the data and the model
 */
export async function prepareModel(
  config: Config,
  logger: Logger,
  members: () => MemberLikes[] | Promise<MemberLikes[]>,
): Promise<Prepared> {
  // A folder the admin named is theirs: read it as it is, and say what is missing rather
  // than download over it. Only the default folder is filled from GroupLens.
  const dir = config.movielensDirGiven
    ? config.movielensDir
    : await ensureMovieLens(config.movielensDir, { onProgress: downloadProgress(logger) });
  const movielens = await loadMovieLens(dir);
  logger.info(
    { movies: movielens.movies.length, ratings: movielens.ratings.users.length, dir },
    'Read MovieLens 1M',
  );

  const ratingsFile = join(dir, 'ratings.dat');
  const progress = trainingProgressBar();
  const model = await loadOrTrain({
    fingerprint: fingerprint(movielens.ratings),
    settings: DEFAULT_SETTINGS,
    modelDir: config.modelDir,
    logger,
    train: async () => {
      const job = {
        ratingsFile,
        members: await members(),
        settings: DEFAULT_SETTINGS,
        holdout: DEFAULT_HOLDOUT,
      };
      return trainInWorker(job, progress.onProgress).result.finally(progress.stop);
    },
  });
  return { movielens, ratingsFile, model };
}

/**
 * A retrainer for the model in `holder`, saving to the model folder.
 * @returns the retrainer
 */
export function createRetrainer(
  config: Config,
  logger: Logger,
  prepared: Prepared,
  holder: { current: { model: Model }; replace(model: Model): void },
  members: () => MemberLikes[] | Promise<MemberLikes[]>,
): Retrainer {
  return new Retrainer({
    ratingsFile: prepared.ratingsFile,
    modelDir: config.modelDir,
    settings: DEFAULT_SETTINGS,
    members,
    logger,
    current: () => holder.current.model,
    swap: (next) => holder.replace(next),
  });
}

/** Everything a bot process runs on, ready to answer. */
export interface Bot {
  services: Services;
  movielens: MovieLens;
  holder: ModelHolder;
  /** Stops the schedule and any retrain, and saves pending likes. */
  stop(): Promise<void>;
}

/**
 * How this process retrains: itself (console, or one Discord process with
 * the nightly schedule), or by asking the shard manager.
 */
export type RetrainMode =
  | { kind: 'local'; schedule: boolean }
  | { kind: 'remote'; retraining: (holder: ModelHolder) => Retraining };

/**
 * Gets a bot process ready: data, model, catalog, liked lists, retraining.
 * @param config - the settings
 * @param logger - the bot's logger
 * @param mode - how this process retrains
 * @returns the ready bot
 */
export async function startBot(config: Config, logger: Logger, mode: RetrainMode): Promise<Bot> {
  const likes = await LikeStore.open(config.serversDir, logger);
  const prepared = await prepareModel(config, logger, () => likes.snapshot());
  const holder = new ModelHolder(prepared.model);
  const catalog = new Catalog(prepared.movielens.movies);
  const topLists = new TopListCache({
    model: () => holder.current.model,
    job: (model) => topListsJob(prepared.movielens, model, likes.snapshot()),
    logger,
  });
  const base = {
    catalog,
    likes,
    recommender: () => holder.current,
    profiles: new Map(prepared.movielens.profiles.map((p) => [p.id, p])),
    topLists: () => topLists.get(),
  };

  if (mode.kind === 'remote') {
    const services = { ...base, retraining: mode.retraining(holder) };
    const stop = async () => {
      await topLists.stop();
      await likes.close();
    };
    return { services, movielens: prepared.movielens, holder, stop };
  }

  const retrainer = createRetrainer(config, logger, prepared, holder, () => likes.snapshot());
  const task = mode.schedule
    ? scheduleRetraining(retrainer, config.retrainCron, config.retrainTimeZone, logger)
    : undefined;
  const retraining: Retraining = {
    start: (reason) => {
      if (retrainer.busy) return 'already running';
      if (retrainer.tooSoon()) return 'too soon';
      void retrainer.run(reason);
      return 'started';
    },
    busy: () => retrainer.busy,
    nextRun: () => task?.getNextRun() ?? null,
  };
  const stop = async () => {
    await task?.destroy();
    await retrainer.stop();
    await topLists.stop();
    await likes.close();
  };
  return { services: { ...base, retraining }, movielens: prepared.movielens, holder, stop };
}

/**
 * What the statistics thread needs to rank the catalog for everybody under a model.
 * @param movielens - the data the model was trained on
 * @param model - the model
 * @param members - members' likes now
 * @returns the job
 */
export function topListsJob(
  movielens: MovieLens,
  model: Model,
  members: MemberLikes[],
): TopListsJob {
  return {
    model,
    seen: { users: movielens.ratings.users, items: movielens.ratings.items },
    members,
    profiles: movielens.profiles,
    titles: movielens.movies.map((m) => [m.id, m.title]),
  };
}

/** A download progress bar on a terminal, a log line every 10% otherwise. */
function downloadProgress(logger: Logger) {
  let bar: cliProgress.SingleBar | undefined;
  let logged = -1;
  return (received: number, total: number | null) => {
    if (received === 0) logger.info({ total }, 'Downloading MovieLens 1M from GroupLens');
    if (process.stderr.isTTY && total) {
      bar ??= new cliProgress.SingleBar(
        { stream: process.stderr },
        cliProgress.Presets.shades_classic,
      );
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
