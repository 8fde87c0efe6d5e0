import { evaluate, type Metrics } from '../../model/evaluate.js';
import { fitModel } from '../../model/fit.js';
import { buildUserItemMatrix } from '../../model/sparse.js';
import { splitPerUser } from '../../model/split.js';
import type { AlsSettings } from '../../model/als/options.js';
import { readRatingsFile } from '../movielens/index.js';
import { parseCommand, runCommand, UsageError } from './args.js';

const USAGE =
  'npm run tune -- --ratings FILE [--holdout 0.2] [--grid JSON] [settings…]: evaluates settings on a ' +
  'validation part held out of FILE (never on a test file)';

/**
 * The grid searched when none is given: the ranges EVALUATION.md's table spans, with the
 * larger alphas that won on validation (the defaults came from this grid).
 */
const DEFAULT_GRID: Partial<AlsSettings>[] = [16, 32, 48, 64].flatMap((factors) =>
  [1, 2, 3, 5].flatMap((alpha) =>
    [1, 3].map((regularization) => ({ factors, alpha, regularization })),
  ),
);

runCommand(USAGE, async () => {
  const { values, settings } = parseCommand(process.argv.slice(2), {
    ratings: { type: 'string' },
    holdout: { type: 'string' },
    grid: { type: 'string' },
  });
  if (typeof values.ratings !== 'string') throw new UsageError('--ratings is required');
  const grid =
    typeof values.grid === 'string'
      ? (JSON.parse(values.grid) as Partial<AlsSettings>[])
      : DEFAULT_GRID;

  const ratings = await readRatingsFile(values.ratings);
  const { train, heldOut } = splitPerUser(
    ratings,
    Number(values.holdout ?? 0.2),
    settings.seed + 1,
  );
  for (const point of grid) {
    const model = await fitModel(train, { ...settings, ...point });
    const held = buildUserItemMatrix(heldOut, {
      users: model.matrix.users,
      items: model.matrix.items,
    });
    const metrics: Metrics = evaluate(
      model.userFactors,
      model.itemFactors,
      model.settings.factors,
      model.matrix.matrix,
      held.matrix,
    );
    process.stdout.write(JSON.stringify({ ...point, ...round(metrics) }) + '\n');
  }
});

function round(metrics: Metrics) {
  return Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, Number(v.toFixed(4))]));
}
