/**
 * EVALUATION.md's protocol on the real MovieLens 1M split, with the settings
 * of the reference row "constant, alpha 1, 32 factors, reg 1" (implicit:
 * precision@10 0.362, ndcg@10 0.406). One training run serves every test.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, type Metrics } from '../../model/evaluate.js';
import { fitModel } from '../../model/fit.js';
import type { Model } from '../../model/model.js';
import { Recommender } from '../../model/recommender.js';
import { buildUserItemMatrix, rowIndices, type UserItemMatrix } from '../../model/sparse.js';
import { readRatingsFile } from '../../src/movielens/index.js';
import type { Ratings } from '../../src/movielens/types.js';
import { ML_1M_SPLIT } from '../support/shared-data.js';

describe('quality on the MovieLens 1M split', () => {
  let train: Ratings;
  let test: Ratings;
  let model: Model & { matrix: UserItemMatrix };
  let testMatrix: UserItemMatrix;
  let metrics: Metrics;

  beforeAll(async () => {
    [train, test] = await Promise.all([
      readRatingsFile(`${ML_1M_SPLIT}/train.dat`),
      readRatingsFile(`${ML_1M_SPLIT}/test.dat`),
    ]);
    model = await fitModel(train, {
      weighting: 'constant',
      alpha: 1,
      factors: 32,
      regularization: 1,
      iterations: 15,
      cgSteps: 3,
      threads: 2,
      seed: 0,
    });
    const { users, items } = model.matrix;
    testMatrix = buildUserItemMatrix(test, { users, items });
    metrics = evaluate(
      model.userFactors,
      model.itemFactors,
      32,
      model.matrix.matrix,
      testMatrix.matrix,
    );
  });

  it('given the split, then training sees all 6,040 users and 800,193 ratings', () => {
    expect(train.users).toHaveLength(800_193);
    expect(test.users).toHaveLength(200_016);
    expect(model.trainedOn).toMatchObject({ users: 6040, interactions: 800_193 });
  });

  it('given the test set mapped onto the training index, then exactly the test movies absent from train.dat are dropped', () => {
    const trainMovies = new Set(train.items);
    const kept = test.items.filter((movie) => trainMovies.has(movie)).length;

    expect(testMatrix.matrix.indices).toHaveLength(kept);
    expect(testMatrix.matrix.rows).toBe(model.users.length);
    expect(testMatrix.matrix.cols).toBe(model.items.length);
  });

  it('given every user has a test movie, then 6,040 users are evaluated', () => {
    expect(metrics.users).toBe(6040);
  });

  it('given implicit’s settings, then ndcg@10 is within 0.01 of implicit’s 0.406', () => {
    expect(Math.abs(metrics['ndcg@10'] - 0.406)).toBeLessThanOrEqual(0.01);
  });

  it('given implicit’s settings, then precision@10 is within 0.01 of implicit’s 0.362', () => {
    expect(Math.abs(metrics['precision@10'] - 0.362)).toBeLessThanOrEqual(0.01);
  });

  it('given the trained model, then it beats the most-popular baseline on every metric', () => {
    // EVALUATION.md: most popular movies, no model: 0.182, 0.116, 0.203, coverage 0.018
    expect(metrics['precision@10']).toBeGreaterThan(0.182);
    expect(metrics['map@10']).toBeGreaterThan(0.116);
    expect(metrics['ndcg@10']).toBeGreaterThan(0.203);
    expect(metrics['coverage@10']).toBeGreaterThan(0.018);
    expect(metrics['recall@10']).toBeGreaterThan(0);
    expect(metrics['recall@10']).toBeLessThan(1);
  });

  it('given a trained user’s movies as likes, then the folded-in vector points where the trained one does', () => {
    const recommender = new Recommender(model);
    const f = model.settings.factors;

    for (let u = 0; u < model.users.length; u += 151) {
      const liked = Array.from(rowIndices(model.matrix.matrix, u), (col) => model.items[col]);
      const folded = recommender.memberVector(liked) ?? new Float64Array(f);
      const trained = model.userFactors.subarray(u * f, u * f + f);

      let dot = 0;
      let foldedNorm = 0;
      let trainedNorm = 0;
      for (let d = 0; d < f; d++) {
        dot += folded[d] * trained[d];
        foldedNorm += folded[d] ** 2;
        trainedNorm += trained[d] ** 2;
      }
      expect(dot / Math.sqrt(foldedNorm * trainedNorm), `user ${model.users[u]}`).toBeGreaterThan(
        0.99,
      );

      const recommended = recommender.recommend(liked, 10).map((r) => r.movie);
      expect(recommended).toHaveLength(10);
      expect(recommended.filter((movie) => liked.includes(movie))).toEqual([]);
    }
  });

  it('given a member who likes Star Wars and The Empire Strikes Back, then Return of the Jedi is in the top 10', () => {
    const recommender = new Recommender(model);

    const result = recommender.recommend([260, 1196], 10);

    expect(result.map((r) => r.movie)).toContain(1210);
    expect(result.find((r) => r.movie === 1210)?.because).toSatisfy((b) => b === 260 || b === 1196);
  });
});
