import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_COUNT, MAX_COUNT, MAX_SEED } from '../../commands/explore.js';
import { likeCounts } from '../../commands/stats.js';
import type { Model } from '../../model/model.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { prepareModel, topListsJob } from '../startup.js';
import { exploreFigures } from '../stats/explore.js';
import { SUPPORT } from '../stats/groups.js';
import { topListsInWorker } from '../stats/run-top-lists.js';
import type { TopListFigures } from '../stats/top-lists.js';
import { LikeStore } from '../storage/index.js';
import { runCommand, UsageError } from './args.js';

const USAGE =
  'npm run report -- --out DIR [--count N (default 30)] [--seed N (default 1)] [--json]';

/**
 * `npm run report`: the figures of /stats and /explore without Discord. Reads MovieLens and
 * loads the model as the bot does (settings from the environment or .env: MOVIELENS_DIR,
 * MODEL_DIR, DATA_DIR), folds in the members' likes of DATA_DIR/servers, and writes
 * stats.json, coverage.json, explore.json, coverage.png and explore.png into DIR.
 * `--json` also prints the three figures as one JSON object on standard output.
 */
runCommand(USAGE, async () => {
  const options = readOptions(process.argv.slice(2));
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const likes = await LikeStore.open(config.serversDir, logger);
  try {
    const { movielens, model } = await prepareModel(config, logger, () => likes.snapshot());
    const figures = await topListsInWorker(topListsJob(movielens, model, likes.snapshot())).result;
    const titles = new Map(movielens.movies.map((m) => [m.id, m.title]));
    const titled = (id: number) => ({ id, title: titles.get(id) ?? null });
    const profiles = new Map(movielens.profiles.map((p) => [p.id, p]));

    const servers = likes.servers().map((server) => {
      const counts = likeCounts(likes.members(server));
      return { server, ...counts, top: counts.top.map(([id, n]) => ({ ...titled(id), likes: n })) };
    });
    const stats = { model: modelFigures(model), servers };
    const coverage = coverageFigures(figures);
    const explored = exploreFigures(figures, profiles, options.count, options.seed);
    const explore = {
      seed: explored.seed,
      support: SUPPORT,
      sample: explored.sample.map((s) => ({ ...s, movies: s.movies.map(titled) })),
      groups: explored.groups.map((g) => ({
        ...g,
        movies: g.movies.map(({ movie, ...m }) => ({ ...titled(movie), ...m })),
      })),
    };

    await mkdir(options.out, { recursive: true });
    const files: [string, string | Uint8Array][] = [
      ['stats.json', json(stats)],
      ['coverage.json', json(coverage)],
      ['explore.json', json(explore)],
      ['coverage.png', figures.charts.coverage],
      ['explore.png', figures.charts.groups],
    ];
    for (const [name, data] of files) await writeFile(join(options.out, name), data);

    const paths = files.map(([name]) => join(options.out, name));
    if (options.json) {
      process.stdout.write(JSON.stringify({ stats, coverage, explore, files: paths }) + '\n');
      return;
    }
    const c = figures.coverage;
    const n = (x: number) => x.toLocaleString('en');
    process.stdout.write(
      `${n(c.distinct)} distinct movies (${(100 * c.share).toFixed(1)}% of ${n(c.catalog)}) in ` +
        `the top ${c.k} of ${n(c.users)} users; written:\n${paths.map((p) => `  ${p}\n`).join('')}`,
    );
  } finally {
    await likes.close();
  }
});

function readOptions(argv: string[]) {
  let values;
  try {
    const spec = {
      out: { type: 'string' },
      count: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
    } as const;
    ({ values } = parseArgs({ args: argv, options: spec, strict: true }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (typeof values.out !== 'string' || values.out.trim() === '') {
    throw new UsageError('--out is required');
  }
  return {
    out: resolve(values.out),
    count: wholeNumber(values.count, 'count', DEFAULT_COUNT, 1, MAX_COUNT),
    seed: wholeNumber(values.seed, 'seed', 1, 0, MAX_SEED),
    json: values.json === true,
  };
}

function wholeNumber(
  text: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
) {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} takes a whole number from ${min} to ${max}, not "${text}"`);
  }
  return n;
}

function modelFigures(model: Model) {
  const { trainedAt, createdAt, fitSeconds, settings, trainedOn, evaluation } = model;
  return {
    trainedAt,
    createdAt,
    fitSeconds,
    settings,
    trainedOn,
    members: model.members.length,
    evaluation,
  };
}

function coverageFigures(figures: TopListFigures) {
  const { trainedAt, computedAt, seconds, members, coverage } = figures;
  return {
    trainedAt,
    computedAt,
    seconds,
    movielensUsers: figures.movielens.users.length,
    members,
    ...coverage,
  };
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
