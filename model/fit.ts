import { trainAls, type TrainingProgress } from './als/train.js';
import { checkSettings, type AlsSettings } from './als/options.js';
import { fingerprint } from './fingerprint.js';
import type { Model } from './model.js';
import { buildUserItemMatrix, type Interactions, type UserItemMatrix } from './sparse.js';
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
    trainedOn: { users: matrix.users.size, items: matrix.items.size, interactions: matrix.matrix.indices.length },
    fitSeconds: (performance.now() - started) / 1000,
    evaluation: null,
    trainedAt,
    createdAt: trainedAt,
    userFactors: factors.userFactors,
    itemFactors: factors.itemFactors,
    matrix,
  };
}
