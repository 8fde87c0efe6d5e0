import { resolve } from 'node:path';
import { fitModel } from '../../model/fit.js';
import { saveModel } from '../../model/model-files.js';
import { readRatingsFile } from '../movielens/index.js';
import { parseCommand, runCommand, UsageError } from './args.js';
import { trainingProgressBar } from './progress.js';

const USAGE =
  'npm run train -- --ratings FILE --out DIR [--factors N] [--iterations N] [--regularization X] ' +
  '[--alpha X] [--weighting constant|bm25] [--cg-steps N] [--threads N] [--seed N] [--json]';

runCommand(USAGE, async () => {
  const { values, settings } = parseCommand(process.argv.slice(2), {
    ratings: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (typeof values.ratings !== 'string' || typeof values.out !== 'string') {
    throw new UsageError('--ratings and --out are required');
  }

  const ratings = await readRatingsFile(values.ratings);
  const progress = trainingProgressBar(!values.json);
  const { matrix, ...model } = await fitModel(ratings, settings, progress.onProgress).finally(
    progress.stop,
  );
  const out = resolve(values.out);
  await saveModel(out, model);

  const result = { fit_seconds: model.fitSeconds, out, ...model.trainedOn, settings };
  process.stdout.write(
    values.json
      ? JSON.stringify(result) + '\n'
      : `Trained on ${matrix.users.size} users, ${matrix.items.size} movies in ` +
          `${model.fitSeconds.toFixed(2)} s; model written to ${out}\n`,
  );
});
