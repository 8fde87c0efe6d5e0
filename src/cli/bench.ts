import { monitorEventLoopDelay } from 'node:perf_hooks';
import { trainAls } from '../../model/als/train.js';
import { fitModel } from '../../model/fit.js';
import { Recommender } from '../../model/recommender.js';
import { buildUserItemMatrix } from '../../model/sparse.js';
import { weigh } from '../../model/weighting.js';
import { Catalog } from '../catalog/index.js';
import { loadMovieLens, readRatingsFile } from '../movielens/index.js';
import { parseCommand, runCommand } from './args.js';
import { quantile, timeCalls } from './bench-stats.js';
import { syntheticInteractions } from './synthetic.js';

const USAGE =
  'npm run bench -- [--data DIR (default ../shared/data)] [--skip-scale] [--scale-users N] [--scale-items N] ' +
  '[--scale-iterations N]';

/** implicit 0.7.3's time for the same training on this machine type (EVALUATION.md). */
const IMPLICIT_SECONDS = 2.3;

const say = (label: string, value: string) => process.stdout.write(`${label.padEnd(52)} ${value}\n`);
const ms = (x: number) => `${x.toFixed(3)} ms`;

runCommand(USAGE, async () => {
  const { values, settings } = parseCommand(process.argv.slice(2), {
    data: { type: 'string' },
    'skip-scale': { type: 'boolean' },
    'scale-users': { type: 'string' },
    'scale-items': { type: 'string' },
    'scale-iterations': { type: 'string' },
  });
  const data = typeof values.data === 'string' ? values.data : '../shared/data';

  // 1. Training time on the shared split, EVALUATION.md's speed settings.
  const train = await readRatingsFile(`${data}/ml-1m-split/train.dat`);
  const speed = { ...settings, factors: 64, iterations: 15, cgSteps: 3, threads: 2 };
  const matrix = buildUserItemMatrix(train);
  const { confidence } = weigh(matrix.matrix, speed.weighting, speed.alpha);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  await trainAls(confidence, speed);
  const seconds = (performance.now() - started) / 1000;
  delay.disable();
  say('train.dat, 64 factors, 15 iterations, 3 CG, 2 threads', `${seconds.toFixed(2)} s`);
  say('  implicit 0.7.3, same settings (EVALUATION.md)', `${IMPLICIT_SECONDS} s (ratio ${(seconds / IMPLICIT_SECONDS).toFixed(2)})`);
  say('  event-loop delay p99 while training', ms(delay.percentile(99) / 1e6));
  say('  event-loop delay max while training', ms(delay.max / 1e6));

  // 2. Serving: fold-in + top 10 for a member with 20 likes, similar titles.
  const movielens = await loadMovieLens(`${data}/ml-1m`);
  const model = await fitModel(movielens.ratings, { ...settings, threads: 2 });
  const recommender = new Recommender(model);
  const known = model.items;
  const likeLists = Array.from({ length: 1000 }, (_, i) =>
    Array.from({ length: 20 }, (_, k) => known[(i * 7919 + k * 104729) % known.length]),
  );
  const recommend = timeCalls(1000, (i) => recommender.recommend(likeLists[i], 10));
  say('fold-in + top 10 with reasons, 20 likes (1,000 calls)', `median ${ms(recommend.median)}, p99 ${ms(recommend.p99)}`);
  const similar = timeCalls(1000, (i) => recommender.similar(known[(i * 31) % known.length], 10));
  say('top 10 similar titles (1,000 calls)', `median ${ms(similar.median)}, p99 ${ms(similar.p99)}`);

  // 3. Autocomplete over typed prefixes of real titles.
  const catalog = new Catalog(movielens.movies);
  const prefixes = movielens.movies
    .filter((_, i) => i % 4 === 0)
    .flatMap((m) => [3, 6, 10].map((n) => m.title.slice(0, n).toLowerCase()));
  const typed = timeCalls(prefixes.length, (i) => catalog.search(prefixes[i], 25));
  say(`autocomplete, ${prefixes.length} typed prefixes`, `median ${ms(typed.median)}, p99 ${ms(typed.p99)}`);

  if (values['skip-scale']) return;

  // 4. Scale: a synthetic service-sized data set.
  const users = Number(values['scale-users'] ?? 1_000_000);
  const items = Number(values['scale-items'] ?? 136_000);
  const iterations = Number(values['scale-iterations'] ?? 3);
  const synthetic = syntheticInteractions(users, items, 20);
  const big = buildUserItemMatrix(synthetic);
  const weighted = weigh(big.matrix, 'constant', 1);
  const iterationTimes: number[] = [];
  let last = 0;
  await trainAls(weighted.confidence, { factors: 64, iterations, cgSteps: 3, threads: 2 }, (p) => {
    iterationTimes.push(p.seconds - last);
    last = p.seconds;
  }).then((factors) => {
    const scaleModel = { ...model, items: big.items.ids, popularity: new Array(big.items.size).fill(0) };
    const scaled = new Recommender({ ...scaleModel, ...factors, settings: { ...model.settings, factors: 64 } });
    const ids = big.items.ids;
    const foldIn = timeCalls(200, (i) =>
      scaled.recommend(Array.from({ length: 20 }, (_, k) => ids[(i * 7919 + k * 104729) % ids.length]), 10),
    );
    say(`scale: ${big.users.size} users × ${big.items.size} items, ${big.matrix.indices.length} interactions`, '');
    say('  training time per iteration (64 factors)', `median ${quantile(iterationTimes, 0.5).toFixed(2)} s`);
    say('  peak memory (resident set)', `${(process.resourceUsage().maxRSS / 1024 / 1024).toFixed(2)} GiB`);
    say('  fold-in + top 10, 20 likes (200 calls)', `median ${ms(foldIn.median)}, p99 ${ms(foldIn.p99)}`);
  });
});
