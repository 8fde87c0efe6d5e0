import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsError } from '../../model/als/options.js';
import { fingerprint } from '../../model/fingerprint.js';
import { fitModel } from '../../model/fit.js';
import type { Model } from '../../model/model.js';
import type { UserItemMatrix } from '../../model/sparse.js';

// (user, movie, stars); user 7 rates movie 300 twice, which the matrix merges into one entry.
const events = [
  [7, 300, 5],
  [3, 100, 4],
  [7, 100, 2],
  [5, 200, 3],
  [3, 300, 1],
  [7, 300, 4],
];
const interactions = {
  users: Int32Array.from(events, (e) => e[0]),
  items: Int32Array.from(events, (e) => e[1]),
  values: Float32Array.from(events, (e) => e[2]),
};

describe('fitModel', () => {
  let model: Model & { matrix: UserItemMatrix };
  const progress: number[] = [];

  beforeAll(async () => {
    model = await fitModel(
      interactions,
      { factors: 4, iterations: 3, weighting: 'bm25', alpha: 2 },
      (p) => progress.push(p.iteration),
    );
  });

  it('given interactions, then the rows are the sorted distinct user and movie ids', () => {
    expect(model.users).toEqual([3, 5, 7]);
    expect(model.items).toEqual([100, 200, 300]);
  });

  it('given interactions, then popularity counts the distinct users of each movie', () => {
    // 100: users 3 and 7; 200: user 5; 300: users 3 and 7 (7's two events are one entry)
    expect(model.popularity).toEqual([2, 1, 2]);
  });

  it('given interactions, then model.json’s record of the training data is right', () => {
    expect(model.format).toBe(1);
    // Users 3 and 7 have two entries each, user 5 one.
    expect(model.trainedOn).toEqual({
      users: 3,
      items: 3,
      interactions: 5,
      perUser: { min: 1, median: 2, mean: 5 / 3, max: 2 },
    });
    expect(model.fingerprint).toBe(fingerprint(interactions));
    expect(model.evaluation).toBeNull();
    expect(model.fitSeconds).toBeGreaterThan(0);
    expect(Date.parse(model.trainedAt)).not.toBeNaN();
  });

  it('given some settings, then the model records them with the defaults filled in', () => {
    expect(model.settings).toEqual({
      ...DEFAULT_SETTINGS,
      factors: 4,
      iterations: 3,
      weighting: 'bm25',
      alpha: 2,
    });
    expect(model.weighting).toMatchObject({ name: 'bm25', alpha: 2, averageLength: 5 / 3 });
  });

  it('given 3 users and 3 movies with 4 factors, then the factor matrices have that shape and are finite', () => {
    expect(model.userFactors).toHaveLength(3 * 4);
    expect(model.itemFactors).toHaveLength(3 * 4);
    expect([...model.userFactors, ...model.itemFactors].every(Number.isFinite)).toBe(true);
  });

  it('given a progress callback, then it hears each iteration', () => {
    expect(progress).toEqual([1, 2, 3]);
  });

  it('given a bad setting, then it rejects before training', async () => {
    await expect(fitModel(interactions, { iterations: 0 })).rejects.toBeInstanceOf(SettingsError);
  });
});
