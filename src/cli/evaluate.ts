import { evaluate } from '../../model/evaluate.js';
import { fitModel } from '../../model/fit.js';
import { buildUserItemMatrix } from '../../model/sparse.js';
import { readRatingsFile } from '../movielens/index.js';
import { parseCommand, runCommand, UsageError } from './args.js';
import { trainingProgressBar } from './progress.js';

const USAGE =
  'npm run evaluate -- --train FILE --test FILE [--factors N] [--iterations N] [--regularization X] ' +
  '[--alpha X] [--weighting constant|bm25] [--cg-steps N] [--threads N] [--seed N] [--json]';

runCommand(USAGE, async () => {
  const { values, settings } = parseCommand(process.argv.slice(2), {
    train: { type: 'string' },
    test: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (typeof values.train !== 'string' || typeof values.test !== 'string') {
    throw new UsageError('--train and --test are required');
  }

  const [train, test] = await Promise.all([
    readRatingsFile(values.train),
    readRatingsFile(values.test),
  ]);
  const progress = trainingProgressBar(!values.json);
  const model = await fitModel(train, settings, progress.onProgress).finally(progress.stop);
  const { matrix } = model;
  const held = buildUserItemMatrix(test, { users: matrix.users, items: matrix.items });
  const metrics = evaluate(
    model.userFactors,
    model.itemFactors,
    settings.factors,
    matrix.matrix,
    held.matrix,
  );

  const result = { ...metrics, fit_seconds: model.fitSeconds, settings };
  if (values.json) {
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }
  for (const [name, value] of Object.entries(result)) {
    const shown =
      typeof value === 'number'
        ? Number.isInteger(value)
          ? value
          : value.toFixed(4)
        : JSON.stringify(value);
    process.stdout.write(`${name.padEnd(14)} ${shown}\n`);
  }
});
