import { DEFAULT_SETTINGS } from '../../../model/als/options.js';
import type { Model } from '../../../model/model.js';

/**
 * A model with hand-written item factors and constant weighting, for tests
 * that check ranking and explanations without training.
 * @param items - MovieLens ids of the item rows
 * @param itemVectors - one vector per item row
 * @param options - regularization (λ), alpha and popularity counts
 * @returns the model (one user row, 0)
 */
export function handModel(
  items: number[],
  itemVectors: number[][],
  options: { regularization?: number; alpha?: number; popularity?: number[] } = {},
): Model {
  const f = itemVectors[0].length;
  const regularization = options.regularization ?? 1;
  const alpha = options.alpha ?? 1;
  return {
    format: 1,
    users: [1],
    members: [],
    items,
    popularity: options.popularity ?? items.map(() => 1),
    settings: { ...DEFAULT_SETTINGS, factors: f, regularization, alpha },
    weighting: { name: 'constant', alpha },
    fingerprint: '0123456789abcdef',
    trainedOn: {
      users: 1,
      items: items.length,
      interactions: items.length,
      perUser: { min: items.length, median: items.length, mean: items.length, max: items.length },
    },
    fitSeconds: 0.5,
    evaluation: null,
    trainedAt: '2024-01-02T03:04:05.000Z',
    createdAt: '2024-01-02T03:04:06.000Z',
    userFactors: new Float32Array(f).fill(0.25),
    itemFactors: Float32Array.from(itemVectors.flat()),
  };
}
