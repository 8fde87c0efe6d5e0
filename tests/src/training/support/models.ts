import type { Metrics } from '../../../../model/evaluate.js';
import type { Model } from '../../../../model/model.js';
import { handModel } from '../../../model/support/models.js';

/**
 * Held-out figures whose ndcg@10 is the one given and whose other figures follow it.
 * @param ndcg - ndcg@10
 * @returns the figures
 */
export function figures(ndcg: number): Metrics {
  return {
    users: 30,
    'precision@10': ndcg / 2,
    'recall@10': ndcg,
    'map@10': ndcg / 3,
    'ndcg@10': ndcg,
    'coverage@10': 0.5,
  };
}

/**
 * A small hand-made model (three movies, two factors) with the held-out
 * figures given, standing in for what a training run returns.
 * @param evaluation - its figures, or null for a model trained without a held-out part
 * @param label - makes models tell apart: goes into trainedAt's seconds
 * @returns the model
 */
export function modelWith(evaluation: Metrics | null, label = 0): Model {
  const model = handModel(
    [1, 2, 3],
    [
      [0.1, 0.2],
      [0.3, 0.4],
      [0.5, 0.6],
    ],
  );
  const trainedAt = `2024-02-03T04:05:${String(label).padStart(2, '0')}.000Z`;
  return { ...model, evaluation, trainedAt, createdAt: trainedAt };
}
