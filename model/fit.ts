import { trainAls, type TrainingProgress } from './als/train.js';
import { checkSettings, type AlsSettings } from './als/options.js';
import { evaluate } from './evaluate.js';
import { fingerprint } from './fingerprint.js';
import type { Model, PerUser } from './model.js';
import {
  buildUserItemMatrix,
  type CsrMatrix,
  type Interactions,
  type UserItemMatrix,
} from './sparse.js';
import { splitPerUser } from './split.js';
import { weigh } from './weighting.js';

/**
 * Trains a model on interactions: builds the user × item matrix, weighs it,
 * runs ALS and gathers what model.json records.
 * @param interactions - the training events, by outside id
 * @param settings - ALS settings; missing ones take the defaults
 * @param onProgress - called after each iteration
 * @returns the model (evaluation left null)
 */
export async function fitModel(
  interactions: Interactions,
  settings: Partial<AlsSettings> = {},
  onProgress?: (progress: TrainingProgress) => void,
): Promise<Model & { matrix: UserItemMatrix }> {
  const s = checkSettings(settings);
  const trainedAt = new Date().toISOString();
  const started = performance.now();

  const matrix = buildUserItemMatrix(interactions);
  const { confidence, stats } = weigh(matrix.matrix, s.weighting, s.alpha);
  const factors = await trainAls(confidence, s, onProgress);

  const popularity = new Array<number>(matrix.items.size).fill(0);
  for (const col of matrix.matrix.indices) popularity[col]++;
  return {
    format: 1,
    users: matrix.users.ids,
    items: matrix.items.ids,
    popularity,
    settings: s,
    weighting: stats,
    fingerprint: fingerprint(interactions),
    trainedOn: {
      users: matrix.users.size,
      items: matrix.items.size,
      interactions: matrix.matrix.indices.length,
      perUser: perUser(matrix.matrix),
    },
    fitSeconds: (performance.now() - started) / 1000,
    evaluation: null,
    members: [],
    trainedAt,
    createdAt: new Date().toISOString(),
    userFactors: factors.userFactors,
    itemFactors: factors.itemFactors,
    matrix,
  };
}

/**
 * Trains twice: once without a held-out part of every user's interactions,
 * to measure the settings on data the model has not seen, then on
 * everything, to serve. The figures of the first run are the second's
 * `evaluation`.
 * @param interactions - the training events
 * @param settings - ALS settings
 * @param holdout - share of each user's events held out for the figures
 * @param onProgress - progress of the final training run
 * @returns the model trained on everything, with its figures
 */
export async function fitAndEvaluate(
  interactions: Interactions,
  settings: Partial<AlsSettings>,
  holdout: number,
  onProgress?: (progress: TrainingProgress) => void,
): Promise<Model> {
  const s = checkSettings(settings);
  const { train, heldOut } = splitPerUser(interactions, holdout, s.seed + 1);
  const probe = await fitModel(train, s);
  const held = buildUserItemMatrix(heldOut, probe.matrix);
  const evaluation = evaluate(
    probe.userFactors,
    probe.itemFactors,
    s.factors,
    probe.matrix.matrix,
    held.matrix,
  );

  const { matrix: _matrix, ...model } = await fitModel(interactions, s, onProgress);
  return { ...model, evaluation };
}

/**
 * Interactions per user row of a user × item matrix: the spread of the training data that
 * /stats reports.
 * @param matrix - users × items, one stored entry per interaction
 * @returns min, median, mean and max of the row lengths (all 0 for a matrix without rows)
 */
export function perUser(matrix: CsrMatrix): PerUser {
  if (matrix.rows === 0) return { min: 0, median: 0, mean: 0, max: 0 };
  const lengths = new Int32Array(matrix.rows);
  for (let r = 0; r < matrix.rows; r++) lengths[r] = matrix.indptr[r + 1] - matrix.indptr[r];
  lengths.sort();

  const middle = matrix.rows >> 1;
  const median =
    matrix.rows % 2 === 1 ? lengths[middle] : (lengths[middle - 1] + lengths[middle]) / 2;
  return {
    min: lengths[0],
    median,
    mean: matrix.indptr[matrix.rows] / matrix.rows,
    max: lengths[matrix.rows - 1],
  };
}
