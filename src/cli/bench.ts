import { monitorEventLoopDelay } from 'node:perf_hooks';
import { trainAls } from '../../model/als/train.js';
import { DEFAULT_SETTINGS } from '../../model/als/options.js';
import { fitModel } from '../../model/fit.js';
import { Recommender } from '../../model/recommender.js';
import { buildUserItemMatrix } from '../../model/sparse.js';
import { weigh } from '../../model/weighting.js';
import { Catalog } from '../catalog/index.js';
import { loadMovieLens, readRatingsFile } from '../movielens/index.js';
import { trainInWorker } from '../training/run-training.js';
import { parseCommand, runCommand } from './args.js';
import { quantile, timeCalls } from './bench-stats.js';
import { syntheticInteractions } from './synthetic.js';

const USAGE =
  'npm run bench -- [--data DIR (default ../shared/data)] [--skip-scale] [--scale-users N] ' +
  '[--scale-items N] [--scale-iterations N]';

/** implicit 0.7.3's time for the same training on this machine type (EVALUATION.md). */
const IMPLICIT_SECONDS = 2.3;

const say = (label: string, value: string) =>
  process.stdout.write(`${label.padEnd(56)} ${value}\n`);
const ms = (x: number) => `${x.toFixed(3)} ms`;
const spread = (t: { median: number; p99: number }) => `median ${ms(t.median)}, p99 ${ms(t.p99)}`;

runCommand(USAGE, async () => {
  const { values } = parseCommand(process.argv.slice(2), {
    data: { type: 'string' },
    'skip-scale': { type: 'boolean' },
    'scale-users': { type: 'string' },
    'scale-items': { type: 'string' },
    'scale-iterations': { type: 'string' },
  });
  const data = typeof values.data === 'string' ? values.data : '../shared/data';

  await trainingSpeed(`${data}/ml-1m-split/train.dat`);
  await retrainDelay(`${data}/ml-1m/ratings.dat`);
  await serving(`${data}/ml-1m`);
  if (values['skip-scale']) return;
  await scale(
    Number(values['scale-users'] ?? 1_000_000),
    Number(values['scale-items'] ?? 136_000),
    Number(values['scale-iterations'] ?? 3),
  );
});

/** EVALUATION.md's speed settings on train.dat: median of three runs. */
async function trainingSpeed(file: string) {
  const matrix = buildUserItemMatrix(await readRatingsFile(file));
  const settings = { ...DEFAULT_SETTINGS, factors: 64, iterations: 15, cgSteps: 3, threads: 2 };
  const { confidence } = weigh(matrix.matrix, settings.weighting, settings.alpha);
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    await trainAls(confidence, settings);
    times.push((performance.now() - started) / 1000);
  }
  const median = quantile(times, 0.5);
  say(
    'train.dat: 64 factors, 15 iterations, 3 CG steps, 2 threads',
    `${median.toFixed(2)} s (median of 3: ${times.map((t) => t.toFixed(2)).join(', ')})`,
  );
  say(
    '  implicit 0.7.3, same settings (EVALUATION.md)',
    `${IMPLICIT_SECONDS} s; ratio ${(median / IMPLICIT_SECONDS).toFixed(2)}`,
  );
}

/** The bot's event loop while a whole retrain (read, train twice, evaluate) runs in its thread. */
async function retrainDelay(ratingsFile: string) {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  const job = { ratingsFile, members: [], settings: DEFAULT_SETTINGS, holdout: 0.1 };
  await trainInWorker(job).result;
  delay.disable();
  say(
    'retrain in a worker (MovieLens 1M, defaults, with evaluation)',
    `${((performance.now() - started) / 1000).toFixed(2)} s`,
  );
  say(
    '  event-loop delay during it: p99 / max',
    `${ms(delay.percentile(99) / 1e6)} / ${ms(delay.max / 1e6)}`,
  );
}

/** Fold-in, similar titles and autocomplete on the default model. */
async function serving(dir: string) {
  const movielens = await loadMovieLens(dir);
  const model = await fitModel(movielens.ratings, DEFAULT_SETTINGS);
  const recommender = new Recommender(model);
  const known = model.items;
  const likes = (i: number) =>
    Array.from({ length: 20 }, (_, k) => known[(i * 7919 + k * 104_729) % known.length]);
  const lists = Array.from({ length: 1000 }, (_, i) => likes(i));

  say(
    '/recommend: fold-in + top 10 + reasons, 20 likes, 1,000 calls',
    spread(timeCalls(1000, (i) => recommender.recommend(lists[i], 10))),
  );
  say(
    '/similar: top 10 by cosine, 1,000 calls',
    spread(timeCalls(1000, (i) => recommender.similar(known[(i * 31) % known.length], 10))),
  );

  const catalog = new Catalog(movielens.movies);
  const prefixes = movielens.movies.flatMap((m, i) =>
    i % 4 === 0 ? [2, 4, 7, 12].map((n) => m.title.slice(0, n).toLowerCase()) : [],
  );
  say(
    `autocomplete: ${prefixes.length.toLocaleString('en')} typed prefixes of real titles`,
    spread(timeCalls(prefixes.length, (i) => catalog.search(prefixes[i], 25))),
  );
}

/** A service-sized synthetic data set: training per iteration, memory, fold-in. */
async function scale(users: number, items: number, iterations: number) {
  const synthetic = syntheticInteractions(users, items, 20);
  const iterationTimes: number[] = [];
  let last = 0;
  const model = await fitModel(
    synthetic,
    { factors: 64, iterations, cgSteps: 3, threads: 2, alpha: 1 },
    (p) => {
      iterationTimes.push(p.seconds - last);
      last = p.seconds;
    },
  );
  const recommender = new Recommender(model);
  const ids = model.items;
  const foldIn = timeCalls(200, (i) =>
    recommender.recommend(
      Array.from({ length: 20 }, (_, k) => ids[(i * 7919 + k * 104_729) % ids.length]),
      10,
    ),
  );
  const t = model.trainedOn;
  say(
    `scale: ${t.users.toLocaleString('en')} users × ${t.items.toLocaleString('en')} items`,
    `${t.interactions.toLocaleString('en')} interactions`,
  );
  say(
    '  training per iteration, 64 factors, 2 threads',
    `median ${quantile(iterationTimes, 0.5).toFixed(2)} s`,
  );
  say('  whole fit (matrix building included)', `${model.fitSeconds.toFixed(1)} s`);
  say(
    '  peak memory of the process (resident)',
    `${(process.resourceUsage().maxRSS / 1024 / 1024).toFixed(2)} GiB`,
  );
  say('  fold-in + top 10, 20 likes, 200 calls', spread(foldIn));
}
